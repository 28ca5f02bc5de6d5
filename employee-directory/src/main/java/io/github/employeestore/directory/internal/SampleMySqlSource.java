package io.github.employeestore.directory.internal;

import io.github.employeestore.Employee;
import io.github.employeestore.Page;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.directory.internal.copy.CopySource;
import io.github.employeestore.spi.StoreUrl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A read-only copy source for the original Employee Directory sample's MySQL schema, opened by a
 * {@value #SCHEME}{@code <jdbc url>} URL (for example {@code employee-directory-sample:jdbc:mysql://db:3306/employees?user=app}).
 * Its table (option {@code sampleTable}, default {@code employee}) is the sample's:
 * {@code id INT AUTO_INCREMENT, object_key, full_name, location, job_title, badges} and optionally
 * {@code created_datetime}.
 *
 * <p>Each row becomes an employee: the id as its decimal text, {@code object_key} as the photo key, the badges split
 * at the commas the sample joined them with (empty parts dropped), version 1, and {@code created_datetime} (read as
 * UTC, the sample's server default) as both timestamps, or the time of the copy where the table has no such column
 * or the row no value. Rows are read in pages in id order (keyset on the id, which is the cursor, so a copy can
 * resume) on one connection. The values are validated when the target writes them; a row that breaks the model is reported by the
 * copy like any other failure.
 *
 * <p>Not thread-safe (one reader thread); one copy per instance.
 */
public final class SampleMySqlSource implements CopySource {
    /** The URL prefix of this source. */
    public static final String SCHEME = "employee-directory-sample:";
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final String jdbcUrl;
    private final String table;
    private final Instant copyTime;
    private Connection connection;
    private boolean hasCreated;

    private SampleMySqlSource(String jdbcUrl, String table, Clock clock) {
        this.jdbcUrl = jdbcUrl;
        this.table = table;
        this.copyTime = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * @param url a URL starting with {@link #SCHEME}
     * @return whether it names this source
     */
    public static boolean handles(String url) {
        return url != null && url.trim().toLowerCase(Locale.ROOT).startsWith(SCHEME);
    }

    /**
     * @param url   {@link #SCHEME} followed by a MySQL/MariaDB JDBC URL; option {@code sampleTable} names the table
     * @param clock the clock of the copy time
     * @return the source (no connection is opened yet)
     * @throws StoreConfigurationException if the URL or the table name is not valid
     */
    public static SampleMySqlSource open(String url, Clock clock) {
        String jdbc = url.trim().substring(SCHEME.length());
        if (!jdbc.startsWith("jdbc:mysql:") && !jdbc.startsWith("jdbc:mariadb:")) {
            throw new StoreConfigurationException("the sample source needs a jdbc:mysql: or jdbc:mariadb: URL after "
                    + SCHEME);
        }
        String table = StoreUrl.parse(jdbc, io.github.employeestore.StoreOptions.defaults()).option("sampleTable")
                .orElse("employee");
        if (!TABLE.matcher(table).matches()) {
            throw new StoreConfigurationException("option 'sampleTable' must match " + TABLE.pattern());
        }
        String withoutTable = jdbc.replaceAll("([?&])sampleTable=[^&]*&?", "$1").replaceAll("[?&]$", "");
        return new SampleMySqlSource(withoutTable, table, clock);
    }

    /** @return a description without credentials */
    public String label() {
        return "the Employee Directory sample's MySQL table '" + table + "'";
    }

    @Override
    public long count() {
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM `" + table + "`");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot count the sample's table '" + table + "' (SQLState "
                    + e.getSQLState() + ")", e, false);
        }
    }

    /**
     * Reads the rows after the cursor in id order (keyset on the INT id, so a resumed copy continues after the last
     * id it wrote) on one connection, opened on the first page and closed by {@link #close()}.
     */
    @Override
    public Page<Employee> page(Optional<String> after, int size) {
        long afterId;
        try {
            afterId = after.map(Long::parseLong).orElse(Long.MIN_VALUE);
        } catch (NumberFormatException e) {
            throw new StoreConfigurationException("not a cursor of the sample's table: " + after.orElse(""));
        }
        try {
            Connection c = connection();
            List<Employee> items = new ArrayList<>(Math.min(size, 1_000));
            long last = afterId;
            boolean more = false;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, object_key, full_name, location, job_title,"
                    + " badges" + (hasCreated ? ", created_datetime" : "") + " FROM `" + table + "` WHERE id > ?"
                    + " ORDER BY id LIMIT ?")) {
                ps.setLong(1, afterId);
                ps.setInt(2, size + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (items.size() == size) {
                            more = true;
                            break;
                        }
                        items.add(employee(rs, hasCreated));
                        last = rs.getLong(1);
                    }
                }
            }
            return Page.of(items, more ? Long.toString(last) : null);
        } catch (SQLException e) {
            close();
            throw new StoreUnavailableException("reading the sample's table '" + table + "' failed (SQLState "
                    + e.getSQLState() + ")", e, false);
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = DriverManager.getConnection(jdbcUrl);
            try {
                hasCreated = hasColumn(c, "created_datetime");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // nothing left to read
            } finally {
                connection = null;
            }
        }
    }

    private boolean hasColumn(Connection c, String column) throws SQLException {
        try (ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), null, table, column)) {
            return rs.next();
        }
    }

    private Employee employee(ResultSet rs, boolean hasCreated) throws SQLException {
        Instant created = copyTime;
        if (hasCreated) {
            Timestamp t = rs.getTimestamp(7);
            if (t != null) {
                created = t.toLocalDateTime().toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
            }
        }
        return Employee.builder()
                .id(Long.toString(rs.getLong(1)))
                .photoKey(rs.getString(2))
                .fullName(rs.getString(3))
                .location(rs.getString(4))
                .jobTitle(rs.getString(5))
                .badges(badges(rs.getString(6)))
                .version(1)
                .createdAt(created)
                .updatedAt(created)
                .build();
    }

    /**
     * @param joined the badges as the sample stored them, joined with commas
     * @return the badges; empty parts (an empty text, doubled commas) dropped
     */
    static List<String> badges(String joined) {
        List<String> out = new ArrayList<>();
        if (joined != null) {
            for (String part : joined.split(",")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
        }
        return out;
    }
}
