package io.github.employeestore.jdbc.internal;

import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.jdbc.Dialect;
import io.github.employeestore.spi.NameFolding;
import io.github.employeestore.spi.StoredEmployee;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the pages of a name search and of {@code listByName} from the side table of {@link NameIndex}: one range
 * of its primary key ({@code prefix} of the driving word, or the empty prefix of the directory, then the keyset
 * {@code (name_key, full_name, id)}), each row joined to its employee by the employee table's primary key. The
 * other words of a search are checked in the same statement on the side table's primary key ({@code EXISTS});
 * location and job title on the joined row. A search word longer than {@value NameIndex#MAX_PREFIX} code points is
 * looked up by its first {@value NameIndex#MAX_PREFIX} and checked in Java, as is each row against its employee (a
 * row another program left stale is skipped); a page with rows skipped so reads on from where it stopped.
 *
 * <p>Immutable and thread-safe.
 */
public final class NameSearch {
    private final Sql sql;
    private final NameIndex index;
    /** The statements built so far, by shape ({@link #shape}): each is the same text on every call. */
    private final java.util.concurrent.atomic.AtomicReferenceArray<String> statements =
            new java.util.concurrent.atomic.AtomicReferenceArray<>(8 * NameFolding.MAX_QUERY_WORDS);

    /**
     * @param sql   the statements of the store's dialect and table
     * @param index the search index
     */
    public NameSearch(Sql sql, NameIndex index) {
        this.sql = sql;
        this.index = index;
    }

    private boolean h2() {
        return sql.dialect() == Dialect.H2;
    }

    private String key(String alias, String column) {
        return alias + "." + column + (h2() ? "_b" : "");
    }

    private String param() {
        return h2() ? "STRINGTOUTF8(?)" : "?";
    }

    /**
     * Whether the position after a cursor is written as one row comparison, {@code (name_key, full_name, id) > (?, ?,
     * ?)}: PostgreSQL makes it one index condition on the primary key (the range starts at the position, nothing
     * filtered), H2 derives the same range as from the expanded form; MariaDB and MySQL make no range of a row
     * comparison (they would read the prefix from its start), so there it is expanded into {@code name_key >= ? AND
     * (name_key > ? OR full_name > ? OR (full_name = ? AND id > ?))}, whose first term is the range. Both forms
     * compare in the columns' binary collations, so in code-point order.
     *
     * @return whether this dialect takes the row comparison
     */
    public boolean rowKeyset() {
        return !sql.dialect().isMySqlFamily();
    }

    /**
     * @param byLocation whether the query has a location
     * @param byJobTitle whether the query has a job title
     * @param moreWords  how many more words are checked besides the driving one
     * @param after      whether the page continues after a position
     * @return the statement; parameters: prefix, [name_key, full_name, id ({@link #rowKeyset()}) or name_key,
     *         name_key, full_name, full_name, id,] [location,]
     *         [job title,] [one prefix per further word,] limit. Columns: the employee's in {@link Sql#COLUMNS}
     *         order, then the row's name_key, full_name and id.
     */
    public String query(boolean byLocation, boolean byJobTitle, int moreWords, boolean after) {
        boolean mysql = sql.dialect().isMySqlFamily();
        String columns = Sql.COLUMNS.stream().map(c -> "e." + c).collect(Collectors.joining(", "));
        // MariaDB/MySQL: the side table first, by its primary key (STRAIGHT_JOIN, FORCE INDEX), so a page reads the
        // range in order; but a search of several words and nothing else is left to the optimizer's join order, which
        // drives by whichever word's range is smaller (the EXISTS becomes a semi-join on the same key, read in the
        // same order, no sort): "jo sm" then reads the rows of "sm", not every row of "jo"
        boolean straight = mysql && (moreWords == 0 || byLocation || byJobTitle);
        StringBuilder sb = new StringBuilder("SELECT ").append(straight ? "STRAIGHT_JOIN " : "").append(columns)
                .append(", p.name_key, p.full_name, p.id FROM ").append(index.prefixTable()).append(" p")
                .append(mysql ? " FORCE INDEX (PRIMARY)" : "").append(" JOIN ").append(sql.table())
                .append(" e ON e.id = p.id WHERE p.prefix = ?");
        if (after && rowKeyset()) {
            sb.append(" AND (").append(key("p", "name_key")).append(", ").append(key("p", "full_name")).append(", ")
                    .append(key("p", "id")).append(") > (").append(param()).append(", ").append(param()).append(", ")
                    .append(param()).append(")");
        } else if (after) {
            String k = key("p", "name_key");
            String f = key("p", "full_name");
            sb.append(" AND ").append(k).append(" >= ").append(param()).append(" AND (").append(k).append(" > ")
                    .append(param()).append(" OR ").append(f).append(" > ").append(param()).append(" OR (")
                    .append(f).append(" = ").append(param()).append(" AND ").append(key("p", "id")).append(" > ")
                    .append(param()).append("))");
        }
        if (byLocation) {
            sb.append(" AND e.location = ?");
        }
        if (byJobTitle) {
            sb.append(" AND e.job_title = ?");
        }
        for (int i = 0; i < moreWords; i++) {
            sb.append(" AND EXISTS (SELECT 1 FROM ").append(index.prefixTable()).append(" q WHERE q.prefix = ?")
                    .append(" AND ").append(key("q", "name_key")).append(" = ").append(key("p", "name_key"))
                    .append(" AND ").append(key("q", "full_name")).append(" = ").append(key("p", "full_name"))
                    .append(" AND ").append(key("q", "id")).append(" = ").append(key("p", "id")).append(")");
        }
        // H2 reads an index in order only when ORDER BY starts with its leading column (equal in every row here);
        // MariaDB, whose connection collation differs from the column's, sorts when ORDER BY names it
        sb.append(" ORDER BY ").append(h2() ? "p.prefix, " : "").append(key("p", "name_key")).append(", ").append(key("p", "full_name"))
                .append(", ").append(key("p", "id")).append(" LIMIT ?");
        return sb.toString();
    }

    /** {@link #query}, built once per shape. */
    private String statement(boolean byLocation, boolean byJobTitle, int moreWords, boolean after) {
        int shape = moreWords * 8 + (byLocation ? 4 : 0) + (byJobTitle ? 2 : 0) + (after ? 1 : 0);
        String known = statements.get(shape);
        if (known == null) {
            known = query(byLocation, byJobTitle, moreWords, after);
            statements.set(shape, known);
        }
        return known;
    }

    /**
     * The lookup prefixes of a search, the driving one first: the longest (the most selective), then the others
     * that are not prefixes of it.
     *
     * @param query the query with a name search, or {@code null} for the directory
     * @return the prefixes; the empty prefix alone for the directory
     */
    public static List<String> lookups(EmployeeQuery query) {
        if (query == null) {
            return List.of("");
        }
        List<String> words = query.nameWords();
        List<String> prefixes = new ArrayList<>(words.size());
        for (String w : words) {
            String p = NameFolding.lookupPrefix(w, NameIndex.MAX_PREFIX);
            if (!prefixes.contains(p)) {
                prefixes.add(p);
            }
        }
        prefixes.sort(Comparator.comparingInt(String::length).reversed());
        List<String> kept = new ArrayList<>(prefixes.size());
        for (String p : prefixes) {
            boolean covered = false;
            for (String k : kept) {
                covered |= k.startsWith(p);
            }
            if (!covered) {
                kept.add(p);
            }
        }
        return kept;
    }

    /**
     * A page of a name search or of {@code listByName}: the cursor checked, the index's readiness checked (once it
     * is known ready, without a query), then the page read.
     *
     * @param calls       the store's connection handling
     * @param cursors     the store's cursors
     * @param tableExists whether the employee table exists (asked only when the index is not ready)
     * @param query       the query with a name search, or {@code null} for {@code listByName}
     * @param page        the page
     * @return the page
     * @throws io.github.employeestore.SearchIndexNotReadyException if the index is not complete (§4.20.8)
     * @throws io.github.employeestore.StoreConfigurationException  if the table is missing
     */
    public io.github.employeestore.Page<io.github.employeestore.Employee> page(StoreCalls calls,
            io.github.employeestore.spi.CursorCodec cursors, java.util.function.BooleanSupplier tableExists,
            EmployeeQuery query, io.github.employeestore.PageRequest page) {
        List<String> after = cursors.nameAfter(query, page);
        try {
            index.requireReady();
        } catch (io.github.employeestore.SearchIndexNotReadyException e) {
            if (!tableExists.getAsBoolean()) {
                throw new io.github.employeestore.StoreConfigurationException("the table does not exist; create it"
                        + " with schema().create()");
            }
            throw e;
        }
        String operation = query == null ? "listByName" : "find";
        try {
            return calls.read(operation, null, c -> cursors.namePageOf(query, read(c, query, after, page.size()),
                    page.size()));
        } catch (io.github.employeestore.StoreConfigurationException e) {
            index.forget(); // the search structures may be what is missing: then that is what to say
            index.requireReady();
            throw e;
        }
    }

    /**
     * Reads the employees of one page, and one more if there is one, in the search order.
     *
     * @param c     a connection
     * @param query the query with a name search, or {@code null} for {@code listByName}
     * @param after the position to continue after (sort key, full name, id), or {@code null}
     * @param size  the page size
     * @return up to {@code size + 1} stored employees in the search order
     * @throws SQLException from the driver
     */
    public List<StoredEmployee> read(Connection c, EmployeeQuery query, List<String> after, int size)
            throws SQLException {
        List<String> lookups = lookups(query);
        String location = query == null ? null : query.location().orElse(null);
        String jobTitle = query == null ? null : query.jobTitle().orElse(null);
        boolean checkInJava = query != null && query.nameWords().stream()
                .anyMatch(w -> w.codePointCount(0, w.length()) > NameIndex.MAX_PREFIX);
        List<StoredEmployee> kept = new ArrayList<>(Math.min(size + 1, 64));
        List<String> position = after;
        while (true) {
            int read = 0;
            try (PreparedStatement ps = c.prepareStatement(statement(location != null, jobTitle != null,
                    lookups.size() - 1, position != null))) {
                int i = 1;
                ps.setString(i++, lookups.get(0));
                if (position != null && rowKeyset()) {
                    ps.setString(i++, position.get(0));
                    ps.setString(i++, position.get(1));
                    ps.setString(i++, position.get(2));
                } else if (position != null) {
                    ps.setString(i++, position.get(0));
                    ps.setString(i++, position.get(0));
                    ps.setString(i++, position.get(1));
                    ps.setString(i++, position.get(1));
                    ps.setString(i++, position.get(2));
                }
                if (location != null) {
                    ps.setString(i++, location);
                }
                if (jobTitle != null) {
                    ps.setString(i++, jobTitle);
                }
                for (String more : lookups.subList(1, lookups.size())) {
                    ps.setString(i++, more);
                }
                ps.setInt(i, size + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    int n = Sql.COLUMNS.size();
                    while (rs.next()) {
                        read++;
                        StoredEmployee e = Rows.stored(rs);
                        String rowKey = rs.getString(n + 1);
                        String rowName = rs.getString(n + 2);
                        position = List.of(rowKey, rowName, rs.getString(n + 3));
                        if (rowName.equals(e.fullName()) && rowKey.equals(NameFolding.sortKey(rowName))
                                && (!checkInJava || NameFolding.matches(query.nameWords(), rowName))) {
                            kept.add(e);
                            if (kept.size() > size) {
                                return kept;
                            }
                        }
                    }
                }
            }
            if (read <= size) {
                return kept;
            }
        }
    }
}
