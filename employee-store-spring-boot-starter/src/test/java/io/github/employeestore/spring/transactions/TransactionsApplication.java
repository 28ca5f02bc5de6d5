package io.github.employeestore.spring.transactions;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.function.Consumer;

/**
 * An application that writes employees and rows of its own in one {@code @Transactional} method, as a Spring user
 * does, and reaches the store through a {@code @Repository} bean.
 */
@SpringBootApplication
class TransactionsApplication {
    @Bean
    Writes writes(EmployeeStore store, JdbcTemplate jdbc) {
        return new Writes(store, jdbc);
    }

    /** The application's own writes, in Spring-managed transactions. */
    static class Writes {
        private final EmployeeStore store;
        private final JdbcTemplate jdbc;

        Writes(EmployeeStore store, JdbcTemplate jdbc) {
            this.store = store;
            this.jdbc = jdbc;
        }

        /** Runs {@code work} in a transaction, then writes an audit row of the application's own. */
        @Transactional
        public void inTransaction(String audit, Consumer<EmployeeStore> work) {
            work.accept(store);
            jdbc.update("INSERT INTO " + AbstractSpringTransactionsTest.AUDIT + " (note) VALUES (?)", audit);
        }

        /** The same, then fails: everything must roll back. */
        @Transactional
        public void inTransactionThenFail(String audit, Consumer<EmployeeStore> work) {
            inTransaction(audit, work);
            throw new IllegalStateException("the application failed after writing");
        }
    }

    /** A repository of the application (found by component scanning): Spring translates what escapes it into {@code DataAccessException}s. */
    @Repository
    static class EmployeeRepository {
        private final EmployeeStore store;

        EmployeeRepository(EmployeeStore store) {
            this.store = store;
        }

        public Employee update(Employee changed) {
            return store.update(changed);
        }

        public Employee create(Employee draft) {
            return store.create(draft);
        }
    }
}
