package io.github.employeestore.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQL databases {@link JdbcEmployeeStore} supports. Each dialect decides the column types, the binary collation
 * that makes comparisons and ordering go by Unicode code point, the upsert statement and how errors are recognised.
 *
 * <p>The dialect is normally detected from the connection's metadata ({@link #detect(DatabaseMetaData)}); set it on
 * the builder only when detection is not possible (for example behind a proxy that reports another product).
 */
public enum Dialect {
    /** H2 2.x (embedded or server). Code-point order comes from generated {@code VARBINARY} UTF-8 sort keys. */
    H2,
    /** MySQL 8.0 or later (including Amazon RDS / Aurora MySQL 3). Collation {@code utf8mb4_0900_bin}. */
    MYSQL,
    /** MariaDB 10.6 or later. Collation {@code utf8mb4_nopad_bin}. */
    MARIADB,
    /** PostgreSQL 13 or later (including Amazon RDS / Aurora PostgreSQL). Collation {@code "C"}. */
    POSTGRESQL;

    /**
     * Detects the dialect from a connection's metadata. MariaDB is recognised also when it is reached through MySQL
     * Connector/J (which reports the product as MySQL with a version naming MariaDB).
     *
     * @param metaData the metadata of an open connection
     * @return the dialect, or empty if the database is not one of the supported ones
     * @throws SQLException if the metadata cannot be read
     */
    public static Optional<Dialect> detect(DatabaseMetaData metaData) throws SQLException {
        String product = String.valueOf(metaData.getDatabaseProductName()).toLowerCase(Locale.ROOT);
        String version = String.valueOf(metaData.getDatabaseProductVersion()).toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return Optional.of(H2);
        }
        if (product.contains("mariadb") || (product.contains("mysql") && version.contains("mariadb"))) {
            return Optional.of(MARIADB);
        }
        if (product.contains("mysql")) {
            return Optional.of(MYSQL);
        }
        if (product.contains("postgresql")) {
            return Optional.of(POSTGRESQL);
        }
        return Optional.empty();
    }

    /** @return whether this is MySQL or MariaDB */
    public boolean isMySqlFamily() {
        return this == MYSQL || this == MARIADB;
    }
}
