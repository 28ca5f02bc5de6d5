package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.ImportResult;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Limits;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.Violation;
import io.github.employeestore.spi.ItemSize;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.github.employeestore.tck.BrokenStores.memory;

/**
 * Broken limits and input rules: the rules are checked by the shared {@code EmployeeValidator}, so each of these
 * stores models a backend that changes the input before it is checked (cuts, cleans, splits) or reports a
 * violation less exactly. Each entry's comment names the backend mistake.
 */
enum BrokenLimits implements BrokenStore {
    /** Keeps the first 100 attributes of an employee with more, instead of rejecting it (a column-count cap). */
    ATTRIBUTES_CUT_TO_THE_LIMIT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            if (employee == null || employee.attributes().size() <= Limits.MAX_ATTRIBUTES) {
                return delegate.put(employee);
            }
            Map<String, AttributeValue> first = new LinkedHashMap<>();
            employee.attributes().entrySet().stream().limit(Limits.MAX_ATTRIBUTES)
                    .forEach(e -> first.put(e.getKey(), e.getValue()));
            return delegate.put(employee.toBuilder().attributes(first).build());
        }
    }, "LimitsAndUnicode.attributeLimits §3.1.5"),

    /** Keeps the first 50 badges of an employee with more, instead of rejecting it. */
    BADGES_CUT_TO_THE_LIMIT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            if (employee == null || employee.badges().size() <= Limits.MAX_BADGES) {
                return delegate.put(employee);
            }
            return delegate.put(employee.toBuilder().badges(employee.badges().stream().limit(Limits.MAX_BADGES)
                    .toList()).build());
        }
    }, "LimitsAndUnicode.badgeLimits §3.1.4"),

    /** Cuts the longest text attribute of an employee over the item limit until it fits, instead of rejecting it. */
    OVERSIZED_TEXT_ATTRIBUTE_CUT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private Employee fitted(Employee e) {
            if (e == null || ItemSize.of(e) <= Limits.MAX_ITEM_BYTES) {
                return e;
            }
            Map<String, AttributeValue> attributes = new LinkedHashMap<>(e.attributes());
            attributes.entrySet().stream().filter(a -> a.getValue() instanceof AttributeValue.TextValue)
                    .max(java.util.Comparator.comparingInt(a -> ((AttributeValue.TextValue) a.getValue()).value()
                            .length()))
                    .ifPresent(a -> {
                        String text = ((AttributeValue.TextValue) a.getValue()).value();
                        long excess = ItemSize.of(e) - Limits.MAX_ITEM_BYTES;
                        a.setValue(AttributeValue.of(text.substring(0, (int) Math.max(0, text.length() - excess))));
                    });
            return e.toBuilder().attributes(attributes).build();
        }

        @Override
        public Employee create(Employee draft) {
            return delegate.create(fitted(draft));
        }

        @Override
        public Employee put(Employee employee) {
            return delegate.put(fitted(employee));
        }
    }, "LimitsAndUnicode.itemSizeLimit §3.4.1"),

    /** Reads a null collection of ids or employees as an empty one instead of rejecting it. */
    NULL_COLLECTIONS_READ_AS_EMPTY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Map<String, Employee> getAll(Collection<String> ids) {
            return delegate.getAll(ids == null ? List.of() : ids);
        }

        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            return delegate.importAll(employees == null ? List.of() : employees);
        }
    }, "Validation.nullsInCollections §3.1.5"),

    /** Reports a violation inside a collection by the collection's name alone, without the element's index. */
    VIOLATION_PATHS_WITHOUT_THE_INDEX(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private <T> T coarse(Supplier<T> call) {
            try {
                return call.get();
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.violations().stream().map(v -> new Violation(
                        v.field().replaceAll("[\\[{][0-9]+[]}]$", ""), v.rule())).toList());
            }
        }

        @Override
        public Employee create(Employee draft) {
            return coarse(() -> delegate.create(draft));
        }

        @Override
        public Map<String, Employee> getAll(Collection<String> ids) {
            return coarse(() -> delegate.getAll(ids));
        }
    }, "Validation.violationPaths §5.3"),

    /** Sends a transaction over the operation limit as two transactions, instead of rejecting it. */
    TRANSACTION_SPLIT_AT_THE_LIMIT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void transact(Consumer<TransactionWriter> writes) {
            if (writes == null) {
                delegate.transact(null);
                return;
            }
            List<Consumer<TransactionWriter>> ops = new java.util.ArrayList<>();
            writes.accept(new TransactionWriter() {
                @Override
                public String create(Employee draft) {
                    ops.add(w -> w.create(draft));
                    return draft == null ? null : draft.id();
                }

                @Override
                public void update(Employee changed) {
                    ops.add(w -> w.update(changed));
                }

                @Override
                public void patch(String id, long expectedVersion, io.github.employeestore.EmployeePatch patch) {
                    ops.add(w -> w.patch(id, expectedVersion, patch));
                }

                @Override
                public void put(Employee employee) {
                    ops.add(w -> w.put(employee));
                }

                @Override
                public void delete(String id) {
                    ops.add(w -> w.delete(id));
                }

                @Override
                public void delete(String id, long expectedVersion) {
                    ops.add(w -> w.delete(id, expectedVersion));
                }
            });
            int limit = Limits.MAX_TRANSACTION_OPERATIONS;
            for (int from = 0; from < Math.max(1, ops.size()); from += limit) {
                List<Consumer<TransactionWriter>> part = ops.subList(from, Math.min(ops.size(), from + limit));
                delegate.transact(w -> part.forEach(op -> op.accept(w)));
            }
        }
    }, "Transactions.operationLimit §4.14.3"),

    /**
     * Retries the write of an item at the size limit after a timeout, and reports it as failed although the first
     * attempt had committed: the item is stored, the result says one fewer was written.
     */
    IMPORT_REPORTS_A_RETRIED_LARGE_ITEM_AS_FAILED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public ImportResult importAll(Collection<Employee> employees) {
            ImportResult result = delegate.importAll(employees);
            if (employees == null || !result.isComplete()) {
                return result;
            }
            List<Employee> given = new java.util.ArrayList<>(employees);
            for (int i = 0; i < given.size(); i++) {
                if (given.get(i) != null && ItemSize.of(given.get(i)) > Limits.MAX_ITEM_BYTES / 2) {
                    return new ImportResult(result.attempted(), result.written() - 1, List.of(
                            new ImportResult.Failure(i, given.get(i).id(), "write timed out", List.of(),
                                    new io.github.employeestore.StoreUnavailableException("write timed out", null))));
                }
            }
            return result;
        }
    }, "LargeEmployees.atTheLimitEverywhere §4.13.1");

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenLimits(Function<Clock, EmployeeStore> factory, String... mustFail) {
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
