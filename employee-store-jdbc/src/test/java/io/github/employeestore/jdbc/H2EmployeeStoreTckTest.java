package io.github.employeestore.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

/** The TCK on embedded H2 (in memory). */
@DisplayName("TCK on embedded H2 (in memory)")
class H2EmployeeStoreTckTest extends AbstractJdbcTck {
    private static HikariDataSource pool;

    @BeforeAll
    static void openPool() {
        pool = TestDatabases.pool(TestDatabases.Target.H2);
    }

    @AfterAll
    static void checkAndClosePool() {
        finish(pool, "tck_h2");
    }

    @Override
    protected HikariDataSource pool() {
        return pool;
    }

    @Override
    protected String table() {
        return "tck_h2";
    }
}
