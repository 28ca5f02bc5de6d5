package io.github.employeestore.directory.internal.copy;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.UnreadableEmployeeException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code copy --merge} writes when the target already holds an id of the source. The target's version never
 * goes down and no newer target data is replaced:
 * <ul>
 *   <li>absent from the target: written, as the source holds it;</li>
 *   <li>the target's version is lower: the source's employee replaces it (with its higher version);</li>
 *   <li>the target holds the same employee (same version, equal fields): nothing to write;</li>
 *   <li>the target's version is higher, or the same with other data, or the target's employee cannot be read: the
 *       target's is kept as it is and the id is reported as a <em>conflict</em>.</li>
 * </ul>
 * The comparison and the write are not one atomic step: an application writing the target during the copy can
 * still be overwritten by a source employee with a higher version. Stateless and thread-safe.
 */
final class MergeRule {
    /** The most ids one {@code getAll} takes (CONTRACT §4.4). */
    private static final int GET_ALL_LIMIT = 1_000;

    private MergeRule() {
    }

    /**
     * @param write     the employees to write
     * @param conflicts the ids kept in the target, as {@code id: reason}
     */
    record Plan(List<Employee> write, List<String> conflicts) {
    }

    /**
     * @param batch  source employees
     * @param target the target store
     * @return what to write and what is kept
     */
    static Plan plan(List<Employee> batch, EmployeeStore target) {
        Map<String, Employee> existing = new HashMap<>();
        Map<String, UnreadableEmployeeException> unreadable = new HashMap<>();
        for (int i = 0; i < batch.size(); i += GET_ALL_LIMIT) {
            List<String> ids = batch.subList(i, Math.min(batch.size(), i + GET_ALL_LIMIT)).stream()
                    .map(Employee::id).toList();
            existing.putAll(target.getAll(ids, u -> unreadable.put(u.id(), u)));
        }
        List<Employee> write = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (Employee e : batch) {
            Employee there = existing.get(e.id());
            if (unreadable.containsKey(e.id())) {
                conflicts.add(e.id() + ": the target's employee cannot be read; kept");
            } else if (there == null || there.version() < e.version()) {
                write.add(e);
            } else if (there.version() > e.version()) {
                conflicts.add(e.id() + ": the target holds version " + there.version() + ", newer than the source's "
                        + e.version() + "; kept");
            } else if (!there.equals(e)) {
                conflicts.add(e.id() + ": the target holds other data at the same version " + there.version()
                        + "; kept");
            }
        }
        return new Plan(write, conflicts);
    }
}
