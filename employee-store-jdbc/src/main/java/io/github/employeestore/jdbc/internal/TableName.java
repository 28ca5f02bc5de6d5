package io.github.employeestore.jdbc.internal;

import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.spi.TableNames;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A validated table name: the portable rule of {@link TableNames}, narrowed for SQL to {@code table} or
 * {@code schema.table} (a dot separates the schema, as in SQL), each part {@code [A-Za-z_][A-Za-z0-9_-]*} of at most
 * 63 characters (PostgreSQL's identifier limit). Always quoted in SQL, so
 * its case is kept. Immutable and thread-safe.
 *
 * @param schema the schema (database on MySQL/MariaDB), or {@code null} for the connection's current one
 * @param table  the table
 */
public record TableName(String schema, String table) {
    private static final Pattern PART = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,62}");

    /**
     * @param name the name as given
     * @return the validated name
     * @throws StoreConfigurationException if it breaks the rule
     */
    public static TableName parse(String name) {
        TableNames.validate(name);
        int dot = name.indexOf('.');
        String schema = dot < 0 ? null : name.substring(0, dot);
        String table = dot < 0 ? name : name.substring(dot + 1);
        if (name.length() > 255 || !PART.matcher(table).matches() || schema != null && !PART.matcher(schema).matches()) {
            throw new StoreConfigurationException("invalid table name: must be [schema.]table, each part matching"
                    + " [A-Za-z_][A-Za-z0-9_-]{0,62}");
        }
        return new TableName(schema, table);
    }

    /** @return the name as given */
    @Override
    public String toString() {
        return schema == null ? table : schema + "." + table;
    }

    /**
     * @param quote the identifier quote character of the dialect
     * @return the quoted, possibly qualified name for SQL text
     */
    public String quoted(char quote) {
        String t = quote + table + quote;
        return schema == null ? t : quote + schema + quote + "." + t;
    }

    /**
     * @param suffix a suffix such as {@code "_by_location"}
     * @return an index name derived from the table name, at most 63 characters (shortened with a hash if needed)
     */
    public String indexName(String suffix) {
        String name = table + suffix;
        if (name.length() <= 63) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(table.getBytes(StandardCharsets.UTF_8));
            String hash = HexFormat.of().formatHex(digest, 0, 4);
            return table.substring(0, 63 - suffix.length() - 9) + "_" + hash + suffix;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
