package io.github.employeestore.benchmarks;

import io.github.employeestore.Employee;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;

/**
 * Employees whose full names have a realistic distribution, for the search benchmarks: {@link SampleData}'s
 * employees with the names of {@link io.github.employeestore.testsupport.RealNames} (real given-name and surname
 * frequencies, shared with the tests). Thread-safe.
 */
public final class RealNames {
    private static final RealNames INSTANCE = new RealNames();

    private final io.github.employeestore.testsupport.RealNames names = io.github.employeestore.testsupport.RealNames
            .get();

    private RealNames() {
    }

    /** @return the names, loaded once */
    public static RealNames get() {
        return INSTANCE;
    }

    /**
     * @param i a number
     * @return full name number {@code i}: "Given Surname"
     */
    public String fullName(int i) {
        return names.fullName(i);
    }

    /** @return how many given names and surnames the lists hold */
    public int[] sizes() {
        return names.sizes();
    }

    /**
     * @param from  the first number
     * @param count how many
     * @return {@link SampleData}'s employees {@code from .. from+count-1} with full name number {@code i} each, made
     *         as the list is read
     */
    public List<Employee> employees(int from, int count) {
        return new AbstractList<>() {
            @Override
            public Employee get(int index) {
                Objects.checkIndex(index, count);
                return SampleData.employee(from + index).toBuilder().fullName(fullName(from + index)).build();
            }

            @Override
            public int size() {
                return count;
            }
        };
    }
}
