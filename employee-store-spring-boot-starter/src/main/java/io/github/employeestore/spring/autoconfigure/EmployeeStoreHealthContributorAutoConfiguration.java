package io.github.employeestore.spring.autoconfigure;

import io.github.employeestore.EmployeeStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Contributes {@link EmployeeStoreHealthIndicator} as {@code employeeStore} when Spring Boot's health support is on
 * the class path and there is one store; {@code management.health.employeestore.enabled=false} turns it off.
 */
@AutoConfiguration(after = EmployeeStoreAutoConfiguration.class)
@ConditionalOnClass({EmployeeStore.class, HealthIndicator.class})
@ConditionalOnSingleCandidate(EmployeeStore.class)
public class EmployeeStoreHealthContributorAutoConfiguration {
    @Bean
    @ConditionalOnEnabledHealthIndicator("employeestore")
    @ConditionalOnMissingBean(name = "employeeStoreHealthIndicator")
    EmployeeStoreHealthIndicator employeeStoreHealthIndicator(EmployeeStore store) {
        return new EmployeeStoreHealthIndicator(store);
    }
}
