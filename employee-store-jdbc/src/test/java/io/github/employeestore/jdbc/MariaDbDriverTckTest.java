package io.github.employeestore.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;

/** The TCK on MariaDB/MySQL through MariaDB Connector/J (jdbc:mariadb:). */
@DisplayName("TCK on MariaDB/MySQL through MariaDB Connector/J (jdbc:mariadb:)")
class MariaDbDriverTckTest extends AbstractServerJdbcTck {
    private static final TestDatabases.Lazy DATABASE = new TestDatabases.Lazy(TestDatabases.Target.MARIADB_DRIVER);

    @AfterAll
    static void checkAndClosePool() {
        finish(DATABASE.poolIfOpen(), "tck_mariadb_driver");
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
        return "tck_mariadb_driver";
    }
}
