package com.example.employeestore.redis;

import io.github.employeestore.*;
import io.github.employeestore.spi.*;
import redis.clients.jedis.*;
import redis.clients.jedis.exceptions.*;

import java.io.*;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.*;
import java.util.function.*;
import java.util.stream.*;

/**
 * An {@link EmployeeStore} on Redis, written as a third party would: on the public SPI of {@code employee-store-api}
 * only. Every write is one Lua script ({@code write.lua}) that checks the conditions of all its operations before it
 * writes anything, so single writes, {@code transact} and the optimistic version checks are atomic, and every index
 * entry is written in the same script as its employee; every read is one script ({@code read.lua}). An employee is a
 * hash holding the codec's JSON; {@code list} pages through a sorted set of ids and {@code find} through sorted sets
 * of "full name, U+0000, id" per location, job title and both, all in code-point order. Name search (CONTRACT
 * §4.20) uses {@link NameFolding}: {@code listByName} pages through a sorted set of "sort key, U+0000, full name,
 * U+0000, id" (the search order), and each prefix (up to {@value NameFolding#MAX_QUERY_WORD_LENGTH} code
 * points, the longest search word) of each folded word of a name has a sorted set of the same members, so a search
 * ranges over the set of its rarest word and checks the other words, the location and the job title against the
 * employee's stored prefixes and fields. {@code patch} is the interface's default (a read, then an update conditioned on the version): the
 * employee is one document, written by this store only, so the search index never lacks an employee and
 * {@code schema().backfillSearchIndex} has nothing to do (the interface's default). Tables of the layout before name
 * search are refused as not existing; copy them into a new table.
 *
 * <p>A "table" is a key prefix, {@code employee-store:<table>:}, and exists while its {@code schema} key does: every
 * operation on a table that does not exist throws {@link StoreConfigurationException}, and {@code schema().drop()}
 * deletes every key of the table in one script (atomic; Redis serves nothing else meanwhile). Thread-safe if the
 * client is (Jedis' {@code RedisClient} pools connections).
 */
public final class RedisEmployeeStore implements EmployeeStore {
    private static final String WRITE = script("write.lua").replace("MAX_VERSION", Long.toString(Limits.MAX_VERSION));
    private static final String READ = script("read.lua");
    private static final EmployeeCodec CODEC = EmployeeCodec.standard();

    private final UnifiedJedis redis;
    private final boolean ownsClient;
    private final String table;
    private final String prefix;
    private final Clock clock;
    private final CursorCodec cursors;

    private RedisEmployeeStore(Builder b) {
        this.redis = Objects.requireNonNull(b.client, "client");
        this.ownsClient = b.ownsClient;
        this.table = TableNames.validate(b.table);
        this.prefix = "employee-store:" + table + ":";
        this.clock = b.clock;
        this.cursors = CursorCodec.forStore("redis", prefix, b.cursorKey);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Employee create(Employee draft) {
        return (Employee) apply("create", List.of(new TransactionOperation.Create(0, draft))).get(0);
    }

    @Override
    public Optional<Employee> get(String id) {
        EmployeeValidator.validateId(id);
        return read("get", List.of("", id)).stream().findFirst().map(RedisEmployeeStore::employee);
    }

    @Override
    public Map<String, Employee> getAll(Collection<String> ids) {
        EmployeeValidator.validateIds(ids);
        List<String> args = Stream.concat(Stream.of(""), ids.stream().distinct()).toList();
        Map<String, StoredEmployee> found = (ids.isEmpty() ? List.<StoredEmployee>of() : stored(read("getAll", args)))
                .stream().collect(Collectors.toMap(StoredEmployee::id, e -> e));
        return StoredEmployee.readableInOrder(args.subList(1, args.size()), found, unreadable -> { });
    }

    @Override
    public Employee update(Employee changed) {
        return (Employee) apply("update", List.of(new TransactionOperation.Update(0, changed))).get(0);
    }

    @Override
    public Employee put(Employee employee) {
        return (Employee) apply("put", List.of(new TransactionOperation.Put(0, employee))).get(0);
    }

    @Override
    public boolean delete(String id) {
        EmployeeValidator.validateId(id);
        return (Boolean) apply("delete", List.of(new TransactionOperation.Delete(0, id))).get(0);
    }

    @Override
    public void delete(String id, long expectedVersion) {
        EmployeeValidator.validateId(id);
        EmployeeValidator.validateExpectedVersion(expectedVersion);
        apply("delete", List.of(new TransactionOperation.DeleteVersion(0, id, expectedVersion)));
    }

    /** Lists by id, in code-point order (the order of the {@code ids} sorted set). */
    @Override
    public Page<Employee> list(PageRequest page) {
        String after = cursors.listAfterId(page);
        return cursors.listPageOf(range("ids", after == null ? null : List.of(after), page, List.of()), page.size());
    }

    /** Finds by location and job title, or by name (read.lua ranges over the smallest index of the words). */
    @Override
    public Page<Employee> find(EmployeeQuery query, PageRequest page) {
        String location = query.location().orElse("");
        String jobTitle = query.jobTitle().orElse("");
        if (query.name().isPresent()) {
            List<String> filters = Stream.concat(Stream.of(location, jobTitle), query.nameWords().stream()).toList();
            return cursors.namePageOf(query, range("?", cursors.nameAfter(query, page), page, filters), page.size());
        }
        String index = location.isEmpty() ? "j:" + jobTitle : jobTitle.isEmpty() ? "l:" + location : "b:" + location;
        return cursors.findPageOf(query, range(jobTitle.isEmpty() || location.isEmpty() ? index : index + '\u0000'
                + jobTitle, cursors.findAfter(query, page), page, List.of()), page.size());
    }

    /** Lists everyone in the search order, from the index {@code n} of "sort key, U+0000, full name, U+0000, id". */
    @Override
    public Page<Employee> listByName(PageRequest page) {
        return cursors.namePageOf(null, range("n", cursors.nameAfter(null, page), page, List.of()), page.size());
    }

    /** Reads a page and the next employee from an index, after a cursor's position (its parts joined by U+0000). */
    private List<StoredEmployee> range(String index, List<String> after, PageRequest page, List<String> filters) {
        String start = after == null ? "-" : "(" + String.join("\u0000", after);
        return stored(read("range", Stream.concat(Stream.of(index, start, Integer.toString(page.size() + 1)),
                filters.stream()).toList()));
    }

    @Override
    public Stream<Employee> stream() {
        return PagedStream.of(this::list, 500);
    }

    @Override
    public long count() {
        return (Long) call("count", () -> redis.eval(READ, List.of(prefix), List.of("#")));
    }

    /**
     * Writes chunks of at most 100 employees and 1 MiB, each with one script call. A chunk Redis refuses (e.g. out of
     * memory) is reported employee by employee; an unreachable Redis or a missing table ends the import with the
     * exception (see {@link ImportPlan}).
     */
    @Override
    public ImportResult importAll(Collection<Employee> employees) {
        // §4.15.3: an import of only invalid employees still throws on a missing table
        return ImportPlan.of(employees).checkingTable(this::count).write(100, 1 << 20, ItemSize::of, chunk -> {
            List<String> args = new ArrayList<>();
            chunk.forEach(entry -> addOperation(args, "I", entry.employee(), Long.toString(entry.employee().version()),
                    Timestamps.format(entry.employee().createdAt())));
            try {
                call("importAll", () -> redis.eval(WRITE, List.of(prefix), args));
                return List.of();
            } catch (StoreUnavailableException | StoreConfigurationException e) {
                throw e;
            } catch (EmployeeStoreException e) {
                return chunk.stream().map(entry -> ImportPlan.writeFailure(entry, e)).toList();
            }
        });
    }

    /** Patches are decided by {@link #apply} on a read, each in its turn among the other operations. */
    @Override
    public void transact(Consumer<TransactionWriter> writes) {
        apply("transact", TransactionPlan.record(writes));
    }

    @Override
    public SchemaAdmin schema() {
        return new SchemaAdmin() {
            @Override
            public void create() {
                call("schema().create", () -> redis.setnx(prefix + "schema", "2"));   // a table of another layout stays
            }

            @Override
            public boolean exists() {
                return call("schema().exists", () -> redis.exists(prefix + "schema"));
            }

            @Override
            public void drop() {
                // one script, so atomic: a drop scanning while another caller re-creates the table would delete
                // the new table's keys (the prefix has no glob characters)
                call("schema().drop", () -> redis.eval("local c = '0' repeat local r = redis.call('SCAN', c, 'MATCH',"
                        + " ARGV[1], 'COUNT', 1000) c = r[1] if #r[2] > 0 then redis.call('UNLINK', unpack(r[2])) end"
                        + " until c == '0'", List.of(), List.of(prefix + "*")));
            }
        };
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.QUERIES, Capability.TRANSACTIONS, Capability.SEARCH);
    }

    @Override
    public String description() {
        return "Redis table '" + table + "'";
    }

    /** Closes the Redis client if the store created it (opened by URL). */
    @Override
    public void close() {
        if (ownsClient) {
            redis.close();
        }
    }

    /** Runs operations as one script; returns each one's result, or throws the first failing one's exception. */
    @SuppressWarnings("unchecked")
    private List<Object> apply(String operation, List<TransactionOperation> operations) {
        List<WritePlan> plans = new ArrayList<>();
        List<String> args = new ArrayList<>();
        Map<String, RuntimeException> failing = new HashMap<>();   // patches failing on the read, by id
        for (TransactionOperation op : operations) {
            // a patch is decided on the employee read (a write U, no change K, a failure F); the script rereads
            // every patch when a K's or F's stored version is no longer the one read
            Employee stored = op instanceof TransactionOperation.Patch p ? get(p.id()).orElse(null) : null;
            try {
                op = !(op instanceof TransactionOperation.Patch p) ? op : p.plan(clock).against(stored).map(e ->
                        (TransactionOperation) new TransactionOperation.Update(p.index(), e.toBuilder()
                                .version(p.expectedVersion()).build())).orElse(op);
            } catch (EmployeeStoreException e) {
                failing.put(op.id(), e);
            }
            if (!(op instanceof TransactionOperation.Create || op instanceof TransactionOperation.Update
                    || op instanceof TransactionOperation.Put)) {
                args.addAll(List.of(op instanceof TransactionOperation.Delete ? "D" : op instanceof TransactionOperation
                        .DeleteVersion ? "V" : failing.containsKey(op.id()) ? "F" : "K", op.id(), op instanceof
                        TransactionOperation.DeleteVersion d ? Long.toString(d.expectedVersion()) : stored == null ? ""
                        : Long.toString(stored.version()), "", "", "", "", "", "", ""));
                plans.add(null);
            } else {
                WritePlan plan = WritePlan.of(op, clock);
                addOperation(args, plan.kind().name().substring(0, 1), plan.values(),
                        Long.toString(plan.expectedVersion().orElse(0)), Timestamps.format(plan.now()));
                plans.add(plan);
            }
        }
        List<Object> reply = (List<Object>) call(operation, () -> redis.eval(WRITE, List.of(prefix), args));
        if ("retry".equals(reply.get(0))) {
            return apply(operation, operations);
        } else if (!"ok".equals(reply.get(0))) {
            String id = operations.get(((Long) reply.get(1)).intValue()).id();
            throw switch ((String) reply.get(0)) {
                case "patch" -> failing.get(id);
                case "exists" -> new EmployeeAlreadyExistsException(id);
                case "absent" -> new EmployeeNotFoundException(id);
                case "maxversion" -> Versions.atLimit(id);
                default -> new VersionConflictException(id, Long.parseLong((String) reply.get(3)),
                        OptionalLong.of(Long.parseLong((String) reply.get(2))), null);
            };
        }
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {   // a delete's "1" or "0", a write's "<version> <created_at>"
            String[] written = ((String) reply.get(i + 1)).split(" ");
            results.add(plans.get(i) == null ? (Object) "1".equals(written[0])
                    : plans.get(i).written(Long.parseLong(written[0]), Timestamps.parse(written[1])));
        }
        return results;
    }

    private static void addOperation(List<String> args, String kind, Employee e, String version, String createdAt) {
        args.addAll(List.of(kind, e.id(), version, CODEC.toJson(e), e.fullName(),
                Objects.requireNonNullElse(e.location(), ""), Objects.requireNonNullElse(e.jobTitle(), ""), createdAt,
                NameFolding.sortKey(e.fullName()), String.join(" ", NameFolding.indexPrefixes(e.fullName(),
                NameFolding.MAX_QUERY_WORD_LENGTH))));
    }

    @SuppressWarnings("unchecked")
    private List<List<Object>> read(String operation, List<String> args) {
        return (List<List<Object>>) call(operation, () -> redis.eval(READ, List.of(prefix), args));
    }

    /** Maps a row of {@code read.lua}: the document, with the version and creation time the hash holds. */
    private static Employee employee(List<Object> row) {
        String id = (String) row.get(0);
        return CODEC.fromJson(id, (String) row.get(3)).toBuilder().version(Versions.stored(id, Long.parseLong((String)
                row.get(1)))).createdAt(Timestamps.parseStored(id, EmployeeCodec.CREATED_AT, (String) row.get(2))).build();
    }

    private static List<StoredEmployee> stored(List<List<Object>> rows) {
        return rows.stream().map(row -> {
            try {
                return StoredEmployee.readable(employee(row));
            } catch (UnreadableEmployeeException e) {
                return StoredEmployee.unreadable((String) row.get(4), e);
            }
        }).toList();
    }

    /** Translates Jedis' exceptions: a missing table, a transient failure (connection), or another failure. */
    private <T> T call(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (JedisException e) {
            if (e instanceof JedisDataException && String.valueOf(e.getMessage()).contains("NOTABLE")) {
                throw new StoreConfigurationException("table '" + table + "' does not exist (or has an older layout,"
                        + " without the search index: copy it into a new table); create it with schema().create()", e);
            }
            throw DriverErrors.translate(e, operation + " on table '" + table + "'", JedisConnectionException.class);
        }
    }

    private static String script(String name) {
        try (InputStream in = RedisEmployeeStore.class.getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds {@link RedisEmployeeStore}s. Not thread-safe. */
    public static final class Builder {
        private UnifiedJedis client;
        private boolean ownsClient;
        private String table = "employees";
        private Clock clock = Clock.systemUTC();
        private String cursorKey;

        private Builder() { }

        /**
         * @param client the application's Redis client (e.g. a {@code RedisClient}); the store never closes it
         * @return this builder
         */
        public Builder client(UnifiedJedis client) {
            this.client = client;
            return this;
        }

        Builder ownedClient(UnifiedJedis client) {
            this.ownsClient = true;
            return client(client);
        }

        /**
         * @param table the table: its keys start with {@code employee-store:<table>:}; default {@code employees}
         * @return this builder
         */
        public Builder table(String table) {
            this.table = table;
            return this;
        }

        /**
         * @param clock the clock timestamps come from; default the system UTC clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param cursorKey a per-deployment key for cursors (see {@link CursorCodec}), or {@code null}
         * @return this builder
         */
        public Builder cursorKey(String cursorKey) {
            this.cursorKey = cursorKey;
            return this;
        }

        /**
         * @return the store; it does not create the table (call {@code schema().create()})
         * @throws StoreConfigurationException if the table name is invalid
         */
        public RedisEmployeeStore build() {
            return new RedisEmployeeStore(this);
        }
    }
}
