package io.github.employeestore.tck;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.spi.TransactionOperation;
import io.github.employeestore.spi.TransactionPlan;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.github.employeestore.tck.BrokenStores.memory;

/**
 * Broken stores that mishandle a lost connection: each offers the {@link Faults} hook (a backend's TCK class would
 * kill a connection; these note that one was lost), so that the linearizability test under faults runs against them.
 */
enum BrokenFaults implements BrokenStore {
    /**
     * Runs a transaction's statements with auto-commit on: when the connection is lost in the middle (a killed
     * session), the first operation stays written and the call fails with StoreUnavailableException, half applied.
     */
    TRANSACT_HALF_WRITTEN_ON_LOST_CONNECTION(clock -> new LosesConnections(clock, false),
            "Linearizability.linearizableUnderFaults §4.1.5"),

    /**
     * Keeps a killed connection in its pool and hands it out again for reads, without validating it: once a
     * connection was lost, every read fails with StoreUnavailableException, long after the faults ended.
     */
    READS_UNAVAILABLE_AFTER_A_LOST_CONNECTION(clock -> new LosesConnections(clock, true),
            "Linearizability.linearizableUnderFaults §5.4");

    /** A store that feels a lost connection: in its next transaction, or in every read from then on. */
    static final class LosesConnections extends ForwardingEmployeeStore {
        private final AtomicBoolean lost = new AtomicBoolean();
        private final AtomicBoolean readsBroken = new AtomicBoolean();
        private final boolean keepsTheDeadConnection;

        LosesConnections(Clock clock, boolean keepsTheDeadConnection) {
            super(memory(clock));
            this.keepsTheDeadConnection = keepsTheDeadConnection;
        }

        boolean lose() {
            if (keepsTheDeadConnection) {
                readsBroken.set(true);
            } else {
                lost.set(true);
            }
            return true;
        }

        private void read() {
            if (readsBroken.get()) {
                throw new StoreUnavailableException("the connection was lost", null, true);
            }
        }

        @Override
        public Optional<Employee> get(String id) {
            read();
            return delegate.get(id);
        }

        @Override
        public Map<String, Employee> getAll(Collection<String> ids) {
            read();
            return delegate.getAll(ids);
        }

        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            if (!lost.getAndSet(false)) {
                delegate.transact(writes);
                return;
            }
            List<TransactionOperation> ops = TransactionPlan.record(writes);
            delegate.transact(w -> BrokenWrites.replay(w, ops.get(0)));
            throw new StoreUnavailableException("the connection was lost", null, true);
        }
    }

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenFaults(Function<Clock, EmployeeStore> factory, String... mustFail) {
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

    @Override
    public Faults faults(EmployeeStore store) {
        return store instanceof LosesConnections l ? l::lose : null;
    }
}
