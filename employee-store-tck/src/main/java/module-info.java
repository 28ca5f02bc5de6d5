/**
 * The technology compatibility kit: {@link io.github.employeestore.tck.EmployeeStoreTck}, the contract's tests, for
 * a backend's test scope.
 */
module io.github.employeestore.tck {
    requires transitive io.github.employeestore.api;
    requires transitive org.junit.jupiter.api;   // the kit is a JUnit Jupiter test class to extend
    requires org.assertj.core;
    requires org.opentest4j;

    exports io.github.employeestore.tck;
    // JUnit runs the kit's tests (and its @Nested groups) by reflection
    opens io.github.employeestore.tck to org.junit.platform.commons;
}
