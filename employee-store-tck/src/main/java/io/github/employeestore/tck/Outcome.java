package io.github.employeestore.tck;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.ImportResult;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.UnreadableEmployeeException;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What one call did, in the terms the contract fixes: the value it returned (an ordered map as its entries, an
 * import result as its counts and failures), or the exception's type, id, versions and violated fields. Two outcomes
 * {@link #agrees agree} when a caller could not tell them apart by the contract: a {@link VersionConflictException}'s
 * stored version counts only where both know it (§4.5.2 "where the database tells it"); messages never count.
 *
 * @param value the value returned (normalized), when the call returned
 * @param error the exception thrown, when it threw
 */
record Outcome(Object value, Thrown error) {

    /** An exception reduced to what the contract says about it. */
    record Thrown(String type, String id, Long expected, Long actual, SortedSet<String> fields, String message) {
        boolean agrees(Thrown o) {
            return type.equals(o.type) && Objects.equals(id, o.id) && Objects.equals(expected, o.expected)
                    && Objects.equals(fields, o.fields) && (actual == null || o.actual == null || actual.equals(o.actual));
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(type);
            if (id != null) {
                b.append("(id=").append(JavaSource.literal(id));
                if (expected != null) {
                    b.append(", expected=").append(expected).append(", actual=").append(actual == null ? "unknown" : actual);
                }
                b.append(')');
            }
            if (fields != null) {
                b.append(fields);
            }
            return b.toString();
        }
    }

    /** An import result without its words: counts, and each failure's index, id and violated fields. */
    record Imported(int attempted, int written, List<String> failures) {
    }

    /**
     * A {@code createAll} result: how many drafts, the employees created (in input order), and each failure's index,
     * id, violated fields and whether its error is {@link EmployeeAlreadyExistsException}.
     */
    record Created(int attempted, List<Employee> employees, List<String> failures,
                   java.util.Set<Integer> failedIndexes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Created c && attempted == c.attempted && employees.equals(c.employees)
                    && failures.equals(c.failures);
        }

        @Override
        public int hashCode() {
            return Objects.hash(attempted, employees, failures);
        }

        @Override
        public String toString() {
            return "CreateAllResult[attempted=" + attempted + ", created=" + describe(employees) + ", failures="
                    + failures + "]";
        }
    }

    static Outcome returned(Object value) {
        return new Outcome(normalize(value), null);
    }

    static Outcome of(Supplier<?> call) {
        try {
            return returned(call.get());
        } catch (RuntimeException e) {
            return thrown(e);
        }
    }

    static Outcome thrown(RuntimeException e) {
        String id = null;
        Long expected = null;
        Long actual = null;
        SortedSet<String> fields = null;
        if (e instanceof EmployeeNotFoundException n) {
            id = n.id();
        } else if (e instanceof EmployeeAlreadyExistsException a) {
            id = a.id();
        } else if (e instanceof UnreadableEmployeeException u) {
            id = u.id();
        } else if (e instanceof VersionConflictException v) {
            id = v.id();
            expected = v.expectedVersion();
            OptionalLong stored = v.actualVersion();
            actual = stored.isPresent() ? stored.getAsLong() : null;
        } else if (e instanceof InvalidInputException i) {
            fields = new TreeSet<>();
            for (Violation violation : i.violations()) {
                fields.add(violation.field());
            }
        }
        return new Outcome(null, new Thrown(e.getClass().getSimpleName(), id, expected, actual, fields,
                e.getMessage()));
    }

    private static Object normalize(Object value) {
        if (value instanceof Map<?, ?> map) {
            return new ArrayList<>(map.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList());
        }
        if (value instanceof ImportResult r) {
            List<String> failures = new ArrayList<>();
            for (ImportResult.Failure f : r.failures()) {
                TreeSet<String> fields = new TreeSet<>();
                f.violations().forEach(v -> fields.add(v.field()));
                failures.add(f.index() + ":" + JavaSource.literal(f.id()) + fields);
            }
            return new Imported(r.attempted(), r.written(), failures);
        }
        if (value instanceof io.github.employeestore.CreateAllResult r) {
            List<String> failures = new ArrayList<>();
            java.util.Set<Integer> indexes = new TreeSet<>();
            for (ImportResult.Failure f : r.failures()) {
                TreeSet<String> fields = new TreeSet<>();
                f.violations().forEach(v -> fields.add(v.field()));
                // the contract fixes the error of a stored id only (EmployeeAlreadyExistsException, §4.21.2)
                failures.add(f.index() + ":" + JavaSource.literal(f.id()) + fields
                        + (f.cause() instanceof EmployeeAlreadyExistsException ? ":already exists" : ""));
                indexes.add(f.index());
            }
            return new Created(r.attempted(), r.created(), failures, indexes);
        }
        return value;
    }

    boolean threw() {
        return error != null;
    }

    boolean agrees(Outcome other) {
        if (threw() || other.threw()) {
            return threw() && other.threw() && error.agrees(other.error);
        }
        return Objects.equals(value, other.value);
    }

    @Override
    public String toString() {
        if (threw()) {
            return "throws " + error;
        }
        return "returns " + describe(value);
    }

    static String describe(Object value) {
        if (value instanceof Optional<?> o) {
            return o.map(Outcome::describe).map(s -> "Optional[" + s + "]").orElse("Optional.empty");
        }
        if (value instanceof Employee e) {
            return JavaSource.literal(e);
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(v -> parts.add(describe(v)));
            return parts.toString();
        }
        if (value instanceof String s) {
            return JavaSource.literal(s);
        }
        return String.valueOf(value);
    }
}
