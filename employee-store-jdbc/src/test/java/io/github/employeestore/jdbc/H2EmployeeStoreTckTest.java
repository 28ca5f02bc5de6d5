package io.github.employeestore.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;

/** The TCK on embedded H2 (in memory). */
@DisplayName("TCK on embedded H2 (in memory)")
class H2EmployeeStoreTckTest extends AbstractJdbcTck {
    private static final TestDatabases.Lazy DATABASE = new TestDatabases.Lazy(TestDatabases.Target.H2);

    @AfterAll
    static void checkAndClosePool() {
        finish(DATABASE.poolIfOpen(), "tck_h2");
    }

    @Override
    protected String url() {
        return DATABASE.url();
    }

    @Override
    protected HikariDataSource pool() {
        return DATABASE.pool();
    }

    @Override
    protected String table() {
        return "tck_h2";
    }
}
