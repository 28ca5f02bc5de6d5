/**
 * The SQL backend of Employee Store on Jdbi 3 (MySQL, MariaDB, PostgreSQL, H2): {@code jdbc:} URLs through the
 * {@link io.github.employeestore.spi.EmployeeStoreProvider} service, or
 * {@link io.github.employeestore.jdbc.JdbcEmployeeStore#builder()}. The JDBC driver is the application's: drivers
 * on the module path are found as {@link java.sql.Driver} services.
 */
module io.github.employeestore.jdbc {
    requires transitive io.github.employeestore.api;
    requires transitive java.sql;            // DataSource in the builder, SQLException in TransactionBinding
    requires transitive org.jdbi.v3.core;    // Builder.jdbi(Jdbi)
    // Jdbi is an automatic module, which cannot require its own named dependency: resolve it for Jdbi
    requires io.leangen.geantyref;
    requires com.zaxxer.hikari;
    requires org.slf4j;
    requires static org.postgresql.jdbc;     // COPY for importAll, only when the PostgreSQL driver is there
    requires static org.mariadb.jdbc;        // LOAD DATA for importAll, only when MariaDB Connector/J is there

    exports io.github.employeestore.jdbc;

    provides io.github.employeestore.spi.EmployeeStoreProvider
            with io.github.employeestore.jdbc.JdbcEmployeeStoreProvider;
}
