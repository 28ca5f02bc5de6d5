package io.github.employeestore.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

/** The TCK on MariaDB/MySQL through MySQL Connector/J (jdbc:mysql:). */
@DisplayName("TCK on MariaDB/MySQL through MySQL Connector/J (jdbc:mysql:)")
class MySqlDriverOnMariaDbTckTest extends AbstractJdbcTck {
    private static HikariDataSource pool;

    @BeforeAll
    static void openPool() {
        pool = TestDatabases.pool(TestDatabases.Target.MYSQL_DRIVER);
    }

    @AfterAll
    static void checkAndClosePool() {
        finish(pool, "tck_mysql_driver");
    }

    @Override
    protected HikariDataSource pool() {
        return pool;
    }

    @Override
    protected String table() {
        return "tck_mysql_driver";
    }
}
