/**
 * Employee Store's API: the model, {@link io.github.employeestore.EmployeeStore}, opening a store by URL
 * ({@link io.github.employeestore.EmployeeStores}, which finds backends as
 * {@link io.github.employeestore.spi.EmployeeStoreProvider} services), the SPI for backends, and the in-memory
 * reference store ({@code memory:}).
 */
module io.github.employeestore.api {
    requires transitive java.sql;   // Violation and the SPI's DriverErrors speak of SQLException
    requires org.slf4j;

    exports io.github.employeestore;
    exports io.github.employeestore.memory;
    exports io.github.employeestore.spi;

    uses io.github.employeestore.spi.EmployeeStoreProvider;
    provides io.github.employeestore.spi.EmployeeStoreProvider
            with io.github.employeestore.memory.InMemoryEmployeeStoreProvider;
}
