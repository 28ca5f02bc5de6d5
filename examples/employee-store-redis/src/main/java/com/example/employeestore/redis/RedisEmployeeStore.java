package com.example.employeestore.redis;

import io.github.employeestore.*;
import io.github.employeestore.spi.*;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.*;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An {@link EmployeeStore} on Redis, written as a third party would: on the public SPI of {@code employee-store-api}
 * only. Every write is one Lua script ({@code write.lua}) that checks the conditions of all its operations before it
 * writes anything, so single writes, {@code transact} and the optimistic version checks are atomic; every read is one
 * script ({@code read.lua}). An employee is a hash holding the codec's JSON; {@code list} pages through a sorted set of
 * ids and {@code find} through sorted sets of "full name, U+0000, id" per location, job title and both, all in
 * code-point order. {@code patch} is the interface's default (a read, then an update conditioned on the version):
 * the employee is one document, written by this store only.
 *
 * <p>A "table" is a key prefix, {@code employee-store:<table>:}, and exists while its {@code schema} key does: every
 * operation on a table that does not exist throws {@link StoreConfigurationException}, and {@code schema().drop()}
 * deletes every key of the table. Thread-safe if the client is (Jedis' {@code RedisClient} pools connections).
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
        Map<String, Employee> found = new LinkedHashMap<>();
        List<String> args = new ArrayList<>(List.of(""));
        args.addAll(new LinkedHashSet<>(ids));
        for (StoredEmployee row : ids.isEmpty() ? List.<StoredEmployee>of() : stored(read("getAll", args))) {
            if (row.isReadable()) {
                found.put(row.id(), row.employee());
            } else {
                StoredEmployee.warn("getAll", row.unreadable());
            }
        }
        return found;
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
        List<List<Object>> rows = read("list", List.of("ids", after == null ? "-" : "(" + after,
                Integer.toString(page.size() + 1)));
        return cursors.listPageOf(stored(rows), page.size());
    }

    @Override
    public Page<Employee> find(EmployeeQuery query, PageRequest page) {
        NameFolding.requireNoNameSearch(query, description());
        List<String> after = cursors.findAfter(query, page);
        String location = query.location().orElse(null);
        String jobTitle = query.jobTitle().orElse(null);
        String index = location == null ? "j:" + jobTitle
                : jobTitle == null ? "l:" + location : "b:" + location + '\u0000' + jobTitle;
        List<List<Object>> rows = read("find", List.of(index, after == null ? "-"
                : "(" + after.get(0) + '\u0000' + after.get(1), Integer.toString(page.size() + 1)));
        return cursors.findPageOf(query, stored(rows), page.size());
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
            for (ImportPlan.Entry entry : chunk) {
                Employee e = entry.employee();
                addOperation(args, "I", e, Long.toString(e.version()), Timestamps.format(e.createdAt()));
            }
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

    /** A patch is read, then written as an update of its version; one that changes nothing is only checked. */
    @Override
    public void transact(Consumer<TransactionWriter> writes) {
        List<TransactionOperation> operations = new ArrayList<>(TransactionPlan.record(writes));
        operations.replaceAll(op -> op instanceof TransactionOperation.Patch p ? p.plan(clock)
                .against(get(p.id()).orElse(null)).map(e -> (TransactionOperation) new TransactionOperation.Update(
                        p.index(), e.toBuilder().version(p.expectedVersion()).build())).orElse(null) : op);
        operations.removeIf(Objects::isNull);
        apply("transact", operations);
    }

    @Override
    public SchemaAdmin schema() {
        return new SchemaAdmin() {
            @Override
            public void create() {
                call("schema().create", () -> redis.set(prefix + "schema", "1"));
            }

            @Override
            public boolean exists() {
                return call("schema().exists", () -> redis.exists(prefix + "schema"));
            }

            @Override
            public void drop() {
                call("schema().drop", () -> {
                    redis.del(prefix + "schema");
                    ScanParams match = new ScanParams().match(prefix + "*").count(1000);   // no glob characters
                    String cursor = ScanParams.SCAN_POINTER_START;
                    do {
                        ScanResult<String> keys = redis.scan(cursor, match);
                        if (!keys.getResult().isEmpty()) {
                            redis.unlink(keys.getResult().toArray(String[]::new));
                        }
                        cursor = keys.getCursor();
                    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
                    return null;
                });
            }
        };
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.QUERIES, Capability.TRANSACTIONS);
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
        for (TransactionOperation op : operations) {
            if (op instanceof TransactionOperation.Delete || op instanceof TransactionOperation.DeleteVersion) {
                boolean versioned = op instanceof TransactionOperation.DeleteVersion;
                long expected = versioned ? ((TransactionOperation.DeleteVersion) op).expectedVersion() : 0;
                args.addAll(List.of(versioned ? "V" : "D", op.id(), Long.toString(expected), "", "", "", "", ""));
                plans.add(null);
            } else {
                WritePlan plan = WritePlan.of(op, clock);
                addOperation(args, plan.kind().name().substring(0, 1), plan.values(),
                        Long.toString(plan.expectedVersion().orElse(0)), Timestamps.format(plan.now()));
                plans.add(plan);
            }
        }
        List<Object> reply = (List<Object>) call(operation, () -> redis.eval(WRITE, List.of(prefix), args));
        if (!"ok".equals(reply.get(0))) {
            String id = operations.get(((Long) reply.get(1)).intValue()).id();
            throw switch ((String) reply.get(0)) {
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
                Objects.requireNonNullElse(e.location(), ""), Objects.requireNonNullElse(e.jobTitle(), ""),
                createdAt));
    }

    @SuppressWarnings("unchecked")
    private List<List<Object>> read(String operation, List<String> args) {
        return (List<List<Object>>) call(operation, () -> redis.eval(READ, List.of(prefix), args));
    }

    /** Maps a row of {@code read.lua}: the document, with the version and creation time the hash holds. */
    private static Employee employee(List<Object> row) {
        String id = (String) row.get(0);
        return CODEC.fromJson(id, (String) row.get(3)).toBuilder()
                .version(Versions.stored(id, Long.parseLong((String) row.get(1))))
                .createdAt(Timestamps.parseStored(id, EmployeeCodec.CREATED_AT, (String) row.get(2)))
                .build();
    }

    private static List<StoredEmployee> stored(List<List<Object>> rows) {
        List<StoredEmployee> stored = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            try {
                stored.add(StoredEmployee.readable(employee(row)));
            } catch (UnreadableEmployeeException e) {
                stored.add(StoredEmployee.unreadable((String) row.get(4), e));
            }
        }
        return stored;
    }

    /** Translates Jedis' exceptions: a missing table, a transient failure (connection), or another failure. */
    private <T> T call(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (JedisDataException e) {
            if (String.valueOf(e.getMessage()).contains("NOTABLE")) {
                throw new StoreConfigurationException("table '" + table + "' does not exist; create it with"
                        + " schema().create()", e);
            }
            throw DriverErrors.translate(e, operation + " on table '" + table + "'");
        } catch (JedisException e) {
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

        private Builder() {
        }

        /**
         * @param client the application's Redis client (e.g. a {@code RedisClient}); the store never closes it
         * @return this builder
         */
        public Builder client(UnifiedJedis client) {
            this.client = client;
            return this;
        }

        Builder ownedClient(UnifiedJedis client) {
            this.client = client;
            this.ownsClient = true;
            return this;
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
