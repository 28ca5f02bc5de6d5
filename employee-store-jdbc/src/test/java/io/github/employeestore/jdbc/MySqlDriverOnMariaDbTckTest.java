package io.github.employeestore.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;

/** The TCK on MariaDB/MySQL through MySQL Connector/J (jdbc:mysql:). */
@DisplayName("TCK on MariaDB/MySQL through MySQL Connector/J (jdbc:mysql:)")
class MySqlDriverOnMariaDbTckTest extends AbstractServerJdbcTck {
    private static final TestDatabases.Lazy DATABASE = new TestDatabases.Lazy(TestDatabases.Target.MYSQL_DRIVER);

    @AfterAll
    static void checkAndClosePool() {
        finish(DATABASE.poolIfOpen(), "tck_mysql_driver");
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
        return "tck_mysql_driver";
    }
}
