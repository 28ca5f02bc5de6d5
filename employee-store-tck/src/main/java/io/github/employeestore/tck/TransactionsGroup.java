package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Limits;
import io.github.employeestore.VersionConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TCK group "transactions"; run through {@link EmployeeStoreTck}. */
abstract class TransactionsGroup extends TckGroup {
    TransactionsGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    @BeforeEach
    void requireTransactions() {
        requireCapability(Capability.TRANSACTIONS);
    }

    @Test
    @DisplayName("§4.14.2 transact: all or nothing when the 5th of 10 operations fails — EmployeeAlreadyExistsException")
    void fifthCreateFails() {
        Employee existing = store.create(full("exists"));
        Employee other = store.create(full("other"));
        clock.advance(Duration.ofSeconds(1));
        List<Employee> before = storedState();
        assertThatThrownBy(() -> store.transact(w -> {
            for (int i = 0; i < 4; i++) {
                w.create(draft("new" + i, "N").build());
            }
            w.create(draft("exists", "Clash").build());
            w.update(other.toBuilder().fullName("changed").build());
            for (int i = 5; i < 9; i++) {
                w.put(draft("new" + i, "N").build());
            }
        })).isInstanceOf(EmployeeAlreadyExistsException.class)
                .satisfies(e -> assertThat(((EmployeeAlreadyExistsException) e).id()).isEqualTo("exists"));
        assertUnchanged(before, "the transaction failed in its 5th operation (every operation, in any position)");
    }

    @Test
    @DisplayName("§4.14.2 transact: all or nothing when the 5th operation meets another version — VersionConflictException")
    void fifthUpdateConflicts() {
        Employee a = store.create(full("a"));
        Employee b = store.update(store.create(full("b")).toBuilder().fullName("B2").build());
        Employee c = store.create(full("c"));
        List<Employee> before = storedState();
        assertThatThrownBy(() -> store.transact(w -> {
            w.update(a.toBuilder().fullName("A2").build());
            w.create(draft("n1", "N").build());
            w.put(draft("n2", "N").build());
            w.delete("c");
            w.update(b.toBuilder().version(1).fullName("stale").build());
            for (int i = 3; i < 8; i++) {
                w.create(draft("n" + i, "N").build());
            }
        })).isInstanceOf(VersionConflictException.class);
        assertUnchanged(before, "the transaction failed in its 5th operation (every operation, in any position)");
    }

    @Test
    @DisplayName("§4.14.2 transact: all or nothing when the 5th operation meets an absent id — EmployeeNotFoundException")
    void fifthNotFound() {
        Employee a = store.create(full("a"));
        List<Employee> before = storedState();
        assertThatThrownBy(() -> store.transact(w -> {
            w.delete("a");
            w.create(draft("n1", "N").build());
            w.create(draft("n2", "N").build());
            w.create(draft("n3", "N").build());
            w.delete("missing", 1);
            for (int i = 5; i < 10; i++) {
                w.create(draft("n" + i, "N").build());
            }
        })).isInstanceOf(EmployeeNotFoundException.class)
                .satisfies(e -> assertThat(((EmployeeNotFoundException) e).id()).isEqualTo("missing"));
        assertUnchanged(before, "the transaction failed in its 5th operation (every operation, in any position)");
    }

    @Test
    @DisplayName("§4.14.1 transact: every kind of operation applied together, with versions and timestamps as outside")
    void appliesAll() {
        Employee u = store.create(full("u"));
        Employee p = store.create(full("p"));
        store.create(full("d"));
        Employee dv = store.create(full("dv"));
        clock.advance(Duration.ofSeconds(10));
        String[] assigned = new String[1];
        store.transact(w -> {
            assigned[0] = w.create(draft(null, "Fresh").build());
            w.create(draft("c", "Created").build());
            w.update(u.toBuilder().fullName("Updated").build());
            w.put(p.toBuilder().fullName("Put").version(0).build());
            w.put(draft("p-new", "Put new").build());
            w.delete("d");
            w.delete("dv", dv.version());
            w.delete("absent-is-fine");
        });
        // each written employee compared whole: its fields as written, its version and both timestamps
        Map<String, Employee> expected = new java.util.TreeMap<>();
        expected.put(assigned[0], stamped(draft(assigned[0], "Fresh").build(), 1, now(), now()));
        expected.put("c", stamped(draft("c", "Created").build(), 1, now(), now()));
        expected.put("u", stamped(u.toBuilder().fullName("Updated").build(), 2, u.createdAt(), now()));
        expected.put("p", stamped(p.toBuilder().fullName("Put").build(), 2, p.createdAt(), now()));
        expected.put("p-new", stamped(draft("p-new", "Put new").build(), 1, now(), now()));
        assertThat(new java.util.TreeMap<>(store.getAll(List.of(assigned[0], "c", "u", "p", "p-new", "d", "dv"))))
                .as(at("the stored employees after the transaction (d and dv deleted)")).isEqualTo(expected);
        assertThat(store.count()).as(at("count")).isEqualTo(5);
    }

    /** @return the employee with the version and timestamps a write gives it */
    private static Employee stamped(Employee e, long version, java.time.Instant createdAt, java.time.Instant updatedAt) {
        return e.toBuilder().version(version).createdAt(createdAt).updatedAt(updatedAt).build();
    }

    @Test
    @DisplayName("§4.14.3 transact: 100 operations are accepted; 101 are rejected with InvalidInputException, nothing written")
    void operationLimit() {
        store.transact(w -> IntStream.range(0, 100).forEach(i -> w.create(draft("t" + i, "N").build())));
        assertThat(store.count()).isEqualTo(100);
        assertRejected("operations", () -> store.transact(w -> IntStream.range(0, 101)
                .forEach(i -> w.put(draft("x" + i, "N").build()))));
        assertThat(store.get("x0")).isEmpty();
    }

    @Test
    @DisplayName("§4.14.3 transact: two operations on one id are rejected with InvalidInputException, nothing written")
    void distinctIds() {
        Employee a = store.create(full("a"));
        assertRejected("operations", () -> store.transact(w -> {
            w.create(draft("n", "N").build());
            w.update(a.toBuilder().fullName("x").build());
            w.delete("a");
        }));
    }

    @Test
    @DisplayName("§4.14.3, §3.1.1 transact: an invalid operation — a bad employee, a bad id, a negative version — is rejected with InvalidInputException, nothing written")
    void invalidOperation() {
        assertRejected("fullName", () -> store.transact(w -> {
            w.create(draft("ok", "N").build());
            w.put(draft("bad", "x".repeat(201)).build());
        }));
        store.create(draft("kept", "K").build());
        assertRejected("id", "transact(delete \" bad\")", () -> store.transact(w -> w.delete(" bad")));
        assertRejected("id", "transact(delete(\"bad\\t\", 1))", () -> store.transact(w -> w.delete("bad\t", 1)));
        assertRejected("expectedVersion", "transact(delete(kept, -1))", () -> store.transact(w -> w.delete("kept", -1)));
    }

    /** One way an operation of a transaction fails, and the exception it must give. */
    private record Failing(String kind, Class<? extends RuntimeException> expected,
                           java.util.function.BiConsumer<io.github.employeestore.TransactionWriter, Employee> op) {
    }

    @Test
    @DisplayName("§4.14.2, §4.1.5 transact: each kind of failing operation, first, middle or last of 7, gives its typed exception naming its id; nothing written")
    void everyFailureInEveryPosition() {
        Employee stored = store.create(full("stored"));
        Employee v2 = store.update(stored.toBuilder().fullName("Second").build());
        Employee bystander = store.create(full("bystander"));
        clock.advance(Duration.ofSeconds(1));
        List<Failing> failures = List.of(
                new Failing("create of an existing id", EmployeeAlreadyExistsException.class,
                        (w, e) -> w.create(draft("stored", "Clash").build())),
                new Failing("update of an absent id", EmployeeNotFoundException.class,
                        (w, e) -> w.update(draft("absent", "Nobody").version(1).build())),
                new Failing("update at another version", VersionConflictException.class,
                        (w, e) -> w.update(stored.toBuilder().fullName("Stale").build())),
                new Failing("versioned delete of an absent id", EmployeeNotFoundException.class,
                        (w, e) -> w.delete("absent", 1)),
                new Failing("versioned delete at another version", VersionConflictException.class,
                        (w, e) -> w.delete("stored", 1)));
        for (Failing failing : failures) {
            for (int position : new int[]{0, 3, 6}) {
                String failingId = failing.kind().contains("absent") ? "absent" : "stored";
                int at = position;
                Throwable thrown = catchThrowable(() -> store.transact(w -> {
                    for (int i = 0; i < 7; i++) {
                        if (i == at) {
                            failing.op().accept(w, stored);
                        } else if (i == 1) {
                            w.update(bystander.toBuilder().fullName("Changed").build());
                        } else if (i == 2) {
                            w.delete("bystander-absent");
                        } else {
                            w.put(draft("new-" + i, "New " + i).build());
                        }
                    }
                }));
                assertThat(thrown).as(at("transact with a %s at position %d of 7", failing.kind(), position))
                        .isInstanceOf(failing.expected());
                String reportedId = thrown instanceof EmployeeAlreadyExistsException x ? x.id()
                        : thrown instanceof EmployeeNotFoundException x ? x.id()
                        : ((VersionConflictException) thrown).id();
                assertThat(reportedId).as(at("the id named by the %s of a %s", failing.expected().getSimpleName(),
                        failing.kind())).isEqualTo(failingId);
                assertThat(store.get("stored")).as(at("stored after a failed transaction (%s at %d)", failing.kind(),
                        position)).contains(v2);
                assertThat(store.get("bystander")).as(at("bystander after a failed transaction (%s at %d)",
                        failing.kind(), position)).contains(bystander);
                for (int i = 0; i < 7; i++) {
                    assertThat(store.get("new-" + i)).as(at("new-%d after a failed transaction (%s at %d)", i,
                            failing.kind(), position)).isEmpty();
                }
                assertThat(store.count()).as(at("count after a failed transaction")).isEqualTo(2);
            }
        }
    }

    @Test
    @DisplayName("§4.14.2 transact: with two failing operations the exception is the first one's")
    void firstFailureWins() {
        Employee a = store.create(full("a"));
        store.update(a.toBuilder().fullName("A2").build());
        Throwable thrown = catchThrowable(() -> store.transact(w -> {
            w.put(draft("n1", "N").build());
            w.update(a.toBuilder().fullName("stale").build());
            w.create(draft("a2", "N").build());
            w.delete("missing", 3);
        }));
        assertThat(thrown).as(at("transact(put n1, stale update a, create a2, delete missing@3)"))
                .isInstanceOf(VersionConflictException.class);
        assertThat(((VersionConflictException) thrown).id()).as(at("the id of the first failing operation"))
                .isEqualTo("a");
        thrown = catchThrowable(() -> store.transact(w -> {
            w.delete("missing", 3);
            w.update(a.toBuilder().fullName("stale").build());
        }));
        assertThat(thrown).as(at("transact(delete missing@3, stale update a)"))
                .isInstanceOf(EmployeeNotFoundException.class);
        // a later patch whose result is invalid only given the stored employee (a 101st attribute) does not go
        // before an earlier operation's failure
        Employee.Builder many = draft("many", "Many");
        for (int i = 0; i < Limits.MAX_ATTRIBUTES; i++) {
            many.attribute("a" + i, AttributeValue.of(i));
        }
        store.create(many.build());
        thrown = catchThrowable(() -> store.transact(w -> {
            w.create(draft("a", "Again").build());
            w.patch("many", 1, EmployeePatch.of(p -> p.attribute("one_more", AttributeValue.of(1))));
        }));
        assertThat(thrown).as(at("transact(create a (stored), patch many with a 101st attribute)"))
                .isInstanceOf(EmployeeAlreadyExistsException.class);
        assertThat(store.get("n1")).as(at("get(n1) after failed transactions")).isEmpty();
    }

    @Test
    @DisplayName("§4.14.4, §3.4.2 transact: 12 employees adding up to exactly 4,000,000 bytes are written; one byte more, by creates, updates and puts, is rejected, nothing written")
    void sizeLimit() {
        List<Employee> exactly = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            exactly.add(SizedEmployees.ofSize("big-" + i, i < 8 ? 333_333 : 333_334));
        }
        store.transact(w -> exactly.forEach(w::put));
        Map<String, Employee> read = store.getAll(ids(exactly));
        assertThat(read).as(at("getAll of the 12 employees of 4,000,000 bytes in all the transaction wrote"))
                .hasSize(12);
        for (Employee e : exactly) {
            assertThat(read.get(e.id()).attributes()).as(at("attributes of %s", e.id())).isEqualTo(e.attributes());
        }
        Employee stored0 = read.get("big-0");
        Employee stored10 = read.get("big-10");
        assertRejected("operations", "transact of a create, 9 puts and 2 updates adding up to "
                + (Limits.MAX_TRANSACTION_BYTES + 1) + " bytes", () -> store.transact(w -> {
                    w.create(SizedEmployees.ofSize("big-new", 333_334));
                    w.update(SizedEmployees.filledTo(stored0.toBuilder().attributes(Map.of()).build(), 333_333));
                    for (int i = 1; i < 10; i++) {
                        w.put(exactly.get(i));
                    }
                    w.update(SizedEmployees.filledTo(stored10.toBuilder().attributes(Map.of()).build(), 333_335));
                }));
    }
}
