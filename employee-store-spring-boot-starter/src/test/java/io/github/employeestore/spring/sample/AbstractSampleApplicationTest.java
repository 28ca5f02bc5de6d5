package io.github.employeestore.spring.sample;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.PageRequest;
import io.github.employeestore.micrometer.ObservedEmployeeStore;
import io.github.employeestore.spring.autoconfigure.EmployeeStoreHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every backend's sample application must show: a working, observed, healthy store bean. */
abstract class AbstractSampleApplicationTest {
    @Autowired
    EmployeeStore store;
    @Autowired
    MeterRegistry meters;
    @Autowired
    EmployeeStoreHealthIndicator health;

    static String uniqueTable(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theStoreBeanWorksIsObservedAndHealthy() {
        String location = "Site-" + UUID.randomUUID();
        Employee ada = store.create(Employee.builder().fullName("Ada Lovelace").location(location).build());
        assertThat(store.get(ada.id())).contains(ada);
        assertThat(store.find(EmployeeQuery.byLocation(location), PageRequest.first(5)).items()).containsExactly(ada);

        assertThat(store).isInstanceOf(ObservedEmployeeStore.class);
        assertThat(meters.get("employee.store").tag("employee.store.operation", "create")
                .tag("employee.store.backend", expectedBackend()).tag("outcome", "success").timer().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
    }

    abstract String expectedBackend();
}
