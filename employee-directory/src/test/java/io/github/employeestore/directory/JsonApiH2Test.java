package io.github.employeestore.directory;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.directory.internal.OpenedStore;
import io.github.employeestore.jdbc.Dialect;
import io.github.employeestore.jdbc.JdbcEmployeeStore;
import org.h2.jdbcx.JdbcDataSource;

/** The JSON API on embedded H2, opened by URL as the app opens it. */
class JsonApiH2Test extends AbstractJsonApiTest {
    private OpenedStore opened;

    @Override
    protected EmployeeStore openStore() {
        opened = OpenedStore.open(TestSupport.h2MemUrl("api"), true);
        return opened.store();
    }

    @Override
    protected void closeStore() {
        if (opened != null) {
            opened.close();
        }
    }

    @Override
    protected EmployeeStore unavailableStore() {
        // an H2 server that is not running
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:tcp://127.0.0.1:" + TestSupport.freePort() + "/mem:nothing");
        return JdbcEmployeeStore.builder().dataSource(ds).dialect(Dialect.H2).build();
    }
}
