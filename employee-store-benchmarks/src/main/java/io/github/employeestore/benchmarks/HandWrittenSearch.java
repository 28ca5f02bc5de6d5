package io.github.employeestore.benchmarks;

import io.github.employeestore.Employee;
import io.github.employeestore.jdbc.JdbcEmployeeStore;
import io.github.employeestore.spi.NameFolding;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The name search an application would write by hand on the same index as the library: the side table of word
 * prefixes the JDBC backend keeps ({@code <table>_name_prefixes}, primary key {@code (prefix, name_key, full_name,
 * id)}), one range of that key for the longest word of the search, each row joined to its employee by id, the other
 * words checked with {@code EXISTS} on the same key, the next page by keyset, the rows mapped by hand as in
 * {@link RawJdbc}. The words are folded with the library's {@link NameFolding} (a hand-written search must fold as
 * the index was folded). Also the naive search without an index: {@code LOWER(full_name) LIKE '%word%'}. Thread-safe
 * (stateless apart from the pool).
 */
final class HandWrittenSearch {
    private static final String COLUMNS = "e.id, e.full_name, e.job_title, e.location, e.badges, e.photo_key,"
            + " e.attributes, e.version, e.created_at, e.updated_at";

    /** One page: its employees and the position after its last one (sort key, full name, id), or null. */
    record Result(List<Employee> items, List<String> last) {
    }

    private final DataSource pool;
    private final String table;
    private final String prefixes;
    private final boolean mysql;

    HandWrittenSearch(DataSource pool, JdbcEmployeeStore store) {
        this.pool = pool;
        this.table = RawJdbc.quoted(store);
        this.mysql = store.dialect().isMySqlFamily();
        this.prefixes = mysql ? "`" + store.table() + "_name_prefixes`" : "\"" + store.table() + "_name_prefixes\"";
    }

    /** @return what the hand-written query is, for the notes */
    String describe() {
        return "the side table's primary key (prefix, name_key, full_name, id), joined to the employee by id";
    }

    Result firstPage(String q, int size) throws SQLException {
        return page(q, null, size);
    }

    Result nextPage(String q, Result previous, int size) throws SQLException {
        return page(q, previous.last(), size);
    }

    private Result page(String q, List<String> after, int size) throws SQLException {
        List<String> words = lookups(q);
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
                .append(", p.name_key FROM ").append(prefixes).append(" p JOIN ").append(table)
                .append(" e ON e.id = p.id WHERE p.prefix = ?");
        if (after != null) {
            sql.append(mysql ? " AND p.name_key >= ? AND (p.name_key > ? OR p.full_name > ? OR (p.full_name = ? AND"
                    + " p.id > ?))" : " AND (p.name_key, p.full_name, p.id) > (?, ?, ?)");
        }
        for (int i = 1; i < words.size(); i++) {
            sql.append(" AND EXISTS (SELECT 1 FROM ").append(prefixes).append(" w WHERE w.prefix = ? AND w.name_key"
                    + " = p.name_key AND w.full_name = p.full_name AND w.id = p.id)");
        }
        sql.append(" ORDER BY p.name_key, p.full_name, p.id LIMIT ?");
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setString(i++, words.get(0));
            if (after != null) {
                List<String> keyset = mysql ? List.of(after.get(0), after.get(0), after.get(1), after.get(1),
                        after.get(2)) : after;
                for (String part : keyset) {
                    ps.setString(i++, part);
                }
            }
            for (String w : words.subList(1, words.size())) {
                ps.setString(i++, w);
            }
            ps.setInt(i, size + 1);   // one more: whether a next page exists
            List<Employee> items = new ArrayList<>(size + 1);
            String lastKey = null;
            boolean more = false;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == size) {
                        more = true;
                        break;
                    }
                    items.add(RawJdbc.employee(rs));
                    lastKey = rs.getString(11);
                }
            }
            if (more) {
                Employee last = items.get(size - 1);
                return new Result(items, List.of(lastKey, last.fullName(), last.id()));
            }
            return new Result(items, null);
        }
    }

    /**
     * The naive search: each word a substring of the lower-cased name, ordered by name. Not the library's rule
     * (substrings anywhere, no folding of accents), and a scan of the table whatever the search.
     */
    List<Employee> likePage(String q, int size) throws SQLException {
        List<String> words = NameFolding.queryWords(q);
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM ").append(table)
                .append(" e WHERE ");
        for (int i = 0; i < words.size(); i++) {
            sql.append(i == 0 ? "" : " AND ").append("LOWER(e.full_name) LIKE ?");
        }
        sql.append(" ORDER BY e.full_name, e.id LIMIT ?");
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (String w : words) {
                ps.setString(i++, "%" + w.toLowerCase(Locale.ROOT) + "%");
            }
            ps.setInt(i, size);
            List<Employee> items = new ArrayList<>(size);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(RawJdbc.employee(rs));
                }
            }
            return items;
        }
    }

    /** The folded words, the longest first (the most selective range), without words that prefix another. */
    private static List<String> lookups(String q) {
        List<String> words = new ArrayList<>(new LinkedHashSet<>(NameFolding.queryWords(q)));
        words.sort(Comparator.comparingInt(String::length).reversed());
        List<String> kept = new ArrayList<>();
        for (String w : words) {
            if (kept.stream().noneMatch(k -> k.startsWith(w))) {
                kept.add(w);
            }
        }
        return kept;
    }
}
