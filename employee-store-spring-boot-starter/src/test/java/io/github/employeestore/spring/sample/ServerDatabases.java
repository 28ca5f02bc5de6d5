package io.github.employeestore.spring.sample;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The server databases of {@code EMPLOYEE_STORE_MYSQL_URL} / {@code EMPLOYEE_STORE_POSTGRES_URL} (CI sets both).
 * Their test classes carry {@link EnabledIfEnvironmentVariable} with these constants, so that without the variable
 * JUnit skips the class with the reason <em>before</em> Spring loads its application context: an assumption that
 * fails while the context loads would arrive wrapped in "Failed to load ApplicationContext" and count as an error.
 */
final class ServerDatabases {
    /** MySQL-family variable: a {@code jdbc:mysql:} URL. */
    static final String MYSQL = "EMPLOYEE_STORE_MYSQL_URL";
    /** PostgreSQL variable: a {@code jdbc:postgresql:} URL. */
    static final String POSTGRES = "EMPLOYEE_STORE_POSTGRES_URL";
    /** The pattern of a variable that is set: anything but blank. */
    static final String SET = ".*\\S.*";
    /** The end of the skip reason. */
    static final String NOT_SET = " is not set: skipped, no server to run against (CI sets it)";

    private ServerDatabases() {
    }

    /**
     * @param variable {@link #MYSQL} or {@link #POSTGRES}; the calling class is enabled only when it is set
     * @return its value
     */
    static String url(String variable) {
        String url = System.getenv(variable);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(variable + " is not set; the test class must be enabled only when it is");
        }
        return url;
    }
}
