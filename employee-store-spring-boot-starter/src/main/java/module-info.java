/**
 * The Spring Boot starter of Employee Store: the auto-configuration of one
 * {@link io.github.employeestore.EmployeeStore} bean, its health indicator, Spring transactions for the JDBC store,
 * exception translation and test support.
 */
module io.github.employeestore.spring {
    requires transitive io.github.employeestore.api;
    requires io.github.employeestore.micrometer;
    requires static io.github.employeestore.jdbc;
    requires static io.github.employeestore.dynamodb;
    requires spring.boot;
    requires spring.boot.autoconfigure;
    requires spring.beans;
    requires spring.context;
    requires spring.core;
    requires micrometer.observation;
    requires static spring.boot.health;
    requires static spring.tx;
    requires static spring.jdbc;
    requires static software.amazon.awssdk.services.dynamodb;
    requires static java.sql;
    requires static com.fasterxml.jackson.annotation;

    exports io.github.employeestore.spring;
    exports io.github.employeestore.spring.autoconfigure;
    exports io.github.employeestore.spring.test.autoconfigure;
    // Spring reads and instantiates the configuration classes and binds the properties by reflection
    opens io.github.employeestore.spring.autoconfigure to spring.core, spring.beans, spring.context;
}
