package io.github.employeestore.tck;

import io.github.employeestore.Capability;
import io.github.employeestore.EmployeeStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;


/**
 * The technology compatibility kit: the contract tests every {@link EmployeeStore} backend must pass, clause by
 * clause of the contract, {@code CONTRACT.md} in the project's repository. Each test's display name starts with the
 * clauses it checks ({@code "§4.2.3 create: an existing id gives EmployeeAlreadyExistsException ..."}), so a failure
 * names the clause that broke.
 *
 * <h2>Running it against your backend</h2>
 * Write one test class that extends this one and implements three methods:
 * <pre>{@code
 * class MyStoreTckTest extends EmployeeStoreTck {
 *     protected EmployeeStore newStore(Clock clock) {
 *         // a store on an empty table whose schema exists, taking timestamps from clock
 *         EmployeeStore store = MyStore.builder().table("tck").clock(clock).build();
 *         store.schema().drop();
 *         store.schema().create();
 *         return store;
 *     }
 *     protected EmployeeStore newStoreOnOtherTable(Clock clock) {
 *         // the same backend on ANOTHER table (schema exists, empty): cursors must not cross tables
 *         ...
 *     }
 *     protected Set<Capability> capabilities() {
 *         return EnumSet.of(Capability.QUERIES);   // exactly what the store declares
 *     }
 * }
 * }</pre>
 * {@code newStore} is called before every test, and every store the TCK obtained is closed after it (so a store
 * that owns a pool releases it). Tests run one at a time; some start up to 16 threads against one store. The TCK
 * needs a JUnit Jupiter engine on the test class path.
 *
 * <h2>Required and optional</h2>
 * Everything is required except the tests of an optional {@link Capability}: a backend that does not declare
 * {@link Capability#QUERIES}, {@link Capability#TRANSACTIONS} or {@link Capability#SEARCH} sees those tests <em>skipped</em> (aborted, with the
 * reason), never passed, and must throw {@link UnsupportedOperationException} from the methods instead.
 *
 * <h2>Groups</h2>
 * The tests live in one file per group ({@code CreateGroup}, {@code ListingGroup}, ...), each a package-private
 * subclass of {@code TckGroup}; this class runs each group through a one-line {@code @Nested} inner class, so a
 * subclass of this class runs every group. Adding a group is one new file and one inner class here. Each group has
 * a JUnit tag ({@code tck-create}, {@code tck-generated}, ...), so a build can run a few groups with Surefire's
 * {@code -Dgroups=...}.
 *
 * <h2>Optional hooks</h2>
 * {@link #foreignItems}, {@link #faults}, {@link #unindexedTable} and {@link #targetLimitations} are optional; without them the tests that
 * need them are skipped with the reason.
 *
 * <p>Not thread-safe; JUnit creates an instance per test.
 */
@ExtendWith(ClauseInFailures.class)
public abstract class EmployeeStoreTck {
    /** The store under test, new for each test. */
    protected EmployeeStore store;
    /** The clock the store under test was given; stands still until advanced. */
    protected TckClock clock;

    private final List<EmployeeStore> opened = new ArrayList<>();

    /**
     * @param clock the clock the store must take every timestamp from
     * @return a new store whose schema exists and whose table is empty
     */
    protected abstract EmployeeStore newStore(Clock clock);

    /**
     * @param clock the clock the store must take every timestamp from
     * @return a store of the same backend on another table (schema exists, empty)
     */
    protected abstract EmployeeStore newStoreOnOtherTable(Clock clock);

    /** @return the optional capabilities the backend declares; must equal {@link EmployeeStore#capabilities()} */
    protected abstract Set<Capability> capabilities();

    /**
     * The hook of the optional group "data written by others": override it to let the TCK plant items the way other
     * applications write them. Without it the group is skipped with the reason.
     *
     * @param store the store under test, as {@link #newStore(Clock)} returned it
     * @return direct access to that store's table, or {@code null} (the default) if the backend offers none
     */
    protected ForeignItems foreignItems(EmployeeStore store) {
        return null;
    }

    /**
     * Whether the backend's {@code VersionConflictException}s carry the stored version ({@code actualVersion()}):
     * CONTRACT §4.5.2, §4.8.2 and §5.2 require it where the database tells it. Every backend in this repository knows
     * it (a SQL read in the failed write's transaction, DynamoDB's {@code ALL_OLD} item of the failed condition, the
     * Redis script's reply), so the default is {@code true} and the TCK then checks the value; override it with
     * {@code false} only when the database cannot tell, and the TCK then checks that none is made up.
     *
     * @return whether conflicts report the stored version
     */
    protected boolean conflictsReportActualVersion() {
        return true;
    }

    /**
     * A limitation of a target, for {@link #targetLimitations()}: a transaction that is cancelled undoes writes that
     * other calls made while it ran (moto restores a copy of the whole table taken before the transaction). The
     * linearizability tests leave transactions out of their concurrent histories on such a target.
     */
    public static final String CANCELLED_TRANSACTIONS_UNDO_CONCURRENT_WRITES = "cancelledTransactionsUndoConcurrentWrites";

    /**
     * Tests that this test target cannot pass for a reason outside the backend &mdash; a documented limitation of an
     * emulator the target runs on, not of the backend &mdash; by test method name, each with the reason. They are
     * reported as skipped with the reason, never as passed. The default is none; a backend's own shortcoming is
     * never a limitation of its target.
     *
     * <p>Besides test method names, the map may hold {@link #CANCELLED_TRANSACTIONS_UNDO_CONCURRENT_WRITES}: the
     * linearizability tests then leave transactions out of their concurrent histories (and print the reason), and
     * check every other operation as before.
     *
     * @return test method name (or {@link #CANCELLED_TRANSACTIONS_UNDO_CONCURRENT_WRITES}) to the reason it cannot
     *         pass on this target
     */
    protected Map<String, String> targetLimitations() {
        return Map.of();
    }

    /**
     * The hook of the search backfill tests (CONTRACT §4.20.8): override it to let the TCK turn the table into one
     * written before names were indexed. Without it those tests are skipped with the reason; a backend whose index
     * can never lack an entry (the in-memory store) has none.
     *
     * @param store the store under test, as {@link #newStore(Clock)} returned it
     * @return a way to remove the table's search index, or {@code null} (the default)
     */
    protected UnindexedTable unindexedTable(EmployeeStore store) {
        return null;
    }

    /**
     * The hook of the TCK's tests under faults: override it to let the TCK end the store's database connections at
     * random while it works (see {@link Faults}). Without it those tests are skipped with the reason.
     *
     * @param store the store under test, as {@link #newStore(Clock)} returned it
     * @return a way to kill the store's connections, or {@code null} (the default) if the backend offers none
     */
    protected Faults faults(EmployeeStore store) {
        return null;
    }

    @BeforeEach
    void openStoreUnderTest() {
        clock = new TckClock();
        store = java.util.Objects.requireNonNull(track(newStore(clock)), "newStore(clock) returned null");
    }

    @AfterEach
    void closeStores() {
        for (EmployeeStore s : opened) {
            s.close();
        }
        opened.clear();
    }

    EmployeeStore track(EmployeeStore s) {
        if (s != null) {
            opened.add(s);
        }
        return s;
    }

    // ------------------------------------------------------------------------------------------------ groups
    // One @Nested inner class per group file; the groups share the store and clock through TckGroup.

    @Nested
    @Tag("tck-capabilities")
    @DisplayName("capabilities")
    class Capabilities extends CapabilitiesGroup {
        Capabilities() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-create")
    @DisplayName("create")
    class Create extends CreateGroup {
        Create() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-read")
    @DisplayName("read")
    class Read extends ReadGroup {
        Read() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-update")
    @DisplayName("update")
    class Update extends UpdateGroup {
        Update() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-patch")
    @DisplayName("patch")
    class Patch extends PatchGroup {
        Patch() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-put")
    @DisplayName("put")
    class Put extends PutGroup {
        Put() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-delete")
    @DisplayName("delete")
    class Delete extends DeleteGroup {
        Delete() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-listing")
    @DisplayName("listing and cursors")
    class Listing extends ListingGroup {
        Listing() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-queries")
    @DisplayName("queries")
    class Queries extends QueriesGroup {
        Queries() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-search")
    @DisplayName("search")
    class Search extends SearchGroup {
        Search() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-flexible-attributes")
    @DisplayName("flexible attributes")
    class FlexibleAttributes extends FlexibleAttributesGroup {
        FlexibleAttributes() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-import")
    @DisplayName("import")
    class Import extends ImportGroup {
        Import() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-transactions")
    @DisplayName("transactions")
    class Transactions extends TransactionsGroup {
        Transactions() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-concurrency")
    @DisplayName("concurrency")
    class Concurrency extends ConcurrencyGroup {
        Concurrency() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-validation")
    @DisplayName("validation and bad input")
    class Validation extends ValidationGroup {
        Validation() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-limits-and-unicode")
    @DisplayName("limits and Unicode")
    class LimitsAndUnicode extends LimitsAndUnicodeGroup {
        LimitsAndUnicode() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-timestamps")
    @DisplayName("timestamps")
    class Timestamps extends TimestampsGroup {
        Timestamps() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-data-written-by-others")
    @DisplayName("data written by others")
    class DataWrittenByOthers extends DataWrittenByOthersGroup {
        DataWrittenByOthers() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-schema-and-errors")
    @DisplayName("schema and errors")
    class SchemaAndErrors extends SchemaAndErrorsGroup {
        SchemaAndErrors() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-text-rules")
    @DisplayName("text rules on every field")
    class TextRules extends TextRulesGroup {
        TextRules() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-large-employees")
    @DisplayName("large employees")
    class LargeEmployees extends LargeEmployeesGroup {
        LargeEmployees() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-generated")
    @DisplayName("generated sequences")
    class Generated extends GeneratedGroup {
        Generated() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-linearizability")
    @DisplayName("linearizability")
    class Linearizability extends LinearizabilityGroup {
        Linearizability() {
            super(EmployeeStoreTck.this);
        }
    }

    @Nested
    @Tag("tck-create-all")
    @DisplayName("create-all")
    class CreateAll extends CreateAllGroup {
        CreateAll() {
            super(EmployeeStoreTck.this);
        }
    }
}
