package io.github.employeestore.spring;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.EmployeeStores;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.UnreadableEmployeeException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.dao.UncategorizedDataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A plain call site translating what real stores throw, one kind at a time, the store's exception kept as cause. */
class EmployeeStoreExceptionTranslatorTest {
    private final EmployeeStoreExceptionTranslator translator = new EmployeeStoreExceptionTranslator();

    private DataAccessException translated(Runnable call, Class<? extends DataAccessException> expected) {
        EmployeeStoreException thrown = catchThrowableOfType(EmployeeStoreException.class, call::run);
        assertThat(thrown).as("the store call must fail").isNotNull();
        DataAccessException t = translator.translateExceptionIfPossible(thrown);
        assertThat(t).isInstanceOf(expected).hasCause(thrown).hasMessage(thrown.getMessage());
        assertThat(EmployeeStoreExceptionTranslator.translate(thrown)).isInstanceOf(expected);
        return t;
    }

    @Test
    void everyKindOfStoreFailureBecomesItsSpringCounterpart() {
        try (EmployeeStore store = EmployeeStores.open("memory:")) {
            Employee ada = store.create(Employee.builder().fullName("Ada").build());
            store.update(ada.toBuilder().jobTitle("Edited").build());
            translated(() -> store.update(ada), OptimisticLockingFailureException.class);
            translated(() -> store.create(ada), DuplicateKeyException.class);
            assertThat(((EmptyResultDataAccessException) translated(() -> store.delete("absent", 1),
                    EmptyResultDataAccessException.class)).getExpectedSize()).isEqualTo(1);
            translated(() -> store.create(Employee.builder().fullName(" ").build()),
                    InvalidDataAccessApiUsageException.class);
        }
        translated(() -> EmployeeStores.open("no-such-scheme:x"), InvalidDataAccessResourceUsageException.class);

        EmployeeStore closed = EmployeeStores.open("jdbc:h2:mem:translated;DB_CLOSE_DELAY=-1");
        closed.schema().create();
        closed.close();
        translated(closed::count, DataAccessResourceFailureException.class);

        translated(() -> {
            throw new StoreUnavailableException("throttled", null, true);
        }, TransientDataAccessResourceException.class);
        translated(() -> {
            throw new UnreadableEmployeeException("e-1", "version", "not a number", null);
        }, DataRetrievalFailureException.class);
        translated(() -> {
            throw new EmployeeStoreException("something else");
        }, UncategorizedDataAccessException.class);
    }

    @Test
    void whatIsNotTheStoresIsLeftAlone() {
        assertThat(translator.translateExceptionIfPossible(new UnsupportedOperationException("find"))).isNull();
        assertThat(translator.translateExceptionIfPossible(new IllegalStateException())).isNull();
    }
}
