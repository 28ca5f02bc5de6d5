package io.github.employeestore.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.employeestore.Employee;
import io.github.employeestore.ImportResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application pool with {@code LOAD DATA LOCAL INFILE} switched off in MariaDB Connector/J
 * ({@code allowLocalInfile=false}): the store changes nothing in the pool, and {@code importAll} still writes every
 * row, through the JDBC batch.
 */
@DisplayName("importAll on MariaDB Connector/J with allowLocalInfile=false")
class MariaDbLocalInfileOffTest {
    @Test
    @DisplayName("§4 importAll writes everything through the batch when the pool forbids LOAD DATA LOCAL")
    void fallsBackToTheBatch() {
        String url = TestDatabases.url(TestDatabases.Target.MARIADB_DRIVER);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "allowLocalInfile=false");
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            JdbcEmployeeStore store = JdbcEmployeeStore.builder().dataSource(pool).table("bulk_infile_off").build();
            store.schema().drop();
            store.schema().create();
            try {
                List<Employee> rows = new ArrayList<>();
                for (int i = 0; i < 4_500; i++) {
                    rows.add(BulkImportChecks.row(i));
                }
                ImportResult result = store.importAll(rows);
                assertThat(result.isComplete()).as("%s", result.failures()).isTrue();
                assertThat(store.count()).isEqualTo(4_500);
                assertThat(store.get(rows.get(4_499).id())).contains(rows.get(4_499));
                assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
            } finally {
                store.schema().drop();
            }
        }
    }
}
