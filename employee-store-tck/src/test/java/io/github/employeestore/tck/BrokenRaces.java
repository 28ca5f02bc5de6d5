package io.github.employeestore.tck;

import io.github.employeestore.CreateAllResult;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.ImportResult;
import io.github.employeestore.TransactionWriter;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.github.employeestore.tck.BrokenStores.memory;

/**
 * Broken stores that only concurrent calls show, each seen by one assertion of a race or of the linearizability
 * test (found by the assertion-deletion trial): how a race's losers are reported, what a write that met another one
 * in flight does. Each entry's comment names the backend mistake.
 */
enum BrokenRaces implements BrokenStore {
    /**
     * Gives up at once on a write that meets another one in flight (a lock wait time-out of zero, or a pool of one
     * connection that fails fast instead of waiting): nothing is applied and the caller gets
     * {@code StoreUnavailableException}, which the linearizability check counts as "maybe applied", so the histories
     * stay linearizable; only the bound on such failures in a run without faults sees it.
     */
    UNAVAILABLE_WHEN_WRITES_OVERLAP(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final java.util.concurrent.atomic.AtomicInteger inFlight =
                new java.util.concurrent.atomic.AtomicInteger();

        private <T> T alone(java.util.function.Supplier<T> write) {
            if (inFlight.getAndIncrement() > 0) {
                inFlight.decrementAndGet();
                throw new io.github.employeestore.StoreUnavailableException("lock wait timeout exceeded", null);
            }
            try {
                Thread.sleep(2);   // a write that holds its lock a while: other writes meet it whatever the load
                return write.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public Employee create(Employee draft) {
            return alone(() -> delegate.create(draft));
        }

        @Override
        public Employee update(Employee changed) {
            return alone(() -> delegate.update(changed));
        }

        @Override
        public Employee put(Employee employee) {
            return alone(() -> delegate.put(employee));
        }

        @Override
        public boolean delete(String id) {
            return alone(() -> delegate.delete(id));
        }

        @Override
        public void delete(String id, long expectedVersion) {
            alone(() -> {
                delegate.delete(id, expectedVersion);
                return null;
            });
        }

        @Override
        public Employee patch(String id, long expectedVersion, EmployeePatch patch) {
            return alone(() -> delegate.patch(id, expectedVersion, patch));
        }

        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            alone(() -> {
                delegate.transact(writes);
                return null;
            });
        }
    }, "Linearizability.concurrentHistoriesAreLinearizable §4.1.1", "Concurrency.transactionRacesPuts §4.6.3"),

    /**
     * Serves {@code get} from a cache of the employees it wrote, which a plain delete clears but a versioned delete
     * does not: an employee deleted at its version is still read. Only a read after a versioned delete that won sees
     * it (in the concurrency group, the race of updates and versioned deletes when the delete wins).
     */
    VERSIONED_DELETE_LEAVES_THE_READ_CACHE(WrittenCache::new, "Concurrency.updateRacesVersionedDelete §4.8.5",
            "Concurrency.concurrentDeletes §4.8.5"),

    /**
     * Maps the duplicate-key error of a create into "unavailable" (a backend that treats every error of its insert
     * as a lost connection): a create that finds its id taken fails with {@code StoreUnavailableException} instead of
     * {@code EmployeeAlreadyExistsException}.
     */
    DUPLICATE_CREATE_REPORTED_AS_UNAVAILABLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            try {
                return delegate.create(draft);
            } catch (EmployeeAlreadyExistsException e) {
                throw new io.github.employeestore.StoreUnavailableException("insert failed", e);
            }
        }
    }, "Concurrency.createRacesPut §4.2.4"),

    /**
     * Loses the acknowledgement of a contested update's commit (a driver that times out a commit queued behind lock
     * waiters): the winner of updates racing on one row is applied but reported as unavailable, so no update
     * appears to succeed.
     */
    CONTESTED_UPDATE_S_SUCCESS_REPORTED_UNAVAILABLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final java.util.concurrent.atomic.AtomicInteger inFlight =
                new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public Employee update(Employee changed) {
            return acknowledgedAlone(inFlight, () -> delegate.update(changed));
        }
    }, "Concurrency.concurrentUpdates §4.5.5"),

    /**
     * Loses the acknowledgement of a transaction's commit when other transactions on its rows are in flight, as the
     * store above does for updates: the winner of transactions racing on the same rows is applied but reported as
     * unavailable, so none appears to win.
     */
    CONTESTED_TRANSACTION_S_SUCCESS_REPORTED_UNAVAILABLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final java.util.concurrent.atomic.AtomicInteger inFlight =
                new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            acknowledgedAlone(inFlight, () -> {
                delegate.transact(writes);
                return null;
            });
        }
    }, "Concurrency.transactionsRace §4.14.5"),

    /**
     * Loses the acknowledgement of a put's commit when other writes of the row are in flight, as the store above
     * does for updates: every put is applied, but those that met another one are reported as unavailable.
     */
    CONTESTED_PUT_S_SUCCESS_REPORTED_UNAVAILABLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final java.util.concurrent.atomic.AtomicInteger inFlight =
                new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public Employee put(Employee employee) {
            return acknowledgedAlone(inFlight, () -> delegate.put(employee));
        }
    }, "Concurrency.concurrentPuts §4.6.3", "Concurrency.concurrentPutsOfANewId §4.6.3",
            "Concurrency.createRacesPut §4.1.6"),

    /**
     * Writes a create as an upsert that counts the version up (INSERT ... ON CONFLICT DO UPDATE, chosen to save a
     * round trip) and returns the draft stamped at version 1 instead of the row it wrote: a create of a taken id
     * replaces the employee and reports success, and its answer looks like a first write.
     */
    CREATE_WRITTEN_AS_AN_UPSERT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            try {
                return delegate.create(draft);
            } catch (EmployeeAlreadyExistsException taken) {
                java.time.Instant now = delegate.put(draft).updatedAt();
                return draft.toBuilder().version(1).createdAt(now).updatedAt(now).build();
            }
        }
    }, "Concurrency.createRacesPut §4.2.4"),

    /**
     * Reports the drafts of a {@code createAll} whose ids existed with the reason but without the
     * {@code EmployeeAlreadyExistsException}, as a failed write (a backend that maps its bulk insert's duplicate-key
     * error to "unavailable"): every draft is still reported, but {@code existingIds()} misses them.
     */
    CREATE_ALL_EXISTING_IDS_REPORTED_AS_UNAVAILABLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreateAllResult r = delegate.createAll(drafts);
            return new CreateAllResult(r.attempted(), r.created(), r.failures().stream()
                    .map(f -> f.cause() instanceof EmployeeAlreadyExistsException e
                            ? new ImportResult.Failure(f.index(), f.id(), f.reason(), f.violations(),
                            new io.github.employeestore.StoreUnavailableException("insert failed", e))
                            : f).toList());
        }
    }, "CreateAll.racesCreateAll §4.21.4", "CreateAll.racesCreate §4.21.4"),

    /**
     * Retries a put that met another write of its id in flight (a lock wait it mistakes for a lost write) after the
     * first attempt had succeeded: that put is written twice, so the stored version counts one write more than the
     * calls that returned. Each call still succeeds once, with a version of its own.
     */
    PUT_REPEATED_AFTER_MEETING_A_WRITE_IN_FLIGHT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Map<String, java.util.concurrent.atomic.AtomicInteger> inFlight =
                new java.util.concurrent.ConcurrentHashMap<>();

        private java.util.concurrent.atomic.AtomicInteger writes(String id) {
            return inFlight.computeIfAbsent(String.valueOf(id), k -> new java.util.concurrent.atomic.AtomicInteger());
        }

        @Override
        public Employee update(Employee changed) {
            java.util.concurrent.atomic.AtomicInteger n = writes(changed.id());
            n.incrementAndGet();
            try {
                Thread.sleep(1);
                return delegate.update(changed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                n.decrementAndGet();
            }
        }

        @Override
        public Employee put(Employee employee) {
            java.util.concurrent.atomic.AtomicInteger n = writes(employee.id());
            boolean met = n.getAndIncrement() > 0;
            try {
                Employee written = delegate.put(employee);
                return met ? delegate.put(employee) : written;
            } finally {
                n.decrementAndGet();
            }
        }
    }, "Concurrency.updateRacesPut §4.6.3"),

    /**
     * Caches employees as written for get: on create, update, and on a put only when the id had no entry yet (taken
     * for the put that inserted it). Of puts racing on a new id, the first to return fills the entry; the later
     * puts replace the stored employee and leave that older version cached.
     */
    PUT_THAT_REPLACES_LEAVES_THE_READ_CACHE(clock -> new WrittenCache(clock) {
        @Override
        public Employee put(Employee employee) {
            Employee stored = delegate.put(employee);
            cache.putIfAbsent(stored.id(), stored);
            return stored;
        }

        @Override
        public void delete(String id, long expectedVersion) {
            delegate.delete(id, expectedVersion);
            cache.remove(id);
        }
    }, "Concurrency.concurrentPutsOfANewId §4.6.3"),

    /**
     * Fails a {@code createAll} with StoreUnavailableException when another one ran at the same time (a deadlock
     * between their chunks, not retried), after its rows were written: of racing calls, only one returns a result.
     */
    CREATE_ALL_UNAVAILABLE_WHEN_CALLS_OVERLAP(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final java.util.concurrent.atomic.AtomicInteger inFlight =
                new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            return acknowledgedAlone(inFlight, () -> delegate.createAll(drafts));
        }
    }, "CreateAll.racesCreateAll §4.21.4");

    /**
     * Serves {@code get} from a cache of the employees it wrote (create, update, put), which a plain delete clears but
     * nothing else does: the store of {@link #VERSIONED_DELETE_LEAVES_THE_READ_CACHE}, and the base of
     * {@link #PUT_THAT_REPLACES_LEAVES_THE_READ_CACHE}.
     */
    static class WrittenCache extends ForwardingEmployeeStore {
        protected final Map<String, Employee> cache = new java.util.concurrent.ConcurrentHashMap<>();

        WrittenCache(Clock clock) {
            super(memory(clock));
        }

        private Employee cached(Employee written) {
            cache.put(written.id(), written);
            return written;
        }

        @Override
        public Employee create(Employee draft) {
            return cached(delegate.create(draft));
        }

        @Override
        public Employee update(Employee changed) {
            return cached(delegate.update(changed));
        }

        @Override
        public Employee put(Employee employee) {
            return cached(delegate.put(employee));
        }

        @Override
        public boolean delete(String id) {
            if (id != null) {
                cache.remove(id);
            }
            return delegate.delete(id);
        }

        @Override
        public Optional<Employee> get(String id) {
            Employee known = id == null ? null : cache.get(id);
            return known != null ? Optional.of(known) : delegate.get(id);
        }
    }

    /**
     * Runs a write that is applied, then reported as unavailable if another write was in flight when it ended; each
     * write stays in flight a while after it is applied, so that racers released together meet.
     */
    private static <T> T acknowledgedAlone(java.util.concurrent.atomic.AtomicInteger inFlight,
                                           java.util.function.Supplier<T> write) {
        inFlight.incrementAndGet();
        try {
            T written = write.get();
            BrokenStores.pause();
            if (inFlight.get() > 1) {
                throw new io.github.employeestore.StoreUnavailableException("commit not acknowledged", null);
            }
            return written;
        } finally {
            BrokenStores.pause();
            inFlight.decrementAndGet();
        }
    }

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenRaces(Function<Clock, EmployeeStore> factory, String... mustFail) {
        this.factory = factory;
        this.mustFail = List.of(mustFail);
    }

    @Override
    public EmployeeStore store(Clock clock) {
        return factory.apply(clock);
    }

    @Override
    public List<String> mustFail() {
        return mustFail;
    }
}
