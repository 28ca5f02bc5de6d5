package io.github.employeestore.benchmarks;

import org.junit.jupiter.api.Assumptions;

/**
 * The external databases of the fault and lost-update tests, from the environment: {@code EMPLOYEE_STORE_MYSQL_URL}
 * (a {@code jdbc:mysql:} URL, also used through MariaDB Connector/J) and {@code EMPLOYEE_STORE_POSTGRES_URL}. When a
 * variable is set the database must be reachable (a failure to connect fails the test); when it is not set, the tests
 * that need it are skipped with the reason.
 */
public final class TestTargets {
    /** MySQL-family variable. */
    public static final String MYSQL_VARIABLE = "EMPLOYEE_STORE_MYSQL_URL";
    /** PostgreSQL variable. */
    public static final String POSTGRES_VARIABLE = "EMPLOYEE_STORE_POSTGRES_URL";

    private TestTargets() {
    }

    /** The driver to reach MariaDB with. */
    public enum MySqlDriver {
        /** MariaDB Connector/J ({@code jdbc:mariadb:}). */
        MARIADB,
        /** MySQL Connector/J ({@code jdbc:mysql:}). */
        MYSQL
    }

    /**
     * @param driver the driver
     * @return the URL for that driver; skips the calling test if the variable is not set
     */
    public static String mysql(MySqlDriver driver) {
        String url = required(MYSQL_VARIABLE);
        if (!url.startsWith("jdbc:mysql:")) {
            throw new IllegalStateException(MYSQL_VARIABLE + " must be a jdbc:mysql: URL");
        }
        return driver == MySqlDriver.MYSQL ? url : "jdbc:mariadb:" + url.substring("jdbc:mysql:".length());
    }

    /** @return the PostgreSQL URL; skips the calling test if the variable is not set */
    public static String postgres() {
        String url = required(POSTGRES_VARIABLE);
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException(POSTGRES_VARIABLE + " must be a jdbc:postgresql: URL");
        }
        return url;
    }

    private static String required(String variable) {
        String url = System.getenv(variable);
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                () -> variable + " is not set: skipped. Set it (as CI does) to run this test against that database.");
        return url;
    }
}
