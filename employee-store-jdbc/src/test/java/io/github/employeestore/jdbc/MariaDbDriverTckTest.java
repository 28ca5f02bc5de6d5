package io.github.employeestore.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

/** The TCK on MariaDB/MySQL through MariaDB Connector/J (jdbc:mariadb:). */
@DisplayName("TCK on MariaDB/MySQL through MariaDB Connector/J (jdbc:mariadb:)")
class MariaDbDriverTckTest extends AbstractJdbcTck {
    private static HikariDataSource pool;

    @BeforeAll
    static void openPool() {
        pool = TestDatabases.pool(TestDatabases.Target.MARIADB_DRIVER);
    }

    @AfterAll
    static void checkAndClosePool() {
        finish(pool, "tck_mariadb_driver");
    }

    @Override
    protected HikariDataSource pool() {
        return pool;
    }

    @Override
    protected String table() {
        return "tck_mariadb_driver";
    }
}
