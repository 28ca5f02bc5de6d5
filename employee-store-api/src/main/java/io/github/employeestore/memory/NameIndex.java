package io.github.employeestore.memory;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.spi.CodePointOrder;
import io.github.employeestore.spi.NameFolding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;

/**
 * The in-memory store's search order: the employees' keys (sort key, full name, id) in a sorted set, kept in step
 * with the map of employees by {@link #reconcile(String, Employee)} after every write. Readers take each key's
 * employee from the map and skip a key that no longer describes it, so a search never returns a stale employee.
 *
 * <p>Thread-safe.
 */
final class NameIndex {
    private record Key(String sortKey, String fullName, String id) {
        static Key of(Employee e) {
            return new Key(NameFolding.sortKey(e.fullName()), e.fullName(), e.id());
        }
    }

    private static final Comparator<Key> ORDER = Comparator
            .comparing(Key::sortKey, CodePointOrder.COMPARATOR)
            .thenComparing(Key::fullName, CodePointOrder.COMPARATOR)
            .thenComparing(Key::id, CodePointOrder.COMPARATOR);

    private final NavigableSet<Key> keys = new ConcurrentSkipListSet<>(ORDER);
    private final Map<String, Key> byId = new HashMap<>();

    /**
     * Brings the index in step with the employee now stored under an id (which a later reconcile of the same id
     * may change again: the last one wins, and it reads the map after its own write).
     *
     * @param id      the id written
     * @param current the employee stored under it now, or {@code null} if there is none
     */
    synchronized void reconcile(String id, Employee current) {
        Key old = byId.remove(id);
        if (old != null) {
            keys.remove(old);
        }
        if (current != null) {
            Key key = Key.of(current);
            byId.put(id, key);
            keys.add(key);
        }
    }

    synchronized void clear() {
        keys.clear();
        byId.clear();
    }

    /**
     * @param query  the query with a name search, or {@code null} for every employee
     * @param after  the position to continue after (sort key, full name, id), or {@code null} for the first page
     * @param limit  how many employees to return at most
     * @param lookup the employee stored under an id now
     * @return the matching employees after the position, in the search order
     */
    List<Employee> page(EmployeeQuery query, List<String> after, long limit, Function<String, Employee> lookup) {
        NavigableSet<Key> tail = after == null ? keys : keys.tailSet(new Key(after.get(0), after.get(1),
                after.get(2)), false);
        List<Employee> found = new ArrayList<>();
        for (Key key : tail) {
            if (found.size() >= limit) {
                break;
            }
            Employee e = lookup.apply(key.id());
            if (e != null && e.fullName().equals(key.fullName()) && (query == null || query.matches(e))) {
                found.add(e);
            }
        }
        return found;
    }
}
