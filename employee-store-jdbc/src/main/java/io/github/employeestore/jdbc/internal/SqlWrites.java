package io.github.employeestore.jdbc.internal;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.VersionConflictException;
import io.github.employeestore.spi.TransactionOperation;
import io.github.employeestore.spi.Versions;
import io.github.employeestore.spi.WritePlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * The single-row writes of the JDBC store on a connection the caller holds (in auto-commit mode, or in a transaction
 * of the store's or the application's); the caller translates failures and retries deadlocks ({@link StoreCalls}):
 *
 * <ul>
 *   <li>{@code create}: one {@code INSERT} decided by the primary key;</li>
 *   <li>{@code update} and the versioned {@code delete}: one statement conditioned on the version, followed by a
 *       locking read of the row only when it matched no row, to tell not-found from conflict;</li>
 *   <li>{@code put}: the dialect's atomic upsert;</li>
 *   <li>{@code delete}: one {@code DELETE} by id;</li>
 *   <li>one operation of a transaction ({@link #apply}), by the writes above or {@link SqlPatch}.</li>
 * </ul>
 * On MySQL/MariaDB, which cannot return rows from writes, {@code update} and {@code put} read the new
 * {@code version}/{@code created_at} with a second statement, so the caller runs them in a transaction. Immutable and
 * thread-safe.
 */
public final class SqlWrites {
    private static final Logger LOG = LoggerFactory.getLogger(SqlWrites.class);
    /** How often a conditional write whose row turns out to have the expected version after all is tried. */
    private static final int MAX_WRITE_ATTEMPTS = 5;

    private final Sql sql;
    private final SqlPatch patches;
    private final Clock clock;

    /**
     * @param sql     the statements of the store's dialect and table
     * @param patches the store's partial updates, for the patches of a transaction
     * @param clock   the clock the timestamps of a transaction's writes come from
     */
    public SqlWrites(Sql sql, SqlPatch patches, Clock clock) {
        this.sql = sql;
        this.patches = patches;
        this.clock = clock;
    }

    /**
     * Inserts a new row.
     *
     * @param c the connection
     * @param e the employee to insert (version and timestamps set)
     * @throws SQLException                   from the driver
     * @throws EmployeeAlreadyExistsException if a row has the id (the primary key decides)
     */
    public void insert(Connection c, Employee e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.insert())) {
            Rows.bindAll(ps, 1, e);
            ps.executeUpdate();
        } catch (SQLException ex) {
            if (SqlErrors.isDuplicateKey(ex)) {
                throw new EmployeeAlreadyExistsException(e.id(), ex);
            }
            throw ex;
        }
    }

    /**
     * Runs the conditional update; returns the stored employee or throws not-found / conflict. An update that
     * matched no row is classified by a locking read of the row's latest version (§4.5.2, §4.5.3): absent is not
     * found, another version a conflict naming it; the expected version means the row was created or written back
     * to that version after the update looked, so the update is tried again rather than reported as a conflict with
     * the version it expected (inside a transaction the locking read holds the row, so the next try matches).
     *
     * @param c    the connection
     * @param plan the update
     * @return the stored employee
     * @throws SQLException              from the driver
     * @throws EmployeeNotFoundException if no row has the id
     * @throws VersionConflictException  if the row has another version than the expected one
     * @throws EmployeeStoreException    if the updated row vanished inside its own transaction
     */
    public Employee update(Connection c, WritePlan plan) throws SQLException {
        Employee prepared = plan.values();
        long expectedVersion = plan.expectedVersion().orElseThrow();
        for (int attempt = 1; ; attempt++) {
            Instant createdAt = null;
            try (PreparedStatement ps = c.prepareStatement(sql.update())) {
                Rows.bindUpdate(ps, prepared, expectedVersion);
                if (sql.writesReturnRow()) {
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            createdAt = Instant.ofEpochMilli(rs.getLong(1));
                        }
                    }
                } else if (ps.executeUpdate() > 0) {
                    createdAt = readVersionAndCreated(c, prepared.id()).createdAt();
                }
            }
            if (createdAt != null) {
                return plan.whenStored(expectedVersion, createdAt);
            }
            notFoundOrConflict(c, prepared.id(), expectedVersion, attempt);
        }
    }

    /**
     * The atomic upsert.
     *
     * @param c    the connection
     * @param plan the put
     * @return the stored employee with its version and createdAt
     * @throws SQLException           from the driver
     * @throws EmployeeStoreException if the stored row is at the version limit, or vanished inside its own
     *                                transaction
     */
    public Employee put(Connection c, WritePlan plan) throws SQLException {
        Employee prepared = plan.whenAbsent();
        long version;
        Instant createdAt;
        try (PreparedStatement ps = c.prepareStatement(sql.put())) {
            Rows.bindAll(ps, 1, prepared);
            if (sql.writesReturnRow()) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        // the upsert leaves a row at the version bound as it is, and returns none (Sql.put)
                        throw Versions.atLimit(prepared.id());
                    }
                    version = rs.getLong(1);
                    createdAt = Instant.ofEpochMilli(rs.getLong(2));
                }
            } else {
                ps.executeUpdate();
                Employee after = readVersionAndCreated(c, prepared.id());
                version = after.version();
                createdAt = after.createdAt();
            }
        }
        return plan.written(version, createdAt);
    }

    /**
     * Deletes the row of the id, if any.
     *
     * @param c  the connection
     * @param id the id
     * @return whether a row was deleted
     * @throws SQLException from the driver
     */
    public boolean delete(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.delete())) {
            ps.setString(1, id);
            return ps.executeUpdate() > 0;
        }
    }

    /**
     * Deletes the row of the id if it has the expected version; classified as {@link #update} is when it matched no
     * row.
     *
     * @param c               the connection
     * @param id              the id
     * @param expectedVersion the version the row must have
     * @throws SQLException              from the driver
     * @throws EmployeeNotFoundException if no row has the id
     * @throws VersionConflictException  if the row has another version
     */
    public void deleteVersion(Connection c, String id, long expectedVersion) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement ps = c.prepareStatement(sql.deleteVersion())) {
                ps.setString(1, id);
                ps.setLong(2, expectedVersion);
                if (ps.executeUpdate() > 0) {
                    return;
                }
            }
            notFoundOrConflict(c, id, expectedVersion, attempt);
        }
    }

    /**
     * Applies one operation of a transaction, with timestamps from the store's clock.
     *
     * @param c  the connection, in the transaction
     * @param op the operation
     * @return the employee it wrote, or {@code null} for a delete
     * @throws SQLException from the driver
     * @throws EmployeeStoreException the typed exceptions of the single write the operation is
     */
    public Employee apply(Connection c, TransactionOperation op) throws SQLException {
        if (op instanceof TransactionOperation.Create) {
            Employee created = WritePlan.of(op, clock).whenAbsent();
            insert(c, created);
            return created;
        } else if (op instanceof TransactionOperation.Update) {
            return update(c, WritePlan.of(op, clock));
        } else if (op instanceof TransactionOperation.Put) {
            return put(c, WritePlan.of(op, clock));
        } else if (op instanceof TransactionOperation.Patch patch) {
            return patches.apply(c, patch.plan(clock));
        } else if (op instanceof TransactionOperation.Delete delete) {
            delete(c, delete.id());
        } else if (op instanceof TransactionOperation.DeleteVersion delete) {
            deleteVersion(c, delete.id(), delete.expectedVersion());
        }
        return null;
    }

    /**
     * The stored version of the id, read with or without a row lock; fails on a missing table like every read (so
     * a read of the id {@code ""} checks that the table exists).
     *
     * @param c    the connection
     * @param id   the id
     * @param lock whether to read with {@code SELECT ... FOR UPDATE}
     * @return the version, or empty if no row has the id
     * @throws SQLException from the driver
     */
    public OptionalLong version(Connection c, String id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.selectVersion() + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /**
     * Classifies a conditional write (update, versioned delete) that matched no row, by a locking read of the row
     * ({@code SELECT ... FOR UPDATE}: the latest committed version, also under MariaDB's repeatable read, where a
     * plain read inside a transaction would see the transaction's snapshot). Returns when the row now has the
     * expected version, so the caller tries the write again (up to {@link #MAX_WRITE_ATTEMPTS} times).
     *
     * @throws EmployeeNotFoundException if no row has the id
     * @throws VersionConflictException  with the stored version if it is another one
     */
    private void notFoundOrConflict(Connection c, String id, long expectedVersion, int attempt) throws SQLException {
        OptionalLong actual = version(c, id, true);
        if (actual.isEmpty()) {
            throw new EmployeeNotFoundException(id);
        }
        if (actual.getAsLong() != expectedVersion || attempt >= MAX_WRITE_ATTEMPTS) {
            throw new VersionConflictException(id, expectedVersion, actual, null);
        }
        LOG.debug("conditional write id={} version={} matched no row, but the row has that version now: retried", id,
                expectedVersion);
    }

    private Employee readVersionAndCreated(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.selectVersionAndCreated())) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new EmployeeStoreException("row id=" + id + " vanished inside its own transaction");
                }
                return Employee.builder().version(rs.getLong(1)).createdAt(Instant.ofEpochMilli(rs.getLong(2)))
                        .build();
            }
        }
    }
}
