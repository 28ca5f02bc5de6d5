package io.github.employeestore.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The databases the tests run on. MySQL-family and PostgreSQL targets come from {@code EMPLOYEE_STORE_MYSQL_URL} /
 * {@code EMPLOYEE_STORE_POSTGRES_URL} when set (and then must work: a failure to connect fails the tests); else from
 * Testcontainers (MySQL 8.4, PostgreSQL 16) when Docker is available; else the tests are skipped with the reason.
 */
final class TestDatabases {
    static final String MYSQL_VARIABLE = "EMPLOYEE_STORE_MYSQL_URL";
    static final String POSTGRES_VARIABLE = "EMPLOYEE_STORE_POSTGRES_URL";

    private static MySQLContainer mysql;
    private static PostgreSQLContainer postgres;

    /** A database to run against, with the URL scheme (and so the driver) to reach it. */
    enum Target {
        H2, MARIADB_DRIVER, MYSQL_DRIVER, POSTGRESQL
    }

    private TestDatabases() {
    }

    /**
     * @param target the target
     * @return its JDBC URL with credentials in the query string; aborts the calling test or class if the target is
     *         not configured and Docker is unavailable
     */
    static synchronized String url(Target target) {
        return switch (target) {
            case H2 -> "jdbc:h2:mem:employee_store_tests;DB_CLOSE_DELAY=-1";
            case MYSQL_DRIVER -> mysqlUrl();
            case MARIADB_DRIVER -> "jdbc:mariadb:" + mysqlUrl().substring("jdbc:mysql:".length());
            case POSTGRESQL -> postgresUrl();
        };
    }

    private static String mysqlUrl() {
        String url = System.getenv(MYSQL_VARIABLE);
        if (url != null && !url.isBlank()) {
            assertThat(url).as(MYSQL_VARIABLE + " must be a jdbc:mysql: URL").startsWith("jdbc:mysql:");
            return url;
        }
        requireDocker(MYSQL_VARIABLE);
        if (mysql == null) {
            mysql = new MySQLContainer("mysql:8.4");
            mysql.start();
        }
        return withCredentials(mysql.getJdbcUrl(), mysql.getUsername(), mysql.getPassword());
    }

    private static String postgresUrl() {
        String url = System.getenv(POSTGRES_VARIABLE);
        if (url != null && !url.isBlank()) {
            assertThat(url).as(POSTGRES_VARIABLE + " must be a jdbc:postgresql: URL").startsWith("jdbc:postgresql:");
            return url;
        }
        requireDocker(POSTGRES_VARIABLE);
        if (postgres == null) {
            postgres = new PostgreSQLContainer("postgres:16-alpine");
            postgres.start();
        }
        return withCredentials(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
    }

    private static void requireDocker(String variable) {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error e) {
            docker = false;
        }
        Assumptions.assumeTrue(docker, () -> variable + " is not set and Docker is not available for"
                + " Testcontainers: skipped. Set " + variable + " to run these tests.");
    }

    private static String withCredentials(String url, String user, String password) {
        return url + (url.contains("?") ? "&" : "?") + "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    /**
     * @param target the target
     * @return a pool as an application would configure it, with the batch settings the README recommends
     */
    static HikariDataSource pool(Target target) {
        String url = url(target);
        String extra = switch (target) {
            case MYSQL_DRIVER -> "rewriteBatchedStatements=true";
            case MARIADB_DRIVER -> "useBulkStmts=true";
            default -> null;
        };
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(extra == null ? url : url + (url.contains("?") ? "&" : "?") + extra);
        config.setMaximumPoolSize(20);
        config.setPoolName("test-" + target.name().toLowerCase(java.util.Locale.ROOT));
        return new HikariDataSource(config);
    }

    /**
     * The pool of one test class, opened on first use. When the target is unavailable, every test that asks for it
     * is skipped with the reason (so the skips show in the test report), and the reason is printed once.
     */
    static final class Lazy {
        private final Target target;
        private HikariDataSource pool;
        private String skipReason;

        Lazy(Target target) {
            this.target = target;
        }

        synchronized HikariDataSource pool() {
            if (pool == null && skipReason == null) {
                try {
                    pool = TestDatabases.pool(target);
                } catch (org.opentest4j.TestAbortedException e) {
                    skipReason = e.getMessage();
                    System.err.println("[employee-store-jdbc tests] " + target + " SKIPPED: " + skipReason);
                }
            }
            Assumptions.assumeTrue(skipReason == null, () -> skipReason);
            return pool;
        }

        synchronized String url() {
            pool();
            return TestDatabases.url(target);
        }

        synchronized HikariDataSource poolIfOpen() {
            return pool;
        }
    }
}
