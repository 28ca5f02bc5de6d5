package io.github.employeestore.directory;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.jdbc.Dialect;
import io.github.employeestore.jdbc.JdbcEmployeeStore;
import org.mariadb.jdbc.MariaDbDataSource;

import java.sql.SQLException;

/** The JSON API on MariaDB ({@code EMPLOYEE_STORE_MYSQL_URL}, through the MariaDB driver), on a table of its own. */
class JsonApiMariaDbTest extends AbstractJsonApiTest {
    @Override
    protected String storeUrl() {
        String url = TestSupport.serverUrl("EMPLOYEE_STORE_MYSQL_URL");
        return "jdbc:mariadb:" + url.substring("jdbc:mysql:".length())
                + (url.contains("?") ? "&" : "?") + "table=" + TestSupport.uniqueTable("api");
    }

    @Override
    protected EmployeeStore unavailableStore() {
        try {
            MariaDbDataSource ds = new MariaDbDataSource("jdbc:mariadb://127.0.0.1:" + TestSupport.freePort()
                    + "/nothing?user=root&connectTimeout=2000");
            return JdbcEmployeeStore.builder().dataSource(ds).dialect(Dialect.MARIADB).build();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
