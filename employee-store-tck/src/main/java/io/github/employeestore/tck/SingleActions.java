package io.github.employeestore.tck;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeePatch;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.UnreadableEmployeeException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The generated tests' actions on single employees and on the store as a whole: one class per operation of
 * {@link EmployeeStore}, each drawing its arguments from {@link Edges}.
 */
final class SingleActions {
    private SingleActions() {
    }

    /** An id of the sequence's pool, now and then an invalid one. */
    static String id(Edges g, Differential d) {
        return g.chance(8) ? g.badId() : g.pick(d.ids);
    }

    static Employee stored(Differential d, String id) {
        try {
            return d.schemaExists() ? d.model.get(id).orElse(null) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** How many groups of fields {@link #changeFields} knows. */
    static final int FIELD_GROUPS = 4;

    /**
     * Takes one group of fields from {@code fresh}: the full name; location and job title; the attributes; badges
     * and photo key (what an update or a patch of the generated tests changes).
     */
    static void changeFields(Employee.Builder b, int group, Employee fresh) {
        switch (group) {
            case 0 -> b.fullName(fresh.fullName());
            case 1 -> b.location(fresh.location()).jobTitle(fresh.jobTitle());
            case 2 -> b.attributes(fresh.attributes());
            default -> b.badges(fresh.badges()).photoKey(fresh.photoKey());
        }
    }

    /** {@code create}: a new draft, an existing id, a {@code null} id (the store under test chooses the UUID). */
    static final class Create implements Action {
        public int weight() {
            return 12;
        }

        public Step next(Edges g, Differential d) {
            Employee draft = g.employee(id(g, d), d.criteria).toBuilder().version(g.oneOf(0L, 0L, 7L)).build();
            Employee given = g.chance(10) ? draft.toBuilder().id(null).build() : draft;
            return x -> {
                x.touchEmployee(given);
                x.wrote();
                String call = "store.create(" + JavaSource.literal(given) + ")";
                if (given.id() != null) {
                    x.both(call, "§4.2.2, §4.2.3, §3.1.7, §3", s -> s.create(given));
                    return;
                }
                Outcome actual = Outcome.of(() -> x.sut.create(given));
                String assigned = actual.threw() ? null : ((Employee) actual.value()).id();
                if (assigned != null) {
                    x.check(Differential.UUID_V4.matcher(assigned).matches(), "§4.2.1",
                            "create with a null id assigned " + JavaSource.literal(assigned) + ", not a version 4 UUID");
                }
                Employee withId = given.toBuilder().id(assigned).build();
                Outcome expected = Outcome.of(() -> x.model.create(withId));
                x.java(() -> call + ";  // assigned " + JavaSource.literal(assigned) + "; reference model: "
                        + Differential.shorten(expected.toString()));
                x.touch(assigned);
                x.agree("§4.2.1, §4.2.2", call, expected, actual);
            };
        }
    }

    /** {@code get} of an id of the pool or an invalid one. */
    static final class Get implements Action {
        public int weight() {
            return 6;
        }

        public Step next(Edges g, Differential d) {
            String id = id(g, d);
            return x -> x.both("store.get(" + JavaSource.literal(id) + ")", "§4.3.1, §3.1.1", s -> s.get(id));
        }
    }

    /** {@code getAll}, both overloads: repeated, missing and invalid ids, none, and 1,000 or 1,001 of them. */
    static final class GetAll implements Action {
        public int weight() {
            return 5;
        }

        public Step next(Edges g, Differential d) {
            List<String> ids = new ArrayList<>();
            int shape = g.nextInt(10);
            int n = shape == 0 ? 0 : shape == 1 ? io.github.employeestore.Limits.MAX_GET_ALL_IDS
                    + g.oneOf(0, 1, -1) : 1 + g.nextInt(6);
            for (int i = 0; i < n; i++) {
                ids.add(n <= 10 ? id(g, d) : i < 150 ? BulkActions.bulkId(i) : "absent-" + i);
            }
            boolean consumer = g.chance(50);
            return x -> {
                x.touchAll(ids.subList(0, Math.min(ids.size(), 10)));
                AtomicInteger reported = new AtomicInteger();
                String call = "store.getAll(" + JavaSource.ids(ids) + (consumer ? ", unreadable -> {})" : ")");
                java.util.function.Function<EmployeeStore, Object> op = consumer
                        ? s -> s.getAll(ids, (UnreadableEmployeeException u) -> reported.incrementAndGet())
                        : s -> s.getAll(ids);
                Outcome expected = Outcome.of(() -> op.apply(x.model));
                Outcome actual = Outcome.of(() -> op.apply(x.sut));
                x.java(() -> call + ";  // reference model: " + Differential.shorten(expected.toString()));
                boolean nothingToDo = ids.isEmpty() && expected.threw() != actual.threw()
                        && (expected.threw() ? expected : actual).error().type().equals("StoreConfigurationException");
                if (!nothingToDo) { // §4.15.3: getAll of no ids may return its empty result without checking
                    x.agree("§4.4.1, §4.4.2, §4.4.3, §4.15.3", call, expected, actual);
                }
                x.check(reported.get() == 0, "§3.6.2", "getAll reported unreadable employees where none was written");
            };
        }
    }

    /** {@code update} of the stored employee with another field, at the stored version, a neighbour, or an edge. */
    static final class Update implements Action {
        public int weight() {
            return 12;
        }

        public Step next(Edges g, Differential d) {
            String id = id(g, d);
            Employee stored = stored(d, id);
            Employee fresh = g.employee(id, d.criteria);
            Employee changed;
            if (stored != null && g.chance(85)) {
                Employee.Builder b = stored.toBuilder();
                int kind = g.nextInt(5);
                if (kind < FIELD_GROUPS) {
                    changeFields(b, kind, fresh);
                } else {
                    b.createdAt(g.timestamp(stored.createdAt())).updatedAt(g.timestamp(stored.updatedAt()));
                }
                changed = b.version(g.version(stored.version())).build();
            } else {
                changed = fresh.toBuilder().version(g.version(1)).build();
            }
            return x -> {
                x.touchEmployee(changed);
                x.touchEmployee(stored);
                x.wrote();
                x.both("store.update(" + JavaSource.literal(changed) + ")", "§4.5.1, §4.5.2, §4.5.3, §4.5.4, §4.1.3",
                        s -> s.update(changed));
            };
        }
    }

    /** {@code put} of a new or a stored id (its version and timestamps are ignored). */
    static final class Put implements Action {
        public int weight() {
            return 10;
        }

        public Step next(Edges g, Differential d) {
            String id = id(g, d);
            Employee e = g.employee(id, d.criteria).toBuilder().version(g.version(0)).build();
            return x -> {
                x.touchEmployee(e);
                x.touchEmployee(stored(x, id));
                x.wrote();
                x.both("store.put(" + JavaSource.literal(e) + ")", "§4.6.1, §4.6.2, §4.1.3", s -> s.put(e));
            };
        }
    }

    /**
     * {@code patch}: the difference ({@link EmployeePatch#between}) between the stored employee (or a new one, for an
     * absent id) and a copy with some fields or attributes changed, at the stored version, a neighbour, or an edge;
     * now and then an empty patch, or the removal of a reserved, invalid or absent attribute name.
     */
    static final class Patch implements Action {
        public int weight() {
            return 10;
        }

        public Step next(Edges g, Differential d) {
            String id = id(g, d);
            Employee stored = stored(d, id);
            Employee fresh = g.employee(id, d.criteria);
            Employee before = stored != null && g.chance(90) ? stored : fresh;
            Employee.Builder b = before.toBuilder();
            String removed = null;
            int kind = g.nextInt(7);
            switch (kind) {
                case 0, 1, 2, 3 -> changeFields(b, kind, fresh);
                case 4 -> {
                    java.util.Map<String, io.github.employeestore.AttributeValue> merged =
                            new java.util.LinkedHashMap<>(before.attributes());
                    merged.putAll(fresh.attributes());
                    b.attributes(merged);
                }
                case 5 -> removed = g.oneOf("full_name", "version", "id", "bad name", "absent_attribute", "");
                default -> {
                    // nothing changes: an empty patch, which writes nothing (§4.18.5)
                }
            }
            Employee after = b.build();
            String name = removed;
            long version = g.version(stored == null ? 1 : stored.version());
            String patch = name != null ? "EmployeePatch.of(p -> p.removeAttribute(" + JavaSource.literal(name) + "))"
                    : "EmployeePatch.between(" + JavaSource.literal(before) + ", " + JavaSource.literal(after) + ")";
            return x -> {
                x.touchEmployee(after);
                x.writes(id);
                // the patch is made in the call, so a value its builder rejects fails both calls alike
                x.both("store.patch(" + JavaSource.literal(id) + ", " + version + "L, " + patch + ")",
                        "§4.18.1, §4.18.3, §4.18.4, §4.18.5, §4.18.6, §4.1.2", s -> s.patch(id, version,
                                name != null ? EmployeePatch.of(p -> p.removeAttribute(name))
                                        : EmployeePatch.between(before, after)));
            };
        }
    }

    /** {@code delete(id)}. */
    static final class Delete implements Action {
        public int weight() {
            return 6;
        }

        public Step next(Edges g, Differential d) {
            String id = id(g, d);
            return x -> {
                x.writes(id);
                x.both("store.delete(" + JavaSource.literal(id) + ")", "§4.7.1", s -> s.delete(id));
            };
        }
    }

    /** {@code delete(id, expectedVersion)} at the stored version, a neighbour, or an edge. */
    static final class DeleteVersioned implements Action {
        public int weight() {
            return 6;
        }

        public Step next(Edges g, Differential d) {
            String id = id(g, d);
            Employee stored = stored(d, id);
            long version = g.version(stored == null ? 1 : stored.version());
            return x -> {
                x.writes(id);
                x.both("store.delete(" + JavaSource.literal(id) + ", " + version + "L)",
                        "§4.8.1, §4.8.2, §4.8.3, §4.8.4", s -> {
                            s.delete(id, version);
                            return "deleted";
                        });
            };
        }
    }

    /** {@code count()}. */
    static final class Count implements Action {
        public int weight() {
            return 2;
        }

        public Step next(Edges g, Differential d) {
            return x -> x.both("store.count()", "§4.12.1", EmployeeStore::count);
        }
    }

    /** {@code description()}: short, and without credentials (§4.17.2); it is the backend's, so not compared. */
    static final class Describe implements Action {
        private static final java.util.regex.Pattern CREDENTIALS = java.util.regex.Pattern.compile(
                "(?i)://[^/?#\\s]*@|password|secret|token|access.?key");

        public int weight() {
            return 1;
        }

        public Step next(Edges g, Differential d) {
            return x -> {
                String description = x.sut.description();
                x.java("store.description();  // " + JavaSource.literal(description));
                x.check(description != null && !description.isBlank() && description.length() <= 500, "§4.17.2",
                        "description() must be a short text: " + JavaSource.literal(description));
                x.check(!CREDENTIALS.matcher(description).find(), "§4.17.2",
                        "description() shows credentials: " + JavaSource.literal(description));
            };
        }
    }

    /** Moves both clocks (by a nanosecond, sub-millisecond amounts, a millisecond, a day). */
    static final class AdvanceClock implements Action {
        public int weight() {
            return 6;
        }

        public Step next(Edges g, Differential d) {
            Duration step = g.clockStep();
            return x -> {
                x.sutClock.advance(step);
                x.modelClock.advance(step);
                x.java("clock.advance(Duration.parse(\"" + step + "\"));");
            };
        }
    }

    /** {@code schema().drop()}, {@code create()} and {@code exists()}; rarely, since a drop empties the table. */
    static final class Schema implements Action {
        public int weight() {
            return 2;
        }

        public Step next(Edges g, Differential d) {
            int what = d.schemaExists() ? (g.chance(40) ? 0 : g.chance(50) ? 1 : 2) : (g.chance(80) ? 1 : 0);
            return x -> {
                x.wrote();
                x.touchAll(x.ids);
                switch (what) {
                    case 0 -> x.both("store.schema().drop()", "§4.15.2", s -> {
                        s.schema().drop();
                        return "dropped";
                    });
                    case 1 -> x.both("store.schema().create()", "§4.15.2", s -> {
                        s.schema().create();
                        return "created";
                    });
                    default -> x.both("store.schema().exists()", "§4.15.2", s -> s.schema().exists());
                }
            };
        }
    }
}
