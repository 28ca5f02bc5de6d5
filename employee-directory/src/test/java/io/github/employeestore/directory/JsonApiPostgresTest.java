package io.github.employeestore.directory;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.jdbc.Dialect;
import io.github.employeestore.jdbc.JdbcEmployeeStore;
import org.postgresql.ds.PGSimpleDataSource;

/** The JSON API on PostgreSQL ({@code EMPLOYEE_STORE_POSTGRES_URL}), on a table of its own. */
class JsonApiPostgresTest extends AbstractJsonApiTest {
    @Override
    protected String storeUrl() {
        String url = TestSupport.serverUrl("EMPLOYEE_STORE_POSTGRES_URL");
        return url + (url.contains("?") ? "&" : "?") + "table=" + TestSupport.uniqueTable("api");
    }

    @Override
    protected EmployeeStore unavailableStore() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://127.0.0.1:" + TestSupport.freePort() + "/nothing?user=postgres&connectTimeout=2");
        return JdbcEmployeeStore.builder().dataSource(ds).dialect(Dialect.POSTGRESQL).build();
    }
}
