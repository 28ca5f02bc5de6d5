package io.github.employeestore.spring.sample;

import org.junit.jupiter.api.Assumptions;

/**
 * The server databases of {@code EMPLOYEE_STORE_MYSQL_URL} / {@code EMPLOYEE_STORE_POSTGRES_URL}; their tests are
 * skipped with the reason when the variable is not set (CI sets both).
 */
final class ServerDatabases {
    private ServerDatabases() {
    }

    static String url(String variable) {
        String url = System.getenv(variable);
        Assumptions.assumeTrue(url != null && !url.isBlank(), variable + " is not set: no server to run against");
        return url;
    }
}
