package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.Limits;
import io.github.employeestore.TransactionWriter;
import io.github.employeestore.spi.ItemSize;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The generated tests' actions that write many employees at once: {@code importAll}, {@code createAll} and
 * {@code transact}.
 */
final class BulkActions {
    private BulkActions() {
    }

    /**
     * {@code importAll}: employees of the pool with versions and timestamps at their edges, repeated ids, invalid
     * employees among valid ones, none at all, and now and then {@code null}.
     */
    static final class ImportAll implements Action {
        public int weight() {
            return 6;
        }

        public Step next(Edges g, Differential d) {
            List<Employee> input;
            if (g.chance(3)) {
                input = null;
            } else {
                input = new ArrayList<>();
                int n = g.chance(10) ? 0 : 1 + g.nextInt(4);
                Instant now = d.modelClock.instant();
                for (int i = 0; i < n; i++) {
                    Instant created = g.timestamp(now);
                    Instant updated = g.chance(80) ? created : g.timestamp(now);
                    input.add(g.employee(SingleActions.id(g, d), d.criteria).toBuilder().version(g.importedVersion())
                            .createdAt(created).updatedAt(updated).build());
                }
            }
            List<Employee> employees = input;
            return x -> {
                if (employees != null) {
                    employees.forEach(e -> {
                        x.touchEmployee(e);
                        x.touchEmployee(SingleActions.stored(x, e.id()));
                    });
                }
                x.wrote();
                String java = employees == null ? "null" : JavaSource.list(employees.stream().map(JavaSource::literal)
                        .toList());
                String call = "store.importAll(" + java + ")";
                Outcome expected = Outcome.of(() -> x.model.importAll(employees));
                Outcome actual = Outcome.of(() -> x.sut.importAll(employees));
                x.java(() -> call + ";  // reference model: " + Differential.shorten(expected.toString()));
                if (emptyCallOnAMissingTable(employees, expected, actual)) {
                    return;
                }
                x.agree("§4.13.1, §4.13.2, §4.13.3, §4.15.3", call, expected, actual);
            };
        }
    }

    /**
     * {@code createAll}: drafts of the pool's ids (stored or not), some without an id, with versions and timestamps
     * it must ignore, a repeated id, an invalid draft or a {@code null} among them, none at all, and now and then
     * {@code null}. The ids the store under test assigns are given to the reference model's drafts, so that both
     * create the same employees.
     */
    static final class CreateAll implements Action {
        public int weight() {
            return 4;
        }

        public Step next(Edges g, Differential d) {
            List<Employee> input;
            if (g.chance(3)) {
                input = null;
            } else {
                input = new ArrayList<>();
                int n = g.chance(10) ? 0 : 1 + g.nextInt(5);
                Instant now = d.modelClock.instant();
                for (int i = 0; i < n; i++) {
                    if (g.chance(4)) {
                        input.add(null);
                        continue;
                    }
                    Employee draft = g.employee(SingleActions.id(g, d), d.criteria);
                    if (g.chance(15)) {
                        draft = draft.toBuilder().id(null).build();
                    } else if (g.chance(10) && !input.isEmpty() && input.get(0) != null) {
                        draft = draft.toBuilder().id(input.get(0).id()).build();
                    }
                    if (g.chance(20)) {
                        draft = draft.toBuilder().version(g.importedVersion()).createdAt(g.timestamp(now))
                                .updatedAt(g.timestamp(now)).build();
                    }
                    input.add(draft);
                }
            }
            List<Employee> drafts = input;
            return x -> {
                if (drafts != null) {
                    drafts.stream().filter(java.util.Objects::nonNull).forEach(e -> {
                        x.touchEmployee(e);
                        x.touchEmployee(SingleActions.stored(x, e.id()));
                    });
                }
                x.wrote();
                String call = "store.createAll(" + (drafts == null ? "null" : JavaSource.list(drafts.stream()
                        .map(e -> e == null ? "null" : JavaSource.literal(e)).toList())) + ")";
                Outcome actual = Outcome.of(() -> x.sut.createAll(drafts));
                List<Employee> forModel = drafts == null ? null : withAssignedIds(x, drafts, actual);
                Outcome expected = Outcome.of(() -> x.model.createAll(forModel));
                x.java(() -> call + ";  // reference model: " + Differential.shorten(expected.toString()));
                if (emptyCallOnAMissingTable(drafts, expected, actual)) {
                    return;
                }
                x.agree("§4.21.1, §4.21.2, §4.21.3, §4.2.1", call, expected, actual);
            };
        }

        /**
         * @return the drafts, each without an id that the store under test created given the id it assigned (its
         *         created employees are in input order, after the failures are taken out)
         */
        private static List<Employee> withAssignedIds(Differential x, List<Employee> drafts, Outcome actual) {
            List<Employee> given = new ArrayList<>(drafts);
            if (actual.threw() || !(actual.value() instanceof Outcome.Created created)) {
                return given;
            }
            java.util.Set<Integer> failed = created.failedIndexes();
            Iterator<Employee> made = created.employees().iterator();
            for (int i = 0; i < given.size(); i++) {
                if (failed.contains(i) || !made.hasNext()) {
                    continue;
                }
                Employee e = made.next();
                if (given.get(i) != null && given.get(i).id() == null) {
                    x.check(Differential.UUID_V4.matcher(String.valueOf(e.id())).matches(), "§4.21.1, §4.2.1",
                            "createAll assigned " + JavaSource.literal(e.id()) + " to draft " + i
                                    + ", not a version 4 UUID");
                    x.touch(e.id());
                    given.set(i, given.get(i).toBuilder().id(e.id()).build());
                }
            }
            return given;
        }
    }

    /**
     * Whether the two outcomes differ only where the contract leaves it open (§4.15.3, §4.21.3): on a missing table,
     * a bulk call with no employees may return its empty result without checking, or throw (one of only invalid
     * employees must throw like any other).
     */
    private static boolean emptyCallOnAMissingTable(List<Employee> input, Outcome expected, Outcome actual) {
        return expected.threw() != actual.threw() && input != null && input.isEmpty()
                && (expected.threw() ? expected : actual).error().type().equals("StoreConfigurationException");
    }

    /** The ids of {@link ImportMany}: outside the pool, so that only listings, finds and big getAlls meet them. */
    static String bulkId(int i) {
        return String.format("bulk-%03d", i);
    }

    /**
     * {@code importAll} of many employees at once, rarely: more than a database's batch (101 to 150 small ones), a
     * few at the item-size limit with one location and job title (more than DynamoDB's 1 MB page), or 48 at the
     * limit (more than DynamoDB's 16 MB batch read), so that pages, finds and {@code getAll} cross those limits.
     */
    static final class ImportMany implements Action {
        public int weight() {
            return 2;
        }

        public Step next(Edges g, Differential d) {
            int shape = g.nextInt(8);
            int n = shape == 0 ? 48 : shape < 4 ? 3 + g.nextInt(2) : shape == 4 ? 501 + g.nextInt(100)
                    : 101 + g.nextInt(50);
            boolean big = shape < 4;
            String location = g.pick(d.criteria);
            String title = g.pick(d.criteria);
            Instant now = d.modelClock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            List<Employee> employees = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Employee e = Employee.builder().id(bulkId(i)).fullName(Edges.ORDER_SENSITIVE_NAMES.get(
                        i % Edges.ORDER_SENSITIVE_NAMES.size()) + i).location(location).jobTitle(title).version(1)
                        .createdAt(now).updatedAt(now).build();
                employees.add(big ? Edges.padded(e, Limits.MAX_ITEM_BYTES) : e);
                if (ids.size() < Limits.MAX_GET_ALL_IDS - 2) {
                    ids.add(bulkId(i));
                }
            }
            ids.add("absent");
            ids.add(bulkId(0));
            return x -> {
                employees.stream().limit(2).forEach(x::touchEmployee);
                x.wrote();
                x.both("store.importAll(" + n + (big ? " employees at the item-size limit" : " employees")
                        + ", ids " + JavaSource.literal(bulkId(0)) + "...)", "§4.13.1, §3.4.2", s -> s.importAll(employees));
                x.both("store.getAll(" + ids.size() + " ids: " + JavaSource.literal(bulkId(0)) + "..., "
                        + "\"absent\", " + JavaSource.literal(bulkId(0)) + ")", "§4.4.1, §4.4.2, §3.4.2", s -> s.getAll(ids));
            };
        }
    }

    /** One operation of a transaction. */
    record Operation(String kind, Employee employee, String id, long version, Employee before) {
        Operation(String kind, Employee employee, String id, long version) {
            this(kind, employee, id, version, null);
        }

        /** @return the patch of a {@code "patch"} operation: from {@code before} to {@code employee} */
        EmployeePatch patch() {
            return EmployeePatch.between(before, employee);
        }

        String java() {
            return switch (kind) {
                case "create", "update", "put" -> "w." + kind + "(" + JavaSource.literal(employee) + ");";
                case "patch" -> "w.patch(" + JavaSource.literal(id) + ", " + version + "L, EmployeePatch.between("
                        + JavaSource.literal(before) + ", " + JavaSource.literal(employee) + "));";
                case "delete" -> "w.delete(" + JavaSource.literal(id) + ");";
                default -> "w.delete(" + JavaSource.literal(id) + ", " + version + "L);";
            };
        }
    }

    /**
     * {@code transact}: a few operations of every kind on the pool's ids (a {@code null}-id create among them),
     * operations failing in any position, a repeated id, 100 or 101 operations, and employees at the item-size limit
     * adding up to the transaction byte limit or one byte past it.
     */
    static final class Transact implements Action {
        public int weight() {
            return 8;
        }

        public boolean applies(Differential d) {
            return d.capabilities.contains(Capability.TRANSACTIONS);
        }

        public Step next(Edges g, Differential d) {
            List<Operation> ops = new ArrayList<>();
            int shape = g.nextInt(50);
            if (shape == 0) {
                int n = Limits.MAX_TRANSACTION_OPERATIONS + g.oneOf(0, 1);
                for (int i = 0; i < n; i++) {
                    ops.add(new Operation("put", Employee.builder().id(String.format("tx-%03d", i)).fullName("T " + i)
                            .build(), null, 0));
                }
            } else if (shape == 1) {
                ops.addAll(atTheByteLimit(g.chance(50) ? 0 : 1));
            } else {
                int n = 1 + g.nextInt(4);
                List<String> free = new ArrayList<>(d.ids);
                for (int i = 0; i < n && !free.isEmpty(); i++) {
                    String id = g.chance(10) ? g.pick(d.ids) : free.remove(g.nextInt(free.size()));
                    ops.add(operation(g, d, id));
                }
            }
            return x -> {
                for (Operation op : ops) {
                    x.touchEmployee(op.employee());
                    x.touch(op.id());
                    x.touchEmployee(SingleActions.stored(x, op.employee() != null ? op.employee().id() : op.id()));
                }
                x.wrote();
                List<String> assigned = new ArrayList<>();
                Outcome actual = Outcome.of(() -> {
                    x.sut.transact(w -> {
                        assigned.clear();
                        for (Operation op : ops) {
                            String id = apply(w, op, op.employee());
                            if (op.kind().equals("create") && op.employee().id() == null) {
                                assigned.add(id);
                            }
                        }
                    });
                    return "committed";
                });
                for (String id : assigned) {
                    x.check(id != null && Differential.UUID_V4.matcher(id).matches(), "§4.14.1",
                            "a create with a null id in a transaction returned " + JavaSource.literal(id)
                                    + ", not a version 4 UUID");
                    x.touch(id);
                }
                Outcome expected = Outcome.of(() -> {
                    x.model.transact(w -> {
                        Iterator<String> ids = assigned.iterator();
                        for (Operation op : ops) {
                            Employee e = op.employee();
                            if (op.kind().equals("create") && e.id() == null && ids.hasNext()) {
                                e = e.toBuilder().id(ids.next()).build();
                            }
                            apply(w, op, e);
                        }
                    });
                    return "committed";
                });
                StringBuilder java = new StringBuilder("store.transact(w -> {");
                ops.forEach(op -> java.append("\n        ").append(op.java()));
                String call = java.append("\n    })").toString();
                x.java(call + ";  // reference model: " + expected + (assigned.isEmpty() ? "" : "; assigned "
                        + JavaSource.ids(assigned)));
                x.agree("§4.14.1, §4.14.2, §4.14.3, §4.14.4, §4.18.8", call, expected, actual);
            };
        }

        private static String apply(TransactionWriter w, Operation op, Employee e) {
            switch (op.kind()) {
                case "create" -> {
                    return w.create(e);
                }
                case "update" -> w.update(e);
                case "put" -> w.put(e);
                case "delete" -> w.delete(op.id());
                case "patch" -> w.patch(op.id(), op.version(), op.patch());
                default -> w.delete(op.id(), op.version());
            }
            return null;
        }

        private static Operation operation(Edges g, Differential d, String id) {
            Employee stored = SingleActions.stored(d, id);
            Employee fresh = g.employee(id, d.criteria);
            return switch (g.nextInt(7)) {
                case 0 -> new Operation("create", g.chance(15) ? fresh.toBuilder().id(null).build() : fresh, null, 0);
                case 1 -> new Operation("update", (stored == null ? fresh : stored.toBuilder()
                        .fullName(fresh.fullName()).location(fresh.location()).build()).toBuilder()
                        .version(g.version(stored == null ? 1 : stored.version())).build(), null, 0);
                case 2, 3 -> new Operation("put", fresh, null, 0);
                case 4 -> new Operation("delete", null, id, 0);
                case 5 -> new Operation("deleteVersioned", null, id, g.version(stored == null ? 1 : stored.version()));
                default -> {
                    Employee before = stored == null ? fresh : stored;
                    Employee.Builder b = before.toBuilder();
                    SingleActions.changeFields(b, g.nextInt(SingleActions.FIELD_GROUPS), fresh);
                    yield new Operation("patch", b.build(), id, g.version(stored == null ? 1 : stored.version()),
                            before);
                }
            };
        }

        /** Puts of employees at the item-size limit adding up to the transaction byte limit plus {@code over}. */
        private static List<Operation> atTheByteLimit(int over) {
            List<Operation> ops = new ArrayList<>();
            long left = Limits.MAX_TRANSACTION_BYTES + over;
            for (int i = 0; left > 0; i++) {
                Employee base = Employee.builder().id(String.format("big-%02d", i)).fullName("Big " + i)
                        .attribute("padding", io.github.employeestore.AttributeValue.of("")).build();
                long room = Math.min(left, Limits.MAX_ITEM_BYTES);
                long pad = room - ItemSize.of(base);
                if (pad < 0) {
                    break;
                }
                Employee e = base.toBuilder().attribute("padding", io.github.employeestore.AttributeValue
                        .of("p".repeat((int) pad))).build();
                left -= ItemSize.of(e);
                ops.add(new Operation("put", e, null, 0));
            }
            return ops;
        }
    }
}
