package io.github.employeestore.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.dynamodb.DynamoDbEmployeeStore;
import io.github.employeestore.jdbc.JdbcEmployeeStore;
import io.github.employeestore.memory.InMemoryEmployeeStore;
import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LostUpdateCheck} on every backend: in-memory, H2, MariaDB through both drivers, PostgreSQL, DynamoDB on a moto server. */
class LostUpdateTests {

    @Nested
    class InMemory extends LostUpdateCheck {
        @Override
        protected EmployeeStore store() {
            return InMemoryEmployeeStore.builder().build();
        }
    }

    /** A JDBC store on a fresh table of a pool the test owns; afterwards no connection may still be borrowed. */
    abstract static class Jdbc extends LostUpdateCheck {
        private HikariDataSource pool;
        private JdbcEmployeeStore store;

        abstract String url();

        @Override
        protected EmployeeStore store() {
            pool = io.github.employeestore.benchmarks.Databases.pool(url(), THREADS, "lost-update");
            store = JdbcEmployeeStore.builder().dataSource(pool).table("lost_update_" + getClass().getSimpleName()
                    .toLowerCase(java.util.Locale.ROOT)).build();
            store.schema().drop();
            store.schema().create();
            return store;
        }

        @AfterEach
        void cleanUp() {
            if (pool != null) {
                assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("connections still borrowed")
                        .isZero();
                store.schema().drop();
                pool.close();
            }
        }
    }

    @Nested
    class H2 extends Jdbc {
        @Override
        String url() {
            return "jdbc:h2:mem:lost_update;DB_CLOSE_DELAY=-1";
        }
    }

    @Nested
    class MariaDbConnectorJ extends Jdbc {
        @Override
        String url() {
            return TestTargets.mysql(TestTargets.MySqlDriver.MARIADB);
        }
    }

    @Nested
    class MySqlConnectorJOnMariaDb extends Jdbc {
        @Override
        String url() {
            return TestTargets.mysql(TestTargets.MySqlDriver.MYSQL);
        }
    }

    @Nested
    class PostgreSql extends Jdbc {
        @Override
        String url() {
            return TestTargets.postgres();
        }
    }

    @Nested
    @MotoTest
    class DynamoDbOnMoto extends LostUpdateCheck {
        private DynamoDbClient client;
        private DynamoDbEmployeeStore store;

        @Override
        protected EmployeeStore store() {
            client = MotoDynamoDb.shared().client();
            store = DynamoDbEmployeeStore.builder().client(client)
                    .tableName(MotoDynamoDb.shared().uniqueTableName("lost_update")).build();
            store.schema().create();
            return store;
        }

        @AfterEach
        void cleanUp() {
            if (store != null) {
                store.schema().drop();
                client.close();
            }
        }
    }
}
