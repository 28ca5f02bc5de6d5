package io.github.employeestore.benchmarks;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;

import java.time.Instant;
import java.util.AbstractList;
import java.util.List;

/**
 * Deterministic employees for benchmarks and tests: realistic sizes (name, title, location, two badges, three
 * flexible attributes), ready for {@code importAll} (version 1 and fixed timestamps). Thread-safe (stateless).
 */
public final class SampleData {
    private static final String[] LOCATIONS = {"Seattle", "London", "Berlin", "Tokyo", "São Paulo", "Sydney"};
    private static final String[] TITLES = {"Engineer", "Manager", "Designer", "Analyst", "Recruiter"};
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private SampleData() {
    }

    /**
     * @param i a number
     * @return the id of employee number {@code i}
     */
    public static String id(int i) {
        return String.format("emp-%07d", i);
    }

    /**
     * @param i a number
     * @return employee number {@code i}, version 1
     */
    public static Employee employee(int i) {
        return Employee.builder()
                .id(id(i))
                .fullName("Employee Number " + i)
                .jobTitle(TITLES[i % TITLES.length])
                .location(LOCATIONS[i % LOCATIONS.length])
                .badge("badge-" + (i % 7))
                .badge("mentor")
                .photoKey("photos/" + id(i) + ".jpg")
                .attribute("team", AttributeValue.of("team-" + (i % 40)))
                .attribute("level", AttributeValue.of(i % 9))
                .attribute("remote", AttributeValue.of(i % 2 == 0))
                .version(1)
                .createdAt(CREATED)
                .updatedAt(CREATED.plusSeconds(i))
                .build();
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
