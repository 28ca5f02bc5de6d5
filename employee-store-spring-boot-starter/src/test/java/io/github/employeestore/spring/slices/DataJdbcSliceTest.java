package io.github.employeestore.spring.slices;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.test.context.transaction.AfterTransaction;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @DataJdbcTest} gets a store too, in the test's transaction. */
@DataJdbcTest(properties = {"employee-store.create-schema=true", "employee-store.table=data_slice_employees"})
class DataJdbcSliceTest {
    @Autowired
    EmployeeStore store;

    @Test
    void theSliceHasAStore() {
        Employee ada = store.create(Employee.builder().fullName("Ada Lovelace").build());
        assertThat(store.get(ada.id())).contains(ada);
    }

    @AfterTransaction
    void rolledBackWithTheTest() {
        assertThat(store.count()).isZero();
    }
}
