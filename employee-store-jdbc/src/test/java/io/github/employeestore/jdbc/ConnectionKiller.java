package io.github.employeestore.jdbc;

import io.github.employeestore.tck.Faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The TCK's {@link Faults} hook on a database server: ends, from a connection of its own, one of the server sessions
 * working on the store's table ({@code KILL CONNECTION} on MariaDB/MySQL, {@code pg_terminate_backend} on
 * PostgreSQL), chosen at random. Only sessions whose current (MariaDB) or last (PostgreSQL) statement names the
 * test class's own table are candidates, so nothing else using the database is touched. Thread-safe.
 */
final class ConnectionKiller implements Faults {
    private final String url;
    private final Dialect dialect;
    private final String quotedTable;
    private final Runnable afterwards;
    private Connection admin;

    /**
     * @param afterwards run by {@link #close()}: evicts the pool's connections, some of which were ended while idle
     *                   and would otherwise be handed to the next test
     */
    ConnectionKiller(String url, JdbcEmployeeStore store, String table, Runnable afterwards) {
        this.url = url;
        this.afterwards = afterwards;
        this.dialect = store.dialect();
        this.quotedTable = AbstractJdbcTck.quoted(store, table);
    }

    @Override
    public synchronized boolean inject() {
        try {
            if (admin == null || admin.isClosed()) {
                admin = DriverManager.getConnection(url);
            }
            List<Long> sessions = new ArrayList<>();
            try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(dialect == Dialect.POSTGRESQL
                    ? "SELECT pid, query FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_backend_pid()"
                    : "SELECT id, info FROM information_schema.processlist WHERE db = DATABASE()"
                    + " AND id <> CONNECTION_ID()")) {
                while (rs.next()) {
                    String statement = rs.getString(2);
                    if (statement != null && statement.contains(quotedTable)) {
                        sessions.add(rs.getLong(1));
                    }
                }
            }
            if (sessions.isEmpty()) {
                return false;
            }
            long victim = sessions.get(ThreadLocalRandom.current().nextInt(sessions.size()));
            try (Statement st = admin.createStatement()) {
                st.execute(dialect == Dialect.POSTGRESQL ? "SELECT pg_terminate_backend(" + victim + ")"
                        : "KILL CONNECTION " + victim);
            } catch (SQLException ended) {
                return false; // the session ended by itself in the meantime
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot end a session of the store: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        afterwards.run();
        try {
            if (admin != null) {
                admin.close();
            }
        } catch (SQLException e) {
            // closing the killer's own connection: nothing of the store's depends on it
        }
    }
}
