package io.github.employeestore.jdbc;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.VersionConflictException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The framework-free transaction hook on H2: a binding that hands out the connection of the caller's own
 * transaction. A second store without a binding, on the same database, stands for every other connection.
 */
class TransactionBindingTest {
    private JdbcDataSource ds;
    private Connection tx;
    private final AtomicInteger released = new AtomicInteger();
    private JdbcEmployeeStore joined;
    private JdbcEmployeeStore others;

    @BeforeEach
    void open() throws SQLException {
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:binding_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        others = JdbcEmployeeStore.builder().dataSource(ds).build();
        others.schema().create();
        tx = ds.getConnection();
        tx.setAutoCommit(false);
        TransactionBinding binding = new TransactionBinding() {
            @Override
            public Connection currentConnection(DataSource dataSource) {
                assertThat(dataSource).isSameAs(ds);
                return tx;
            }

            @Override
            public void release(Connection connection, DataSource dataSource) {
                released.incrementAndGet();
            }
        };
        joined = JdbcEmployeeStore.builder().dataSource(ds).transactionBinding(binding).build();
    }

    @AfterEach
    void close() throws SQLException {
        tx.close();
    }

    private static Employee draft(String name) {
        return Employee.builder().id(UUID.randomUUID().toString()).fullName(name).build();
    }

    @Test
    void writesTakePartInTheCallersTransactionAndRollBackWithIt() throws SQLException {
        Employee ada = joined.create(draft("Ada"));
        joined.transact(w -> w.create(draft("Grace")));
        assertThat(joined.count()).isEqualTo(2);            // the transaction sees its own writes
        assertThat(others.count()).isZero();                // nobody else does before the commit
        tx.rollback();
        assertThat(others.get(ada.id())).isEmpty();
        assertThat(others.count()).isZero();
        assertThat(tx.isClosed()).isFalse();
        assertThat(tx.getAutoCommit()).isFalse();            // the store never changed the caller's connection
        assertThat(released.get()).isEqualTo(3);             // each of the three calls handed it back
    }

    @Test
    void aFailedCallUndoesOnlyItselfAndTheCallerCommitsTheRest() throws SQLException {
        Employee ada = joined.create(draft("Ada"));
        assertThatThrownBy(() -> joined.create(ada)).isInstanceOf(EmployeeAlreadyExistsException.class);
        Employee grace = draft("Grace");
        assertThatThrownBy(() -> joined.transact(w -> {
            w.create(grace);
            w.update(ada.toBuilder().version(9).build());
        })).isInstanceOf(VersionConflictException.class);
        tx.commit();
        assertThat(others.get(ada.id())).contains(ada);
        assertThat(others.get(grace.id())).isEmpty();
    }

    @Test
    void importAllAndSchemaUseConnectionsOfTheirOwn() throws SQLException {
        joined.importAll(List.of(others.create(draft("Ada")).toBuilder().fullName("Ada Imported").build()));
        tx.rollback();
        assertThat(others.list(io.github.employeestore.PageRequest.first(5)).items())
                .extracting(Employee::fullName).containsExactly("Ada Imported");
    }

    @Test
    void aTransactionBindingNeedsADataSource() {
        assertThatThrownBy(() -> JdbcEmployeeStore.builder().jdbi(org.jdbi.v3.core.Jdbi.create(ds))
                .transactionBinding(TransactionBinding.NONE).transactionBinding(d -> null).build())
                .isInstanceOf(io.github.employeestore.StoreConfigurationException.class);
    }
}
