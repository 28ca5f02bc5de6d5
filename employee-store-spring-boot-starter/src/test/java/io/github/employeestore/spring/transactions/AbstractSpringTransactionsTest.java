package io.github.employeestore.spring.transactions;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.VersionConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDBC store built by the starter on the application's {@code DataSource} takes part in Spring-managed
 * transactions: its writes commit and roll back with the application's own {@code JdbcTemplate} writes, a failed
 * call inside leaves the transaction usable and the earlier writes in place, {@code transact} stays all or nothing
 * inside it, and the store's exceptions reach {@code @Repository} callers as Spring's.
 */
abstract class AbstractSpringTransactionsTest {
    static final String AUDIT = "tx_audit";

    @Autowired
    EmployeeStore store;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionsApplication.Writes writes;
    @Autowired
    TransactionsApplication.EmployeeRepository repository;

    static String uniqueTable() {
        return "tx_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @BeforeEach
    void auditTable() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + AUDIT + " (note VARCHAR(100))");
    }

    private static Employee draft(String name) {
        return Employee.builder().id(UUID.randomUUID().toString()).fullName(name).build();
    }

    private int audits(String note) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + AUDIT + " WHERE note = ?", Integer.class, note);
    }

    @Test
    void aFailingTransactionRollsBackTheStoresWritesWithTheApplicationsOwn() {
        Employee stored = store.create(draft("Stored Before"));
        Employee ada = draft("Ada Rolled Back");
        String note = UUID.randomUUID().toString();
        assertThatThrownBy(() -> writes.inTransactionThenFail(note, s -> {
            s.create(ada);
            s.update(stored.toBuilder().jobTitle("Changed").build());
            s.delete(stored.id());
        })).isInstanceOf(IllegalStateException.class);

        assertThat(audits(note)).isZero();
        assertThat(store.get(ada.id())).isEmpty();
        assertThat(store.get(stored.id())).contains(stored);
    }

    @Test
    void aSucceedingTransactionCommitsBothAndItsWritesAreInvisibleToOthersUntilThen() {
        Employee ada = draft("Ada Committed");
        String note = UUID.randomUUID().toString();
        AtomicReference<Optional<Employee>> seenInside = new AtomicReference<>();
        AtomicReference<Optional<Employee>> seenOutside = new AtomicReference<>();
        writes.inTransaction(note, s -> {
            s.create(ada);
            seenInside.set(s.get(ada.id()));
            // another thread is outside the transaction: it must not see the uncommitted write
            seenOutside.set(CompletableFuture.supplyAsync(() -> s.get(ada.id())).orTimeout(30, TimeUnit.SECONDS).join());
        });

        assertThat(seenInside.get()).isPresent();
        assertThat(seenOutside.get()).isEmpty();
        assertThat(audits(note)).isEqualTo(1);
        assertThat(store.get(ada.id())).get().extracting(Employee::fullName).isEqualTo("Ada Committed");
    }

    @Test
    void aTransactNestedInASpringTransactionCommitsAndRollsBackWithIt() {
        Employee a = draft("Nested A");
        Employee b = draft("Nested B");
        String rolledBack = UUID.randomUUID().toString();
        assertThatThrownBy(() -> writes.inTransactionThenFail(rolledBack,
                s -> s.transact(w -> {
                    w.create(a);
                    w.create(b);
                }))).isInstanceOf(IllegalStateException.class);
        assertThat(store.getAll(List.of(a.id(), b.id()))).isEmpty();

        String committed = UUID.randomUUID().toString();
        writes.inTransaction(committed, s -> s.transact(w -> {
                    w.create(a);
                    w.create(b);
                }));
        assertThat(store.getAll(List.of(a.id(), b.id()))).containsOnlyKeys(a.id(), b.id());
        assertThat(audits(committed)).isEqualTo(1);
    }

    @Test
    void aFailedCallInsideUndoesOnlyItselfAndTheTransactionGoesOn() {
        Employee first = draft("First");
        Employee second = draft("Second");
        Employee third = draft("Third");
        String note = UUID.randomUUID().toString();
        writes.inTransaction(note, s -> {
            Employee created = s.create(first);
            assertThatThrownBy(() -> s.create(first)).isInstanceOf(EmployeeAlreadyExistsException.class);
            // transact stays all or nothing inside the transaction: second is not written, first keeps version 1
            assertThatThrownBy(() -> s.transact(w -> {
                w.create(second);
                w.update(created.toBuilder().version(7).build());
            })).isInstanceOf(VersionConflictException.class);
            s.create(third);   // PostgreSQL would refuse this if the failures had not been undone to a savepoint
        });

        assertThat(audits(note)).isEqualTo(1);
        assertThat(store.get(first.id())).get().extracting(Employee::version).isEqualTo(1L);
        assertThat(store.get(second.id())).isEmpty();
        assertThat(store.get(third.id())).isPresent();
    }

    @Test
    void aRepositoryCallerGetsSpringsExceptionsWithTheStoresAsTheCause() {
        Employee ada = repository.create(draft("Ada Translated"));
        repository.update(ada.toBuilder().jobTitle("First Edit").build());

        assertThatThrownBy(() -> repository.update(ada.toBuilder().jobTitle("Stale Edit").build()))
                .isInstanceOf(OptimisticLockingFailureException.class)
                .hasCauseInstanceOf(VersionConflictException.class);
        assertThatThrownBy(() -> repository.create(ada))
                .isInstanceOf(DuplicateKeyException.class)
                .hasCauseInstanceOf(EmployeeAlreadyExistsException.class);
        // the store bean itself, called directly, keeps the library's own exceptions
        assertThatThrownBy(() -> store.update(ada)).isInstanceOf(VersionConflictException.class);
    }
}
