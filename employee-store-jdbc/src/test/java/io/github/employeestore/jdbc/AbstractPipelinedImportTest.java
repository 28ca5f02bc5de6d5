package io.github.employeestore.jdbc;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStores;
import io.github.employeestore.ImportResult;
import io.github.employeestore.jdbc.internal.bulk.BulkConnections;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.AbstractCollection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code importAll} of a store that owns its pool (opened by URL), where a large import is written by several
 * connections at once from a lazily produced input: the report and the stored rows must be exactly those of a
 * one-connection import. The chunks are small here ({@code bulkChunkRows} is 2,000 in this module's tests), so an
 * import of 15,000 rows is cut into eight chunks over three connections (two on MySQL/MariaDB).
 */
abstract class AbstractPipelinedImportTest {
    private static final int ROWS = 15_000;

    /** @return the JDBC URL of the database, with its query string if it has one */
    abstract String url();

    /** @return the database of {@link #url()} */
    private Dialect dialect() {
        try (EmployeeStore store = open("pipelined_import")) {
            return ((JdbcEmployeeStore) store).dialect();
        }
    }

    private EmployeeStore open(String table) {
        String url = url();
        return EmployeeStores.open(url + (url.contains("?") ? "&" : "?") + "table=" + table + "&poolSize=4");
    }

    /**
     * Makes the table empty and of an older layout, without the name-search index beside it: only such a table is
     * loaded over several connections (with the index, chunks load one after the other). A store opened afterwards
     * finds no index.
     */
    private void olderLayoutTable(String table) {
        try (EmployeeStore setup = open(table);
             java.sql.Connection c = java.sql.DriverManager.getConnection(url());
             java.sql.Statement st = c.createStatement()) {
            setup.schema().drop();
            setup.schema().create();
            for (String drop : AbstractJdbcTck.nameIndex((JdbcEmployeeStore) setup).dropStatements()) {
                st.execute(drop);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes each employee as it is iterated, counting how many were made, and never holds them. */
    private static final class Lazy extends AbstractCollection<Employee> {
        final AtomicInteger made = new AtomicInteger();

        @Override
        public Iterator<Employee> iterator() {
            return new Iterator<>() {
                private int i;

                @Override
                public boolean hasNext() {
                    return i < ROWS;
                }

                @Override
                public Employee next() {
                    int n = i++;
                    made.incrementAndGet();
                    if (n % 1000 == 999) {
                        return BulkImportChecks.row(n).toBuilder().version(0).build();   // invalid
                    }
                    if (n % 1000 == 500) {
                        return BulkImportChecks.row(n - 400).toBuilder().fullName("Repeated").build();
                    }
                    return BulkImportChecks.row(n);
                }
            };
        }

        @Override
        public int size() {
            return ROWS;
        }
    }

    @Test
    @DisplayName("§4.13.1, §4.13.2 importAll over several connections from a lazy input: every row and every report exact")
    void severalConnectionsWriteExactly() {
        assertThat(BulkConnections.forImport(dialect(), 4, ROWS, 2_000)).as("connections of this import")
                .isEqualTo(dialect() == Dialect.POSTGRESQL || dialect() == Dialect.H2 ? 3 : 2);
        olderLayoutTable("pipelined_import");
        try (EmployeeStore store = open("pipelined_import")) {
            try {
                Lazy input = new Lazy();
                ImportResult result = store.importAll(input);
                assertThat(input.made).hasValue(ROWS);
                assertThat(result.attempted()).isEqualTo(ROWS);
                assertThat(result.failures()).hasSize(30);
                for (ImportResult.Failure f : result.failures()) {
                    if (f.index() % 1000 == 999) {
                        assertThat(f.reason()).startsWith("invalid");
                    } else {
                        assertThat(f.index() % 1000).isEqualTo(500);
                        assertThat(f.reason()).isEqualTo("duplicate id: already given at index " + (f.index() - 400));
                    }
                }
                assertThat(result.failures()).extracting(ImportResult.Failure::index).isSorted();
                assertThat(store.count()).isEqualTo(ROWS - 30);
                for (int n : List.of(0, 100, 1998, 2000, 7777, 14_998)) {
                    assertThat(store.get(BulkImportChecks.row(n).id())).contains(BulkImportChecks.row(n));
                }
                assertThat(store.get(BulkImportChecks.row(999).id())).isEmpty();
                // repeating the call is safe and changes nothing
                assertThat(store.importAll(new Lazy()).written()).isEqualTo(ROWS - 30);
                assertThat(store.count()).isEqualTo(ROWS - 30);
            } finally {
                store.schema().drop();
            }
        }
    }

    @Test
    @DisplayName("§4.21.1, §4.21.2 createAll over three connections: existing ids reported and kept, the others created")
    void createAllOverSeveralConnections() {
        olderLayoutTable("pipelined_create");
        try (EmployeeStore store = open("pipelined_create")) {
            try {
                List<Employee> stored = new java.util.ArrayList<>();
                for (int n = 0; n < ROWS; n += 500) {
                    stored.add(BulkImportChecks.row(n));
                }
                store.importAll(stored);
                List<Employee> drafts = new java.util.ArrayList<>();
                for (int n = 0; n < ROWS; n++) {
                    drafts.add(BulkImportChecks.row(n).toBuilder().fullName("Created " + n).version(0).build());
                }
                io.github.employeestore.CreateAllResult result = store.createAll(drafts);
                assertThat(result.existingIds()).hasSize(stored.size());
                assertThat(result.failures()).hasSize(stored.size());
                assertThat(result.created()).hasSize(ROWS - stored.size());
                assertThat(store.count()).isEqualTo(ROWS);
                for (Employee e : stored) {
                    assertThat(store.get(e.id())).contains(e);
                }
                assertThat(store.get(BulkImportChecks.row(7777).id()).orElseThrow().fullName()).isEqualTo("Created 7777");
            } finally {
                store.schema().drop();
            }
        }
    }

    @Test
    @DisplayName("§4.13.4 importAll whose input fails while it is read: the input's exception, nothing hangs")
    void failingInputEndsTheImport() {
        try (EmployeeStore store = open("pipelined_import_fail")) {
            store.schema().drop();
            store.schema().create();
            try {
                AbstractCollection<Employee> failing = new AbstractCollection<>() {
                    @Override
                    public Iterator<Employee> iterator() {
                        Iterator<Employee> rows = new Lazy().iterator();
                        AtomicInteger n = new AtomicInteger();
                        return new Iterator<>() {
                            @Override
                            public boolean hasNext() {
                                return true;
                            }

                            @Override
                            public Employee next() {
                                if (n.incrementAndGet() > 9_000) {
                                    throw new IllegalStateException("the source broke");
                                }
                                return rows.next();
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return ROWS;
                    }
                };
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> store.importAll(failing)))
                        .isInstanceOf(IllegalStateException.class).hasMessage("the source broke");
            } finally {
                store.schema().drop();
            }
        }
    }

    @Test
    @DisplayName("connections: one for a given pool or a small import, by default three (PostgreSQL, H2) or two "
            + "(MySQL/MariaDB), never the whole pool")
    void connectionBounds() {
        assertThat(BulkConnections.forImport(Dialect.POSTGRESQL, 0, 1_000_000, 25_000)).isEqualTo(1);
        assertThat(BulkConnections.forImport(Dialect.POSTGRESQL, 10, 50_000, 25_000)).isEqualTo(1);
        assertThat(BulkConnections.forImport(Dialect.POSTGRESQL, 10, 50_001, 25_000)).isEqualTo(3);
        assertThat(BulkConnections.forImport(Dialect.H2, 10, 50_001, 25_000)).isEqualTo(3);
        assertThat(BulkConnections.forImport(Dialect.MARIADB, 10, 50_001, 25_000)).isEqualTo(2);
        assertThat(BulkConnections.forImport(Dialect.MYSQL, 10, 50_001, 25_000)).isEqualTo(2);
        assertThat(BulkConnections.forImport(Dialect.POSTGRESQL, 2, 1_000_000, 25_000)).isEqualTo(1);
        assertThat(BulkConnections.forImport(Dialect.POSTGRESQL, 3, 1_000_000, 25_000)).isEqualTo(2);
    }
}
