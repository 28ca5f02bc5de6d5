package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.spi.ItemSize;

/** Employees of an exact size as measured by {@link ItemSize}, for the tests of the size limits. */
final class SizedEmployees {
    private SizedEmployees() {
    }

    /**
     * @param id    the id
     * @param bytes the size the employee must have, by {@link ItemSize}
     * @return an employee with that id, located in "Big", whose text attribute {@code blob} makes up the size
     */
    static Employee ofSize(String id, long bytes) {
        Employee base = Employee.builder().id(id).fullName("Large " + id).location("Big")
                .attribute("blob", AttributeValue.of("")).build();
        long fill = bytes - ItemSize.of(base);
        if (fill < 0) {
            throw new IllegalArgumentException("an employee cannot be as small as " + bytes + " bytes");
        }
        StringBuilder blob = new StringBuilder((int) fill);
        for (int i = 0; i < fill; i++) {
            blob.append((char) ('a' + Math.floorMod(id.hashCode() + i, 26)));
        }
        Employee e = base.toBuilder().attribute("blob", AttributeValue.of(blob.toString())).build();
        if (ItemSize.of(e) != bytes) {
            throw new IllegalStateException("built " + ItemSize.of(e) + " bytes instead of " + bytes);
        }
        return e;
    }
}
