package com.example.employeestore.redis;

import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Redis the tests use: {@code EMPLOYEE_STORE_REDIS_URL} (default {@code redis://127.0.0.1:6379}; a path selects
 * the database, e.g. {@code redis://127.0.0.1:6379/12}), one client for the test JVM. Each test class gets tables of its own, named after a per-run random id, the class and the table
 * ({@code EMPLOYEE_STORE_REDIS_PREFIX} first, default {@code test}), and every table is dropped when the JVM ends.
 * Without a reachable Redis the tests are skipped with the reason, except on CI ({@code CI=true}), where that fails.
 */
final class RedisTestSupport {
    static final String HOST;
    static final int PORT;
    static final int DATABASE;
    private static final String RUN = System.getenv().getOrDefault("EMPLOYEE_STORE_REDIS_PREFIX", "test") + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    private static final Map<String, RedisEmployeeStore> TABLES = new ConcurrentHashMap<>();
    private static RedisClient client;
    private static String unreachable;

    static {
        var url = io.github.employeestore.spi.StoreUrl.parse(System.getenv().getOrDefault("EMPLOYEE_STORE_REDIS_URL",
                "redis://127.0.0.1:6379"), io.github.employeestore.StoreOptions.defaults());
        HOST = url.hostOr("127.0.0.1");
        PORT = url.portOr(6379);
        DATABASE = url.path().isEmpty() ? 0 : Integer.parseInt(url.path());
    }

    private RedisTestSupport() {
    }

    /** @return the shared client, or skips (fails on CI) when Redis cannot be reached */
    static synchronized RedisClient client() {
        if (client == null && unreachable == null) {
            RedisClient c = RedisClient.builder().hostAndPort(HOST, PORT)
                    .clientConfig(DefaultJedisClientConfig.builder().database(DATABASE).build()).build();
            try {
                c.ping();
                client = c;
                Runtime.getRuntime().addShutdownHook(new Thread(RedisTestSupport::dropAll));
            } catch (JedisException e) {
                c.close();
                unreachable = "Redis is not reachable at " + HOST + ":" + PORT + " (" + e.getClass().getSimpleName()
                        + "); start it, e.g. redis-server --port " + PORT + ", or set EMPLOYEE_STORE_REDIS_URL";
            }
        }
        if (unreachable != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(unreachable + " (CI is set, so this is a failure)");
            }
            Assumptions.abort(unreachable);
        }
        return client;
    }

    /**
     * @return a store on the given table of this test class, emptied (schema dropped and created again)
     */
    static RedisEmployeeStore emptyStore(Class<?> testClass, String table, Clock clock) {
        String name = RUN + "." + testClass.getSimpleName() + "." + table;
        RedisEmployeeStore store = RedisEmployeeStore.builder().client(client()).table(name).clock(clock).build();
        store.schema().drop();
        store.schema().create();
        TABLES.putIfAbsent(name, store);
        return store;
    }

    private static void dropAll() {
        try {
            TABLES.values().forEach(store -> store.schema().drop());
        } finally {
            client.close();
        }
    }
}
