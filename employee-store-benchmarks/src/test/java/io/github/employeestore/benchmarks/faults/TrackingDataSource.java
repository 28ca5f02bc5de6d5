package io.github.employeestore.benchmarks.faults;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * A driver-level {@link DataSource} for a MySQL-family database that remembers the server-side id
 * ({@code CONNECTION_ID()}) of every connection it opens, so that a test can kill exactly the connections of the
 * pool built on it (HikariCP asks it for physical connections only, so the extra query runs once per connection).
 * Thread-safe.
 */
final class TrackingDataSource implements DataSource {
    private final String url;
    private final Set<Long> ids = ConcurrentHashMap.newKeySet();

    TrackingDataSource(String url) {
        this.url = url;
    }

    /** @return the server ids of every connection opened so far (some may be closed or killed since) */
    List<Long> connectionIds() {
        return List.copyOf(ids);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            ids.add(rs.getLong(1));
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials come from the URL");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
