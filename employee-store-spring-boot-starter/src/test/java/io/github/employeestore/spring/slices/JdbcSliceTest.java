package io.github.employeestore.spring.slices;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.jdbc.JdbcEmployeeStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.transaction.AfterTransaction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @JdbcTest} gets a store on the slice's embedded database, inside the test's transaction: what the test
 * writes is visible to its {@code JdbcTemplate} and rolled back at the end.
 */
@JdbcTest(properties = {"employee-store.create-schema=true", "employee-store.table=slice_employees"})
class JdbcSliceTest {
    @Autowired
    EmployeeStore store;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theSliceHasAStoreInTheTestsTransaction() {
        assertThat(store).isInstanceOf(JdbcEmployeeStore.class);
        store.create(Employee.builder().fullName("Ada Lovelace").build());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM \"slice_employees\"", Integer.class)).isEqualTo(1);
    }

    @AfterTransaction
    void rolledBackWithTheTest() {
        assertThat(store.count()).isZero();
    }
}
