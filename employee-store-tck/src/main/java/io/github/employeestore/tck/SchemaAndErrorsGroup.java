package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.PageRequest;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.VersionConflictException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The TCK group "schema and errors": the table's life cycle, a missing table, and the exceptions. */
abstract class SchemaAndErrorsGroup extends TckGroup {
    SchemaAndErrorsGroup(EmployeeStoreTck kit) {
        super(kit);
    }

    @Test
    @DisplayName("§4.15.2 schema: create() is idempotent and keeps the data; exists() tells")
    void createIdempotent() {
        create("kept");
        assertThat(store.schema().exists()).as(at("exists() on the TCK's table")).isTrue();
        store.schema().create();
        store.schema().create();
        assertThat(store.schema().exists()).as(at("exists() after create() twice")).isTrue();
        assertThat(store.get("kept")).as(at("get(kept) after create() on an existing table")).isPresent();
        assertThat(store.count()).as(at("count after create() on an existing table")).isEqualTo(1);
    }

    @Test
    @DisplayName("§4.15.3, §4.13.4, §5.5 missing table: every method throws StoreConfigurationException and writes nothing; create() makes it work again")
    void missingTable() {
        Employee gone = create("gone");
        store.schema().drop();
        assertThat(store.schema().exists()).as(at("exists() after drop()")).isFalse();
        store.schema().drop();
        Instant t = Instant.parse("2020-01-01T00:00:00Z");
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("get(gone)", () -> store.get("gone"));
        calls.put("getAll([gone])", () -> store.getAll(List.of("gone")));
        calls.put("create(n)", () -> store.create(draft("n", "N").build()));
        calls.put("create(null id)", () -> store.create(draft(null, "N").build()));
        calls.put("update(gone)", () -> store.update(gone));
        calls.put("put(n)", () -> store.put(draft("n", "N").build()));
        calls.put("delete(gone)", () -> store.delete("gone"));
        calls.put("delete(gone, 1)", () -> store.delete("gone", 1));
        calls.put("count()", () -> store.count());
        calls.put("list(first 10)", () -> store.list(PageRequest.first(10)));
        calls.put("stream().count()", () -> store.stream().count());
        calls.put("importAll([n])", () -> store.importAll(List.of(draft("n", "N").version(1).createdAt(t)
                .updatedAt(t).build())));
        calls.put("importAll([only an invalid employee])", () -> store.importAll(List.of(draft("n", " ").build())));
        if (capabilities().contains(Capability.QUERIES)) {
            calls.put("find(location=Seattle)", () -> store.find(EmployeeQuery.byLocation("Seattle"),
                    PageRequest.first(10)));
        }
        if (capabilities().contains(Capability.TRANSACTIONS)) {
            calls.put("transact(put n)", () -> store.transact(w -> w.put(draft("n", "N").build())));
        }
        calls.forEach((what, call) -> assertThat(catchThrowable(call))
                .as(at("%s on a dropped table", what)).isInstanceOf(StoreConfigurationException.class));
        assertThat(catchThrowable(() -> store.get(" bad id")))
                .as(at("get(\" bad id\") on a dropped table: invalid input is reported as such"))
                .isInstanceOf(InvalidInputException.class);
        assertThat(store.schema().exists()).as(at("exists(): no call may create the table by itself")).isFalse();
        java.util.concurrent.CompletableFuture<Throwable> fromAnotherThread = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> catchThrowable(() -> store.count()));
        assertThat(fromAnotherThread).as(at("count() on the dropped table from another thread, within 30 s"))
                .succeedsWithin(java.time.Duration.ofSeconds(30))
                .isInstanceOf(StoreConfigurationException.class);
        store.schema().create();
        assertThat(store.schema().exists()).as(at("exists() after create()")).isTrue();
        assertThat(List.of(store.count(), store.get("n"))).as(at("count and get(n) after drop() and create(): nothing"
                + " was written meanwhile")).isEqualTo(List.of(0L, java.util.Optional.empty()));
        assertThat(store.create(draft("gone", "N").build()).version())
                .as(at("create(gone) after drop() and create(): a new employee, at version 1")).isEqualTo(1);
    }

    @Test
    @DisplayName("§5.1, §5.2 errors: every failure is an unchecked EmployeeStoreException whose id() and message name the id")
    void exceptionHierarchy() {
        Employee h = store.create(full("h-1"));
        store.update(h.toBuilder().fullName("Second").build());
        Map<String, Executable> failing = new LinkedHashMap<>();
        failing.put("create(h-1) of an existing id", () -> store.create(full("h-1")));
        failing.put("update(nobody-2)", () -> store.update(full("nobody-2").toBuilder().version(1).build()));
        failing.put("update(h-1) at version 1 of 2", () -> store.update(h));
        failing.put("delete(h-1, 99)", () -> store.delete("h-1", 99));
        failing.put("delete(nobody-3, 1)", () -> store.delete("nobody-3", 1));
        failing.forEach((what, call) -> {
            Throwable thrown = catchThrowable(call);
            // each expected type is an unchecked EmployeeStoreException; any other outcome (another exception, none)
            // names no id, and fails the check of the id below
            String id = what.substring(what.indexOf('(') + 1, what.indexOf(what.contains(",") ? ',' : ')'));
            String reported = thrown instanceof EmployeeAlreadyExistsException x ? x.id()
                    : thrown instanceof EmployeeNotFoundException x ? x.id()
                    : thrown instanceof VersionConflictException x ? x.id() : null;
            assertThat(reported).as(at("%s: the exception's id()", what)).isEqualTo(id);
            assertThat(thrown.getMessage()).as(at("%s: the message names the id", what)).contains(id);
        });
        assertThat(catchThrowable(() -> store.get("bad\u0001"))).as(at("get(bad\\u0001)"))
                .isInstanceOf(InvalidInputException.class).isInstanceOf(EmployeeStoreException.class);
    }

    @Test
    @DisplayName("§4.15.2, §4.15.3 schema: drop() racing writers removes every employee; a write in flight either lands"
            + " before the drop (and is removed) or fails with StoreConfigurationException; after create() the table"
            + " is empty and works")
    void dropRacingWrites() throws Exception {
        int writers = 4;
        for (int round = 0; round < 3; round++) {
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(writers);
            int r = round;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
            List<java.util.concurrent.Future<List<Throwable>>> futures = new java.util.ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    List<Throwable> failures = new java.util.ArrayList<>();
                    for (int i = 0; !stop.get(); i++) {
                        String id = "drop-" + r + "-" + writer + "-" + i;
                        try {
                            if (i % 2 == 0) {
                                store.create(draft(id, "Writer " + writer).build());
                            } else {
                                store.put(draft(id, "Writer " + writer).build());
                            }
                            written.incrementAndGet();
                        } catch (StoreConfigurationException e) {
                            // the table was dropped under the write: it wrote nothing (§4.15.3)
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                        if (i == 1) {
                            writing.countDown();
                        }
                    }
                    return failures;
                }));
            }
            try {
                // the writers are writing before drop(); a store whose writes hang fails below (no write
                // succeeded, or a writer does not end)
                writing.await(2, java.util.concurrent.TimeUnit.MINUTES);
                store.schema().drop();
                stop.set(true);
                List<Throwable> failures = new java.util.ArrayList<>();
                for (java.util.concurrent.Future<List<Throwable>> f : futures) {
                    failures.addAll(f.get(2, java.util.concurrent.TimeUnit.MINUTES));   // every writer has ended
                }
                assertThat(failures).as(at("round %d: a write racing drop() succeeds or gets "
                        + "StoreConfigurationException", round)).isEmpty();
            } finally {
                stop.set(true);
                pool.shutdownNow();
            }
            assertThat(written.get()).as(at("round %d: writes succeeded before drop()", round)).isPositive();
            assertThat(store.schema().exists()).as(at("round %d: dropped", round)).isFalse();
            store.schema().create();
            assertThat(store.count()).as(at("round %d: after drop() and create() the table is empty (count)", round))
                    .isZero();
            assertThat(listAll(store, 1000)).as(at("round %d: after drop() and create() the table is empty (list)",
                    round)).isEmpty();
            Employee fresh = store.create(draft("after-" + round, "After").build());
            assertThat(List.of(store.get(fresh.id()), store.count()))
                    .as(at("round %d: the table works after create(): get and count after one create", round))
                    .isEqualTo(List.of(java.util.Optional.of(fresh), 1L));
            store.delete(fresh.id());
        }
    }
}
