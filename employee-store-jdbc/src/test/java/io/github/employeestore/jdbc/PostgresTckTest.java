package io.github.employeestore.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;

/** The TCK on PostgreSQL. */
@DisplayName("TCK on PostgreSQL")
class PostgresTckTest extends AbstractServerJdbcTck {
    private static final TestDatabases.Lazy DATABASE = new TestDatabases.Lazy(TestDatabases.Target.POSTGRESQL);

    @AfterAll
    static void checkAndClosePool() {
        finish(DATABASE.poolIfOpen(), "tck_postgres");
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
        return "tck_postgres";
    }
}
