package io.github.employeestore.spring.slices;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.memory.InMemoryEmployeeStore;
import io.github.employeestore.spring.test.autoconfigure.AutoConfigureEmployeeStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/** A test with a hand-picked configuration and no auto-configuration gets the store from the annotation alone. */
@SpringJUnitConfig(AutoConfigureEmployeeStoreTest.Empty.class)
@AutoConfigureEmployeeStore
@TestPropertySource(properties = "employee-store.url=memory:")
class AutoConfigureEmployeeStoreTest {
    @Autowired
    EmployeeStore store;

    @Test
    void theAnnotationBringsTheStore() {
        assertThat(store).isInstanceOf(InMemoryEmployeeStore.class);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties
    static class Empty {
    }
}
