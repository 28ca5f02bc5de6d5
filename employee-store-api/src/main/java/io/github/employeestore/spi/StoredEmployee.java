package io.github.employeestore.spi;

import io.github.employeestore.Employee;
import io.github.employeestore.UnreadableEmployeeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One stored employee as a backend read it: either the employee, or the {@link UnreadableEmployeeException} that
 * mapping it gave, with the position it has in list and find order (its id, and its full name when it has one as
 * text). Backends build list and find pages from these with {@link CursorCodec#listPageOf} and
 * {@link CursorCodec#findPageOf}, so an unreadable employee keeps its place and the listing goes on past it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id         the stored id
 * @param fullName   the stored full name if it is text, else {@code null} (needed only for find pages)
 * @param employee   the employee, or {@code null} if it cannot be read
 * @param unreadable why it cannot be read, or {@code null} if it can
 */
public record StoredEmployee(String id, String fullName, Employee employee, UnreadableEmployeeException unreadable) {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.employeestore.unreadable");

    /** @throws NullPointerException unless exactly one of employee and unreadable is given, with an id */
    public StoredEmployee {
        Objects.requireNonNull(id, "id");
        if ((employee == null) == (unreadable == null)) {
            throw new IllegalArgumentException("give exactly one of employee and unreadable");
        }
    }

    /**
     * @param employee a readable employee
     * @return it
     */
    public static StoredEmployee readable(Employee employee) {
        return new StoredEmployee(employee.id(), employee.fullName(), employee, null);
    }

    /**
     * @param fullName   the stored full name if it is text, else {@code null}
     * @param unreadable why it cannot be read
     * @return an unreadable stored employee
     */
    public static StoredEmployee unreadable(String fullName, UnreadableEmployeeException unreadable) {
        return new StoredEmployee(unreadable.id(), fullName, null, unreadable);
    }

    /** @return whether the employee could be read */
    public boolean isReadable() {
        return employee != null;
    }

    /**
     * Logs an unreadable employee at WARN (logger {@code io.github.employeestore.unreadable}), naming the operation,
     * the id and the attribute, never a value. Every backend reports unreadable employees through this.
     *
     * @param operation  the operation that met it, e.g. {@code list}
     * @param unreadable the unreadable employee
     */
    public static void warn(String operation, UnreadableEmployeeException unreadable) {
        LOG.warn("{} passed over an unreadable stored employee: {}", operation, unreadable.getMessage());
    }

    /**
     * What {@code getAll} returns from the stored employees a backend found: the readable ones in the order of
     * {@code ids}. Each unreadable one is logged by {@link #warn} (operation {@code getAll}); once all are sorted,
     * each is handed to {@code unreadable}, in the order of {@code ids}. Ids without a stored employee are left out.
     *
     * @param ids        the distinct ids asked for, in the caller's order
     * @param found      the stored employees found, by id
     * @param unreadable told of each unreadable employee
     * @return the readable employees by id, in the order of {@code ids}
     * @throws RuntimeException whatever {@code unreadable} throws
     */
    public static Map<String, Employee> readableInOrder(List<String> ids, Map<String, StoredEmployee> found,
                                                        Consumer<? super UnreadableEmployeeException> unreadable) {
        Map<String, Employee> ordered = new LinkedHashMap<>();
        List<UnreadableEmployeeException> failed = new ArrayList<>();
        for (String id : ids) {
            StoredEmployee e = found.get(id);
            if (e != null && e.isReadable()) {
                ordered.put(id, e.employee());
            } else if (e != null) {
                warn("getAll", e.unreadable());
                failed.add(e.unreadable());
            }
        }
        failed.forEach(unreadable);
        return ordered;
    }
}
