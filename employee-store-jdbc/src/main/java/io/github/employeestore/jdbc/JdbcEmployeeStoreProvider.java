package io.github.employeestore.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreOptions;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.jdbc.internal.SqlErrors;
import io.github.employeestore.spi.EmployeeStoreProvider;
import io.github.employeestore.spi.CursorCodec;
import io.github.employeestore.spi.StoreUrl;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Opens {@code jdbc:h2:}, {@code jdbc:mysql:}, {@code jdbc:mariadb:} and {@code jdbc:postgresql:} URLs as
 * {@link JdbcEmployeeStore}s on a new HikariCP pool, which the store closes when it is closed.
 *
 * <p>Options (from {@link StoreOptions}, or from the URL's query string): {@code table} (default
 * {@code employees}; removed from the URL before it reaches the driver), {@code user}, {@code password} and
 * {@code poolSize} (default 10), {@code nameSearch} ({@code true}, the default, or {@code false}: see
 * {@link JdbcEmployeeStore.Builder#nameSearch(boolean)}). On MySQL, MariaDB and PostgreSQL every other query
 * parameter is passed to the driver as it is; H2 takes its settings after {@code ;} and a {@code ?} query may only
 * hold the options above. The pool is configured for real multi-row batches ({@code rewriteBatchedStatements=true} for MySQL Connector/J,
 * {@code useBulkStmts=true} for MariaDB Connector/J) and, on PostgreSQL, {@code logServerErrorDetail=false} so that
 * error messages never quote row values. An embedded H2 file database is opened with {@code WRITE_DELAY=0} unless its
 * URL sets {@code WRITE_DELAY}, so that every commit that returned survives a crash of the process (see
 * the package-private {@code durableH2}). Neither credentials nor the URL beyond its scheme appear in messages or
 * logs.
 *
 * <p>Thread-safe (stateless).
 */
public final class JdbcEmployeeStoreProvider implements EmployeeStoreProvider {
    private static final List<String> OWN_OPTIONS = List.of("table", "user", "password", "poolSize", "nameSearch",
            CursorCodec.KEY_OPTION);

    /** The JDBC schemes this provider opens, with their driver classes and Maven artifacts. */
    private enum Scheme {
        H2("jdbc:h2:", "org.h2.Driver", "com.h2database:h2"),
        MYSQL("jdbc:mysql:", "com.mysql.cj.jdbc.Driver", "com.mysql:mysql-connector-j"),
        MARIADB("jdbc:mariadb:", "org.mariadb.jdbc.Driver", "org.mariadb.jdbc:mariadb-java-client"),
        POSTGRESQL("jdbc:postgresql:", "org.postgresql.Driver", "org.postgresql:postgresql");

        final String prefix;
        final String driver;
        final String artifact;

        Scheme(String prefix, String driver, String artifact) {
            this.prefix = prefix;
            this.driver = driver;
            this.artifact = artifact;
        }

        static Optional<Scheme> of(String url) {
            for (Scheme s : values()) {
                if (url.regionMatches(true, 0, s.prefix, 0, s.prefix.length())) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public JdbcEmployeeStoreProvider() {
    }

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public List<String> schemes() {
        return java.util.Arrays.stream(Scheme.values()).map(s -> s.prefix).toList();
    }

    @Override
    public boolean supports(String url) {
        return url != null && Scheme.of(url).isPresent();
    }

    @Override
    public EmployeeStore open(String url, StoreOptions options) {
        Scheme scheme = Scheme.of(url).orElseThrow(() -> new StoreConfigurationException(
                "not a JDBC URL this backend opens: '" + StoreUrl.describe(url) + "'"));
        String described = StoreUrl.describe(url);
        StoreUrl parsed = StoreUrl.parse(url, options);
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        List<String> driverParams = new ArrayList<>();
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (OWN_OPTIONS.contains(key)) {
                    continue;
                }
                if (scheme == Scheme.H2) {
                    throw new StoreConfigurationException("unknown option in " + described
                            + " URL query: H2 settings go after ';', the query may hold only " + OWN_OPTIONS);
                }
                driverParams.add(pair);
            }
        }
        Map<String, String> given = parsed.options();
        switch (scheme) {
            case MYSQL -> addDefault(driverParams, "rewriteBatchedStatements", "true");
            case MARIADB -> addDefault(driverParams, "useBulkStmts", "true");
            case POSTGRESQL -> addDefault(driverParams, "logServerErrorDetail", "false");
            default -> {
            }
        }
        if (scheme == Scheme.H2) {
            base = durableH2(base);
        }
        String jdbcUrl = driverParams.isEmpty() ? base : base + "?" + String.join("&", driverParams);

        try {
            Class.forName(scheme.driver, false, JdbcEmployeeStoreProvider.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new StoreConfigurationException("no JDBC driver for " + described + " URLs on the class path: add "
                    + scheme.artifact, e);
        }

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setDriverClassName(scheme.driver);
        config.setPoolName("employee-store-" + scheme.name().toLowerCase(Locale.ROOT));
        Optional.ofNullable(given.get("user")).ifPresent(config::setUsername);
        Optional.ofNullable(given.get("password")).ifPresent(config::setPassword);
        String poolSize = given.getOrDefault("poolSize", "10");
        try {
            config.setMaximumPoolSize(Integer.parseInt(poolSize));
        } catch (NumberFormatException e) {
            throw new StoreConfigurationException("option poolSize must be a number", e);
        }
        String table = given.getOrDefault("table", "employees");
        String nameSearch = given.getOrDefault("nameSearch", "true");
        if (!nameSearch.equals("true") && !nameSearch.equals("false")) {
            throw new StoreConfigurationException("option nameSearch must be true or false");
        }

        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            SQLExceptionHolder.rethrow(e, described);
            throw e;
        }
        try {
            return JdbcEmployeeStore.builder().dataSource(pool).table(table).clock(options.clock()).owning(pool)
                    .cursorKey(given.get(CursorCodec.KEY_OPTION)).nameSearch(Boolean.parseBoolean(nameSearch)).build();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * An embedded H2 database writes committed transactions to its file in the background, up to
     * {@code WRITE_DELAY} (500 ms by default) later: a process killed meanwhile loses writes that had returned. The
     * URL of an embedded H2 file database therefore gets {@code ;WRITE_DELAY=0} (every commit is written to the file
     * before it returns), unless it sets {@code WRITE_DELAY} itself. In-memory databases have nothing to write, and a
     * server ({@code tcp:}, {@code ssl:}) has its own settings.
     *
     * @param url an H2 URL without a {@code ?} query
     * @return the URL that keeps every returned commit across a crash of the process
     */
    static String durableH2(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        String rest = lower.substring("jdbc:h2:".length());
        if (rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:")
                || lower.contains(";write_delay=")) {
            return url;
        }
        return url + ";WRITE_DELAY=0";
    }

    private static void addDefault(List<String> params, String name, String value) {
        for (String p : params) {
            if (p.startsWith(name + "=")) {
                return;
            }
        }
        params.add(name + "=" + value);
    }

    /** Turns a pool start failure into a store exception without quoting the URL or credentials. */
    private static final class SQLExceptionHolder {
        static void rethrow(RuntimeException e, String described) {
            if (e instanceof EmployeeStoreException ese) {
                throw ese;
            }
            var sql = SqlErrors.sqlCause(e);
            if (sql != null && SqlErrors.isTransient(sql)) {
                throw new StoreUnavailableException("cannot connect to the " + described + " database", sql, true);
            }
            throw new StoreConfigurationException("cannot open a connection pool for the " + described
                    + " database (check URL, credentials and database)", sql != null ? sql : e);
        }
    }
}
