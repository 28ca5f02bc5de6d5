package com.example.employeestore.redis;

import io.github.employeestore.*;
import io.github.employeestore.spi.*;
import redis.clients.jedis.*;
import redis.clients.jedis.exceptions.*;

import java.util.Set;

/**
 * Opens {@code redis://host:port/database?table=employees} URLs (options also {@code user},
 * {@code password}, {@code cursorKey}; host 127.0.0.1 and port 6379 by default). The store owns the client it creates
 * and closes it. Thread-safe.
 */
public final class RedisEmployeeStoreProvider implements EmployeeStoreProvider {
    private static final Set<String> OPTIONS = Set.of("table", "user", "password", CursorCodec.KEY_OPTION);

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public boolean supports(String url) {
        return url.regionMatches(true, 0, "redis:", 0, 6);
    }

    @Override
    public EmployeeStore open(String url, StoreOptions options) {
        StoreUrl parsed = StoreUrl.parse(url, options);
        parsed.options().keySet().stream().filter(name -> !OPTIONS.contains(name)).findFirst().ifPresent(name -> {
            throw new StoreConfigurationException("unknown option '" + name + "' in redis: URL; known: " + OPTIONS);
        });
        if (!parsed.path().matches("[0-9]{0,4}")) {
            throw new StoreConfigurationException("the path of a redis: URL is the database number");
        }
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .database(parsed.path().isEmpty() ? 0 : Integer.parseInt(parsed.path()))
                .user(parsed.option("user").orElse(null)).password(parsed.option("password").orElse(null));
        RedisClient client = RedisClient.builder().hostAndPort(parsed.hostOr("127.0.0.1"), parsed.portOr(6379))
                .clientConfig(config.build()).build();
        try {
            client.ping();
            return RedisEmployeeStore.builder().ownedClient(client).table(parsed.option("table").orElse("employees"))
                    .clock(options.clock()).cursorKey(parsed.option(CursorCodec.KEY_OPTION).orElse(null)).build();
        } catch (RuntimeException e) {
            client.close();
            throw e instanceof JedisException ? DriverErrors.translate(e, "connecting to Redis",
                    JedisConnectionException.class) : e;
        }
    }
}
