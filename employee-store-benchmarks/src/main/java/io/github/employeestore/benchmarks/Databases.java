package io.github.employeestore.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Where the benchmarks find their SQL databases, and the one pool configuration both the library and the
 * hand-written JDBC code use. MariaDB comes from {@code EMPLOYEE_STORE_MYSQL_URL} (a {@code jdbc:mysql:} URL is
 * used through MariaDB Connector/J), default {@code jdbc:mariadb://127.0.0.1:3306/test?user=root}; PostgreSQL from
 * {@code EMPLOYEE_STORE_POSTGRES_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. Thread-safe
 * (stateless).
 */
public final class Databases {
    /** The environment variable of the MySQL-family database. */
    public static final String MYSQL_VARIABLE = "EMPLOYEE_STORE_MYSQL_URL";
    /** The MariaDB URL used when the variable is not set. */
    public static final String DEFAULT_MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

    /** The environment variable of the PostgreSQL database. */
    public static final String POSTGRES_VARIABLE = "EMPLOYEE_STORE_POSTGRES_URL";
    /** The PostgreSQL URL used when the variable is not set. */
    public static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private Databases() {
    }

    /** @return the PostgreSQL URL (pgjdbc) */
    public static String postgresUrl() {
        String url = System.getenv(POSTGRES_VARIABLE);
        return url == null || url.isBlank() ? DEFAULT_POSTGRES_URL : url;
    }

    /** @return the MariaDB URL for MariaDB Connector/J, without pool or batch settings */
    public static String mariaDbUrl() {
        String url = System.getenv(MYSQL_VARIABLE);
        if (url == null || url.isBlank()) {
            return DEFAULT_MARIADB_URL;
        }
        if (url.startsWith("jdbc:mysql:")) {
            return "jdbc:mariadb:" + url.substring("jdbc:mysql:".length());
        }
        return url;
    }

    /**
     * @param url          a JDBC URL
     * @param maxPoolSize  the pool size
     * @param poolName     the pool name
     * @return a HikariCP pool with the batch setting the JDBC backend recommends for the driver
     */
    public static HikariDataSource pool(String url, int maxPoolSize, String poolName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(withBatchSettings(url));
        config.setMaximumPoolSize(maxPoolSize);
        config.setPoolName(poolName);
        return new HikariDataSource(config);
    }

    /**
     * @param url a JDBC URL
     * @return the URL with the driver's batch rewriting switched on (MySQL Connector/J
     *         {@code rewriteBatchedStatements}, MariaDB Connector/J {@code useBulkStmts})
     */
    public static String withBatchSettings(String url) {
        String extra = url.startsWith("jdbc:mysql:") ? "rewriteBatchedStatements=true"
                : url.startsWith("jdbc:mariadb:") ? "useBulkStmts=true" : null;
        if (extra == null || url.toLowerCase(Locale.ROOT).contains(extra.substring(0, extra.indexOf('=')).toLowerCase(Locale.ROOT))) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + extra;
    }

    /**
     * Runs one statement on a connection of its own.
     *
     * @param pool      the pool
     * @param statement the SQL
     */
    public static void execute(javax.sql.DataSource pool, String statement) {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("failed: " + statement, e);
        }
    }
}
