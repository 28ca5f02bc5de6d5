package io.github.employeestore.spi;

import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class DriverErrorsTest {
    /** A client library's own "connection" exception type, unrelated to IOException. */
    static final class ClientConnectionException extends RuntimeException {
        ClientConnectionException(String message) {
            super(message);
        }
    }

    @Test
    void transientBySqlStateVendorCodeAndType() {
        assertThat(DriverErrors.isTransient(new SQLException("x", "08006"))).isTrue();          // connection failure
        assertThat(DriverErrors.isTransient(new SQLException("x", "40P01"))).isTrue();          // PostgreSQL deadlock
        assertThat(DriverErrors.isTransient(new SQLException("x", "HY000", 1205))).isTrue();    // lock wait timeout
        assertThat(DriverErrors.isTransient(new SQLException("x", "HY000", 2013))).isTrue();    // lost connection
        assertThat(DriverErrors.isTransient(new SQLException("x", "HYT00", 50200))).isTrue();   // H2 lock timeout
        assertThat(DriverErrors.isTransient(new SQLTransientConnectionException("x"))).isTrue();
        assertThat(DriverErrors.isTransient(new RuntimeException(new SQLException("x", "57P01")))).isTrue();
        assertThat(DriverErrors.isTransient(new SQLException("x", "22021"))).isFalse();        // bad UTF-8 byte
        assertThat(DriverErrors.isTransient(new SQLException("x", "42000", 1205))).isFalse();   // syntax class wins
        assertThat(DriverErrors.isTransient(new SQLException("x", "23505"))).isFalse();
    }

    @Test
    void transientByNetworkFailureAndByCallerNamedTypes() {
        assertThat(DriverErrors.isTransient(new RuntimeException(new ConnectException("refused")))).isTrue();
        assertThat(DriverErrors.isTransient(new UncheckedIOException(new SocketTimeoutException("t")))).isTrue();
        assertThat(DriverErrors.isTransient(new ClientConnectionException("reset"))).isFalse();
        assertThat(DriverErrors.isTransient(new ClientConnectionException("reset"), ClientConnectionException.class))
                .isTrue();
        assertThat(DriverErrors.isTransient(new IllegalStateException("bug"), ClientConnectionException.class))
                .isFalse();
    }

    @Test
    void duplicateKeyMissingTableAndDeadlock() {
        assertThat(DriverErrors.isDuplicateKey(new SQLException("x", "23505"))).isTrue();
        assertThat(DriverErrors.isDuplicateKey(new SQLIntegrityConstraintViolationException("x", "23000", 1062)))
                .isTrue();
        assertThat(DriverErrors.isDuplicateKey(new SQLException("x", "23000", 1452))).isFalse(); // foreign key
        BatchUpdateException batch = new BatchUpdateException("batch", "HY000", 0, new int[0]);
        batch.setNextException(new SQLException("x", "23505"));
        assertThat(DriverErrors.isDuplicateKey(batch)).isTrue();
        assertThat(DriverErrors.isMissingTable(new SQLException("x", "42P01"))).isTrue();
        assertThat(DriverErrors.isMissingTable(new SQLException("x", "42S02", 1146))).isTrue();
        assertThat(DriverErrors.isMissingTable(new SQLException("x", "42S02", 42102))).isTrue();
        assertThat(DriverErrors.isMissingTable(new SQLException("x", "42000", 1064))).isFalse();
        assertThat(DriverErrors.isDeadlock(new SQLException("x", "40001", 1213))).isTrue();
        assertThat(DriverErrors.isDeadlock(new SQLException("x", "HY000", 1205))).isFalse();
        assertThat((Throwable) DriverErrors.sqlCause(new RuntimeException(new SQLException("s")))).hasMessage("s");
        assertThat((Object) DriverErrors.sqlCause(new RuntimeException())).isNull();
    }

    @Test
    void translateNamesTheOperationAndCodesNeverTheDriverMessage() {
        EmployeeStoreException unavailable = DriverErrors.translate(
                new SQLException("value 'secret' failed", "08S01", 0), "get id=7");
        assertThat(unavailable).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("get id=7").hasMessageContaining("08S01").hasMessageNotContaining("secret");
        assertThat(((StoreUnavailableException) unavailable).isRetryable()).isTrue();
        assertThat(unavailable.getCause()).isInstanceOf(SQLException.class);
        EmployeeStoreException other = DriverErrors.translate(new IllegalStateException("secret"), "put id=7");
        assertThat(other).isNotInstanceOf(StoreUnavailableException.class).hasMessageNotContaining("secret")
                .hasMessageContaining("IllegalStateException");
        EmployeeNotFoundException typed = new EmployeeNotFoundException("7");
        assertThat(DriverErrors.translate(typed, "update")).isSameAs(typed);
    }
}
