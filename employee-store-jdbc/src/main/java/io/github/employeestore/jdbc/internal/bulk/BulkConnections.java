package io.github.employeestore.jdbc.internal.bulk;

import io.github.employeestore.jdbc.Dialect;

/**
 * How many connections one {@code importAll} writes with. Several only where the store owns its pool (opened by URL):
 * a pool the application gave is sized for the application, and the store does not know what else waits on it.
 * Then by default {@value #DEFAULT} on PostgreSQL and H2 and {@value #DEFAULT_INNODB} on MySQL/MariaDB, never more than
 * the pool's size less one (one connection stays free for the application's other calls), and one for an import of at
 * most two chunks (no gain worth borrowing connections).
 *
 * <p>Why: the database loads each connection's {@code COPY} / {@code LOAD DATA} on one server process or thread
 * (parsing the rows, writing the log, maintaining the indexes), and the library reads and checks the input on one
 * thread; a few loading connections keep a small server's cores busy while the input is read, and more only add lock
 * and log contention and take connections from the application. Measured on an idle 2-core machine against the
 * native loader in the same run (median of the runs, which vary by about 10 %): PostgreSQL 1.03× / 1.07× (100,000 /
 * 1,000,000 rows, four runs) with three and 0.96× / 1.09× (three runs) with two; MariaDB's {@code LOAD DATA} 0.93× /
 * 0.96× (three runs) with three and 0.97× / 1.00× (four runs) with two; four connections were not better.
 * Set by the system property {@value #PROPERTY} (1 to 16), still bounded by the pool.
 */
public final class BulkConnections {
    /** The system property that sets the connections of a large import of a store that owns its pool. */
    public static final String PROPERTY = "io.github.employeestore.jdbc.bulkConnections";
    private static final int DEFAULT = 3;
    private static final int DEFAULT_INNODB = 2;

    private BulkConnections() {
    }

    /**
     * @param dialect      the store's database
     * @param poolSize     the size of the pool the store owns, or 0 when the store was given its data source
     * @param expectedRows the rows the input says it has
     * @param chunkRows    the rows of a chunk
     * @return how many connections the import writes with, at least 1
     */
    public static int forImport(Dialect dialect, int poolSize, long expectedRows, int chunkRows) {
        if (poolSize <= 1 || expectedRows <= 2L * chunkRows) {
            return 1;
        }
        int byDefault = dialect == Dialect.MARIADB || dialect == Dialect.MYSQL ? DEFAULT_INNODB : DEFAULT;
        int wanted = Math.max(1, Math.min(16, Integer.getInteger(PROPERTY, byDefault)));
        return Math.max(1, Math.min(wanted, poolSize - 1));
    }

    /**
     * @param owned what the store closes on {@code close()} (its pool when opened by URL), or null
     * @return the pool's maximum size, or 0 when the store does not own a connection pool
     */
    public static int ownedPoolSize(AutoCloseable owned) {
        if (owned == null) {
            return 0;
        }
        try {
            if (owned instanceof com.zaxxer.hikari.HikariDataSource pool) {
                return pool.getMaximumPoolSize();
            }
        } catch (LinkageError e) {
            return 0;
        }
        return 0;
    }
}
