package io.github.employeestore.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

/** The TCK on PostgreSQL. */
@DisplayName("TCK on PostgreSQL")
class PostgresTckTest extends AbstractJdbcTck {
    private static HikariDataSource pool;

    @BeforeAll
    static void openPool() {
        pool = TestDatabases.pool(TestDatabases.Target.POSTGRESQL);
    }

    @AfterAll
    static void checkAndClosePool() {
        finish(pool, "tck_postgres");
    }

    @Override
    protected HikariDataSource pool() {
        return pool;
    }

    @Override
    protected String table() {
        return "tck_postgres";
    }
}
