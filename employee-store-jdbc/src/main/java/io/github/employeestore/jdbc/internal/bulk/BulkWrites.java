package io.github.employeestore.jdbc.internal.bulk;

import io.github.employeestore.CreateAllResult;
import io.github.employeestore.Employee;
import io.github.employeestore.ImportResult;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.jdbc.internal.NameIndex;
import io.github.employeestore.jdbc.internal.Sql;
import io.github.employeestore.jdbc.internal.SqlWrites;
import io.github.employeestore.jdbc.internal.StoreCalls;
import io.github.employeestore.spi.CreatePlan;
import io.github.employeestore.spi.ImportFeed;
import io.github.employeestore.spi.ImportPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The JDBC store's {@code importAll} and {@code createAll}: the input read and checked on one thread while
 * connections of the store's own load its chunks ({@link PipelinedImport}) by {@link BulkImport} or
 * {@link BulkCreate}, as many connections as {@link BulkConnections} allows, and one while the table has the
 * name-search index (the name rows of chunks loaded side by side lock each other's key ranges). An input with nothing
 * to write still fails on a missing table. Immutable and thread-safe; each call makes its own pipeline.
 */
public final class BulkWrites {
    private static final Logger LOG = LoggerFactory.getLogger(BulkWrites.class);

    private final StoreCalls calls;
    private final Sql sql;
    private final String table;
    private final NameIndex names;
    private final SqlWrites writes;
    private final Clock clock;
    private final AutoCloseable owned;

    /**
     * @param calls  the store's connection handling
     * @param sql    the statements of the store's dialect and table
     * @param table  the table name, for messages
     * @param names  the search index
     * @param writes the store's single writes (the check that the table exists)
     * @param clock  the clock the timestamps of {@code createAll} come from
     * @param owned  what the store closes with itself (its pool when opened by URL), or {@code null}
     */
    public BulkWrites(StoreCalls calls, Sql sql, String table, NameIndex names, SqlWrites writes, Clock clock,
                      AutoCloseable owned) {
        this.calls = calls;
        this.sql = sql;
        this.table = table;
        this.names = names;
        this.writes = writes;
        this.clock = clock;
        this.owned = owned;
    }

    /**
     * Writes the employees, replacing stored ones. Should the search structures be dropped under the import, the
     * whole input is written again without them, which an import may do, since it replaces (§4.13.4).
     *
     * @param employees the employees
     * @return what was written and what failed
     * @throws StoreConfigurationException if the table is missing
     */
    public ImportResult importAll(Collection<Employee> employees) {
        ImportFeed feed = ImportFeed.of(employees);
        int chunkRows = BulkImport.handOverRows(sql.dialect());
        // one connection while the table has the search index: the name rows of chunks loaded side by side lock
        // each other's key ranges (InnoDB deadlocks), so chunks are loaded one after the other
        boolean indexed = names.present();
        int connections = indexed ? 1
                : BulkConnections.forImport(sql.dialect(), BulkConnections.ownedPoolSize(owned), feed.expected(), chunkRows);
        List<ImportResult.Failure> failures = new ArrayList<>();
        try {
            importPipelined(feed, chunkRows, connections, indexed ? names : null, failures);
        } catch (StoreConfigurationException e) {
            names.forget();
            if (!indexed || names.present()) {
                throw e;
            }
            // the search structures were dropped under the store: the whole input is written again without them,
            // which an import may do, since it replaces (§4.13.4)
            failures.clear();
            feed = ImportFeed.of(employees);
            importPipelined(feed, chunkRows, connections, null, failures);
        }
        if (feed.checksTableOnly()) {
            // §4.15.3: nothing to write, but a missing table is reported as such, not the invalid employees
            calls.read("importAll", null, c -> writes.version(c, "", false));
        }
        ImportResult result = feed.result(failures);
        LOG.debug("importAll attempted={} written={} failed={} connections={}", result.attempted(), result.written(),
                result.failures().size(), connections);
        return result;
    }

    private void importPipelined(ImportFeed feed, int chunkRows, int connections, NameIndex index,
                                 List<ImportResult.Failure> failures) {
        // the calling thread reads until the first writable employee only; the pipeline's reading thread goes on
        List<ImportPlan.Entry> first = feed.next(1);
        if (!first.isEmpty()) {
            new PipelinedImport(feed, first, chunkRows, connections).run(source -> calls.own("importAll", null, c -> {
                new BulkImport(sql, table, index).run(c, source, failures);
                return null;
            }));
        }
    }

    /**
     * Inserts the drafts, never replacing: the primary key decides every id.
     *
     * @param drafts the employees to create
     * @return what was created and what was refused
     * @throws StoreConfigurationException if the table is missing
     */
    public CreateAllResult createAll(Collection<Employee> drafts) {
        CreatePlan plan = CreatePlan.of(drafts, clock);
        int chunkRows = BulkImport.handOverRows(sql.dialect());
        // checked and stamped chunk by chunk on the pipeline's reading thread, while connections insert the chunks
        List<ImportPlan.Entry> first = plan.next(1);
        List<ImportResult.Failure> refused = new ArrayList<>();
        if (!first.isEmpty()) {
            // as importAll: one connection while the table has the search index (name rows of parallel chunks lock
            // each other)
            new PipelinedImport(plan::next, first, chunkRows, names.present() ? 1
                    : BulkConnections.forImport(sql.dialect(), BulkConnections.ownedPoolSize(owned), plan.expected(), chunkRows))
                    .run(source -> calls.own("createAll", null, c -> {
                        new BulkCreate(sql, table, names.present() ? names : null).run(c, source, refused);
                        return null;
                    }));
        } else if (plan.checksTableOnly()) {
            calls.read("createAll", null, c -> writes.version(c, "", false));
        }
        CreateAllResult result = plan.result(refused);
        LOG.debug("createAll attempted={} created={} failed={}", result.attempted(), result.created().size(),
                result.failures().size());
        return result;
    }
}
