package io.github.employeestore.benchmarks;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;

import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Deterministic employees for benchmarks and tests: realistic sizes (name, title, location, two badges, three
 * flexible attributes), ready for {@code importAll} (version 1 and fixed timestamps). Thread-safe (stateless).
 *
 * <p>Cheap to make: the bulk benchmarks produce their input inside the timed call (so that nothing holds it), and
 * the JVM's CPU competes with the database server's on a small machine, so the repeating parts (badge sets, attribute
 * maps, titles, locations) come from pools built once and the ids are formatted by hand; each employee still is a
 * new object, made when it is asked for.
 */
public final class SampleData {
    private static final String[] LOCATIONS = {"Seattle", "London", "Berlin", "Tokyo", "São Paulo", "Sydney"};
    private static final String[] TITLES = {"Engineer", "Manager", "Designer", "Analyst", "Recruiter"};
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final int BADGE_KINDS = 7;
    /** The attribute values repeat every lcm(40, 9, 2) = 360 employees. */
    private static final int ATTRIBUTE_KINDS = 360;
    private static final List<SortedSet<String>> BADGES = new ArrayList<>();
    private static final List<SortedMap<String, AttributeValue>> ATTRIBUTES = new ArrayList<>();

    static {
        for (int k = 0; k < BADGE_KINDS; k++) {
            BADGES.add(Employee.builder().fullName("x").badge("badge-" + k).badge("mentor").build().badges());
        }
        for (int k = 0; k < ATTRIBUTE_KINDS; k++) {
            ATTRIBUTES.add(Employee.builder().fullName("x")
                    .attribute("team", AttributeValue.of("team-" + (k % 40)))
                    .attribute("level", AttributeValue.of(k % 9))
                    .attribute("remote", AttributeValue.of(k % 2 == 0))
                    .build().attributes());
        }
    }

    private SampleData() {
    }

    /**
     * @param i a number
     * @return the id of employee number {@code i}: {@code emp-} and the number with at least seven digits
     */
    public static String id(int i) {
        if (i < 0) {
            return String.format("emp-%07d", i);
        }
        String digits = Integer.toString(i);
        if (digits.length() >= 7) {
            return "emp-" + digits;
        }
        return "emp-" + "0000000".substring(digits.length()) + digits;
    }

    /**
     * @param i a number
     * @return employee number {@code i}, version 1
     */
    public static Employee employee(int i) {
        String id = id(i);
        return new Employee(id, "Employee Number " + i, TITLES[i % TITLES.length], LOCATIONS[i % LOCATIONS.length],
                BADGES.get(i % BADGE_KINDS), "photos/" + id + ".jpg", ATTRIBUTES.get(i % ATTRIBUTE_KINDS), 1,
                CREATED, CREATED.plusSeconds(i));
    }

    /**
     * @param from  the first number
     * @param count how many
     * @return employees {@code from .. from+count-1}, made as the list is read (so large lists cost no memory)
     */
    public static List<Employee> employees(int from, int count) {
        return new AbstractList<>() {
            @Override
            public Employee get(int index) {
                if (index < 0 || index >= count) {
                    throw new IndexOutOfBoundsException(index);
                }
                return employee(from + index);
            }

            @Override
            public int size() {
                return count;
            }
        };
    }
}
