package io.github.employeestore.directory;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.jdbc.Dialect;
import io.github.employeestore.jdbc.JdbcEmployeeStore;
import org.h2.jdbcx.JdbcDataSource;

/** The JSON API on embedded H2, opened by URL through the starter as the app opens it. */
class JsonApiH2Test extends AbstractJsonApiTest {
    @Override
    protected String storeUrl() {
        return TestSupport.h2MemUrl("api");
    }

    @Override
    protected EmployeeStore unavailableStore() {
        // an H2 server that is not running
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:tcp://127.0.0.1:" + TestSupport.freePort() + "/mem:nothing");
        return JdbcEmployeeStore.builder().dataSource(ds).dialect(Dialect.H2).build();
    }
}
