package io.github.employeestore.directory;

import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.EmployeeStores;
import io.github.employeestore.directory.internal.CopyCommand;
import io.github.employeestore.directory.internal.SampleMySqlSource;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.directory.internal.copy.Checkpoint;
import io.github.employeestore.directory.internal.copy.CopySource;
import io.github.employeestore.directory.internal.copy.CopyUrls;
import io.github.employeestore.directory.internal.copy.SignalStop;
import io.github.employeestore.directory.internal.MotoMode;
import io.github.employeestore.directory.internal.OpenedStore;
import io.github.employeestore.directory.internal.web.DirectoryApplication;
import io.github.employeestore.directory.internal.web.StartupWarmUp;
import io.github.employeestore.testsupport.MotoServer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Employee Directory: the example application of Employee Store. A web directory of employees with a JSON API
 * ({@code serve}, the default command) and a {@code copy} command that moves every employee from one store to
 * another, on any backend chosen by URL.
 *
 * <pre>
 * java -jar employee-directory.jar [serve] [--url URL] [--port PORT] [--host ADDRESS]
 * java -jar employee-directory.jar copy --from URL --to URL [--chunk N] [--writers N] [--merge | --resume]
 *     [--checkpoint FILE]
 * java -jar employee-directory.jar copy --from employee-directory-sample:jdbc:mysql://HOST/DB?user=U --to URL
 * </pre>
 *
 * The URL comes from {@code --url}, else the environment variable {@code EMPLOYEE_STORE_URL}, else an embedded H2
 * file {@code ./data/employee-directory}; {@code dynamodb-moto:} starts a moto server for the process. The port
 * comes from {@code --port}, else {@code PORT}, else 8080. The schema is created if missing.
 *
 * <p>Exit codes: 0 success, 1 a failure (a copy that did not write everything or whose counts disagree, a store
 * that cannot be opened), 2 a usage error.
 *
 * <p>This class only parses the command line; it holds no state and is thread-safe.
 */
public final class EmployeeDirectory {
    private static final String USAGE = """
            usage:
              employee-directory [serve] [--url URL] [--port PORT] [--host ADDRESS]
              employee-directory copy --from URL --to URL [--chunk N] [--writers N] [--merge | --resume]
                                 [--checkpoint FILE]

            copy: reads the source in order and writes batches of --chunk (default 5000) employees with --writers
                  (default 2) threads through the target's bulk path; records its progress in --checkpoint (default
                  ./employee-directory-copy.checkpoint). Stopped (Ctrl-C, SIGTERM) it finishes the batches being
                  written, says how many were copied, and exits non-zero; --resume continues after them.
                  --merge into a target that holds some of the ids: a source employee replaces the target's only
                  when its version is higher; a target employee that is newer (or differs at the same version) is
                  kept and printed as KEPT; the number of such conflicts is printed at the end (exit code 0).

            URL: jdbc:h2:..., jdbc:mysql://..., jdbc:mariadb://..., jdbc:postgresql://...,
                 dynamodb:TABLE?region=...[&endpoint=URL], dynamodb-moto:[TABLE], memory:
                 (default: EMPLOYEE_STORE_URL, else jdbc:h2:file:./data/employee-directory)
            copy --from also reads the original Employee Directory sample's MySQL table:
                 employee-directory-sample:jdbc:mysql://HOST:3306/DB?user=U[&sampleTable=employee]
            PORT: default PORT, else 8080. ADDRESS: default 127.0.0.1 (0.0.0.0 to serve other machines)
            """;

    private EmployeeDirectory() {
    }

    /**
     * Runs a command and exits with its code ({@code serve} runs until the process is stopped).
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        // one log format: java.util.logging (Tomcat) onto SLF4J like everything else, and Spring Boot leaves logging
        // as it is (slf4j-simple, configured by simplelogger.properties)
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        // start-up on 2 cores: Spring Boot's background pre-initialization (conversion service, Jackson, message
        // converters, Tomcat's MBeans, charsets, time zones) would compete with the main thread and the JIT for work
        // the main thread does anyway; measured: slightly less CPU, no slower start (README, Start-up)
        if (System.getProperty("spring.backgroundpreinitializer.ignore") == null) {
            System.setProperty("spring.backgroundpreinitializer.ignore", "true");
        }
        java.util.logging.LogManager.getLogManager().reset();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
        // serve: Spring Boot's web server keeps the JVM running until it is stopped
    }

    /**
     * Runs a command.
     *
     * @param args the command line
     * @param env  the environment ({@code EMPLOYEE_STORE_URL}, {@code PORT})
     * @param out  standard output
     * @param err  standard error
     * @return the exit code; {@code serve} returns only when it could not start
     */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        List<String> list = List.of(args);
        String command = !list.isEmpty() && !list.get(0).startsWith("-") ? list.get(0) : "serve";
        List<String> rest = !list.isEmpty() && !list.get(0).startsWith("-") ? list.subList(1, list.size()) : list;
        if (rest.contains("--help") || rest.contains("-h") || command.equals("help")) {
            out.print(USAGE);
            return 0;
        }
        Map<String, String> options;
        try {
            options = switch (command) {
                case "serve" -> options(rest, Set.of("--url", "--port", "--host"), Set.of());
                case "copy" -> options(rest, Set.of("--from", "--to", "--chunk", "--writers", "--checkpoint"),
                        Set.of("--merge", "--resume"));
                default -> throw new IllegalArgumentException("unknown command: " + command);
            };
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        return command.equals("copy") ? copy(options, out, err) : serve(options, env, out, err);
    }

    private static Map<String, String> options(List<String> args, Set<String> withValue, Set<String> flags) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (flags.contains(name) && value == null) {
                map.put(name, "true");
            } else if (withValue.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    value = args.get(++i);
                }
                map.put(name, value);
            } else {
                throw new IllegalArgumentException("unknown option: " + a);
            }
        }
        return map;
    }

    private static int serve(Map<String, String> options, Map<String, String> env, PrintStream out,
                             PrintStream err) {
        String url = options.getOrDefault("--url", env.get(EmployeeStores.URL_VARIABLE));
        String portText = options.getOrDefault("--port", env.getOrDefault("PORT", "8080"));
        String host = options.getOrDefault("--host", "127.0.0.1");
        int port;
        try {
            port = Integer.parseInt(portText);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            err.println("the port must be a number between 0 and 65535");
            return 2;
        }
        String effective = url == null || url.isBlank() ? OpenedStore.DEFAULT_URL : url.trim();
        List<String> springArgs = new ArrayList<>(List.of("--server.port=" + port, "--server.address=" + host));
        MotoServer moto = null;
        if (effective.toLowerCase(Locale.ROOT).startsWith(MotoMode.SCHEME)) {
            // a moto server for this process; the store is opened by the starter on its endpoint
            String table = effective.substring(MotoMode.SCHEME.length());
            if (table.contains("?")) {
                err.println("cannot open the employee store: " + MotoMode.SCHEME + " takes no options");
                return 1;
            }
            if (MotoServer.findExecutable().isEmpty()) {
                err.println("cannot open the employee store: " + MotoMode.SCHEME + " needs a moto server: "
                        + MotoServer.notFoundMessage());
                return 1;
            }
            try {
                moto = MotoServer.start();
            } catch (RuntimeException e) {
                err.println("cannot start the moto server: " + e.getMessage());
                return 1;
            }
            System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", MotoMode.ACCESS_KEY));
            System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", MotoMode.SECRET_KEY));
            effective = "dynamodb:" + (table.isEmpty() ? "Employees" : table) + "?region=us-east-1&endpoint="
                    + moto.endpoint();
        }
        springArgs.add("--employee-store.url=" + OpenedStore.resolveH2(effective));
        ConfigurableApplicationContext context;
        StartupWarmUp.initializeClasses();
        try {
            SpringApplication app = new SpringApplication(DirectoryApplication.class);
            app.setRegisterShutdownHook(true);
            context = app.run(springArgs.toArray(String[]::new));
        } catch (RuntimeException e) {
            if (moto != null) {
                moto.close();
            }
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            err.println("cannot start the Employee Directory: " + root.getMessage());
            return 1;
        }
        if (moto != null) {
            MotoServer started = moto;
            context.addApplicationListener((ContextClosedEvent e) -> started.close());
        }
        EmployeeStore store = context.getBean(EmployeeStore.class);
        Path h2 = OpenedStore.h2File(effective);
        out.println("Employee Directory on " + store.description());
        if (h2 != null) {
            out.println("data: " + h2);
        }
        String shownHost = host.equals("0.0.0.0") || host.equals("127.0.0.1") ? "localhost" : host;
        // the JVM's uptime, as Spring's "process running for": the process's start instant that ProcessHandle
        // derives from /proc is only known to the second of the system's boot time, up to a second early
        long millis = jvmUptimeMillis();
        out.println("started" + (millis >= 0 ? " in " + millis + " ms" : "") + "; open http://" + shownHost + ":"
                + context.getEnvironment().getProperty("local.server.port") + "/ (Ctrl-C stops)");
        out.flush();
        return 0;
    }

    private static long jvmUptimeMillis() {
        try {
            return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        } catch (RuntimeException | LinkageError e) { // a runtime without java.management
            return -1L;
        }
    }

    private static int copy(Map<String, String> options, PrintStream out, PrintStream err) {
        String from = options.get("--from");
        String to = options.get("--to");
        if (from == null || to == null) {
            err.println("copy needs --from URL and --to URL");
            err.print(USAGE);
            return 2;
        }
        int chunk;
        int writers;
        try {
            chunk = number(options, "--chunk", CopyCommand.DEFAULT_CHUNK, 1, 50_000);
            writers = number(options, "--writers", CopyCommand.DEFAULT_WRITERS, 1, 16);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        Checkpoint checkpoint = new Checkpoint(Path.of(options.getOrDefault("--checkpoint",
                "employee-directory-copy.checkpoint")), from, to);
        CopyCommand command = new CopyCommand(out, err, System.console() != null, 5_000);
        CopyCommand.Request request = new CopyCommand.Request(chunk, writers, options.containsKey("--merge"),
                options.containsKey("--resume"), checkpoint);
        // H2 closes its databases in a shutdown hook of its own, which would fail the copy's reads with "connection
        // lost" while the copy is stopping on a signal: the copy's own hook closes them, after the batches in flight
        if (SampleMySqlSource.handles(from)) {
            try (SignalStop signal = new SignalStop(command::stop, 120);
                 SampleMySqlSource sample = SampleMySqlSource.open(from, java.time.Clock.systemUTC());
                 OpenedStore target = OpenedStore.open(CopyUrls.withoutH2ShutdownHook(to), true)) {
                err.println("copying from " + sample.label() + " to " + target.label());
                return finish(command.copy(sample, target.store(), request), err);
            } catch (EmployeeStoreException | IllegalStateException | java.io.UncheckedIOException e) {
                err.println("copy FAILED: " + e.getMessage());
                return 1;
            }
        }
        try (SignalStop signal = new SignalStop(command::stop, 120);
             OpenedStore source = OpenedStore.open(CopyUrls.withoutH2ShutdownHook(from), false);
             OpenedStore target = OpenedStore.open(CopyUrls.withoutH2ShutdownHook(to), true)) {
            if (!source.store().schema().exists()) {
                err.println("the source has no employee table: " + source.label());
                return 1;
            }
            err.println("copying from " + source.label() + " to " + target.label());
            if (to.trim().equals("memory:") || to.trim().toLowerCase(java.util.Locale.ROOT)
                    .startsWith(MotoMode.SCHEME)) {
                err.println("note: the target lives in memory and is gone when this command ends; to keep it, start "
                        + "moto_server yourself and copy to dynamodb:TABLE?endpoint=http://127.0.0.1:PORT&region=us-east-1");
            }
            return finish(command.copy(CopySource.of(source.store()), target.store(), request), err);
        } catch (EmployeeStoreException | IllegalStateException | java.io.UncheckedIOException e) {
            err.println("copy FAILED: " + e.getMessage());
            return 1;
        }
    }

    private static int finish(CopyCommand.Result r, PrintStream err) {
        if (r.stopped()) {
            return 130;
        }
        if (!r.ok()) {
            err.println("copy FAILED: " + (r.failures().size() + r.failedEarlier()) + " employee(s) not written"
                    + (r.countsVerified() ? "" : ", counts do not match")
                    + (r.sampleVerified() ? "" : ", sampled employees differ"));
            return 1;
        }
        return 0;
    }

    private static int number(Map<String, String> options, String name, int otherwise, int min, int max) {
        try {
            int n = Integer.parseInt(options.getOrDefault(name, Integer.toString(otherwise)));
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a number between " + min + " and " + max);
    }
}
