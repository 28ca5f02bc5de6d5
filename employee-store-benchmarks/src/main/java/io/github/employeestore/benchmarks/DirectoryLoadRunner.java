package io.github.employeestore.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP load on the Employee Directory: starts the app's jar as its own process (as a user runs it), seeds 1,000
 * employees and 4 shared counters through the JSON API, then drives {@code wrk} with the mixed load of
 * {@code directory-mixed.lua} (gets, finds, lists, creates and If-Match updates of the counters): 16 connections
 * (one per wrk thread, so each thread's read-then-update state belongs to one connection),
 * 10 s of warm-up, then 30 s measured. Reports req/s and p50/p90/p99, and checks that no update was lost: each
 * counter's value and version grew alike, and by at least the number of updates that were answered 200 (by at most
 * one more per connection: a request in flight when wrk stops is applied but not counted).
 *
 * <pre>
 * mvn -B -q -DskipTests -pl employee-directory,employee-store-benchmarks -am package
 * java -cp "employee-store-benchmarks/target/benchmarks.jar:employee-store-benchmarks/target/lib/*" \
 *     io.github.employeestore.benchmarks.DirectoryLoadRunner [h2] [mariadb]
 * </pre>
 * MariaDB comes from {@code EMPLOYEE_STORE_MYSQL_URL}; {@code -Ddirectory.jvm.options="..."} adds JVM options to the
 * app's command line (e.g. {@code -XX:TieredStopAtLevel=1}, whose steady-state cost the figures then show). {@code wrk} must be installed ({@code apt-get install wrk}).
 */
public final class DirectoryLoadRunner {
    private static final int CONNECTIONS = 16;
    private static final int SECONDS = 30;
    private static final int WARM_UP_SECONDS = 10;
    private static final int EMPLOYEES = 1_000;
    private static final List<String> LOCATIONS = List.of("London", "Paris", "Berlin", "Madrid", "Rome", "Oslo",
            "Vienna", "Prague", "Dublin", "Lisbon");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private DirectoryLoadRunner() {
    }

    /** One measured run. */
    record Result(String target, double rps, double p50, double p90, double p99, double max, long requests,
                  long non2xx, long updatesOk, long updatesConflict, long errors5xx, boolean noLostUpdate,
                  String loadBefore, String loadAfter, double appCpuMicrosPerRequest) {
    }

    public static void main(String[] args) throws Exception {
        List<String> targets = args.length == 0 ? List.of("h2", "mariadb") : List.of(args);
        Path jar = Path.of(System.getProperty("directory.jar", "employee-directory/target/employee-directory.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn -B -q -DskipTests -pl "
                    + "employee-directory,employee-store-benchmarks -am package)");
        }
        List<Result> results = new ArrayList<>();
        for (String target : targets) {
            results.add(run(target, jar));
        }
        System.out.println();
        System.out.println("| target | req/s | p50 ms | p90 ms | p99 ms | max ms | requests | non-2xx (412s) | "
                + "If-Match updates ok / 412 | 5xx | lost updates | load avg before → after | app CPU per request |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Result r : results) {
            System.out.printf("| %s | %,.0f | %.1f | %.1f | %.1f | %.1f | %,d | %,d | %,d / %,d | %d | %s | %s → %s | "
                            + "%.0f µs |%n",
                    r.target(), r.rps(), r.p50(), r.p90(), r.p99(), r.max(), r.requests(), r.non2xx(),
                    r.updatesOk(), r.updatesConflict(), r.errors5xx(), r.noLostUpdate() ? "none" : "LOST",
                    r.loadBefore(), r.loadAfter(), r.appCpuMicrosPerRequest());
        }
        System.out.println("| old app (JDK HttpServer), last figures | 350 | | | 55–76 | | | | | | | | |");
    }

    private static Result run(String target, Path jar) throws Exception {
        Path work = Files.createTempDirectory("directory-load-");
        String url = switch (target) {
            case "h2" -> "jdbc:h2:file:" + work.resolve("directory");
            case "mariadb" -> {
                String my = System.getenv("EMPLOYEE_STORE_MYSQL_URL");
                if (my == null || my.isBlank()) {
                    throw new IllegalStateException("EMPLOYEE_STORE_MYSQL_URL is not set");
                }
                yield "jdbc:mariadb:" + my.substring("jdbc:mysql:".length()) + (my.contains("?") ? "&" : "?")
                        + "table=load_" + UUID.randomUUID().toString().substring(0, 8);
            }
            default -> throw new IllegalArgumentException("unknown target " + target + " (h2, mariadb)");
        };
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
        // e.g. -Ddirectory.jvm.options=-XX:TieredStopAtLevel=1, to compare the steady-state cost of JVM options
        for (String option : System.getProperty("directory.jvm.options", "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--port", Integer.toString(port), "--url",
                url));
        Process app = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        try {
            awaitStarted(app);
            String base = "http://127.0.0.1:" + port;
            System.out.println("[" + target + "] seeding " + EMPLOYEES + " employees");
            List<String> ids = seed(base);
            List<String> counters = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                counters.add(id(post(base, "{\"fullName\":\"Counter " + i + "\",\"attributes\":{\"n\":0}}")));
            }
            Path script = Files.createTempFile(work, "mixed", ".lua");
            try (InputStream in = DirectoryLoadRunner.class.getResourceAsStream("directory-mixed.lua")) {
                Files.write(script, in.readAllBytes());
            }
            Path data = work.resolve("ids.lua");
            Files.writeString(data, "IDS = {" + quoted(ids) + "}\nLOCATIONS = {" + quoted(LOCATIONS) + "}\n"
                    + "COUNTERS = {" + quoted(counters) + "}\n");
            System.out.println("[" + target + "] warming up for " + WARM_UP_SECONDS + " s");
            wrk(base, script, data, WARM_UP_SECONDS);
            Map<String, long[]> before = counters(base, counters);
            String loadBefore = loadAverage();
            long cpuBefore = cpuNanos(app);
            System.out.println("[" + target + "] measuring for " + SECONDS + " s, " + CONNECTIONS + " connections");
            String out = wrk(base, script, data, SECONDS);
            long cpuUsed = cpuNanos(app) - cpuBefore;
            String loadAfter = loadAverage();
            System.out.print(out);
            Map<String, long[]> after = counters(base, counters);
            long ok = group(out, "COUNTERS ok=(\\d+)");
            boolean consistent = true;
            long grown = 0;
            for (String c : counters) {
                long dn = after.get(c)[0] - before.get(c)[0];
                long dv = after.get(c)[1] - before.get(c)[1];
                consistent &= dn == dv;
                grown += dn;
            }
            // every update answered 200 must be in the counters; at most one request per connection may have been
            // applied after wrk stopped counting (in flight at the end of the warm-up and of the run)
            boolean noLostUpdate = consistent && grown >= ok && grown - ok <= 2L * CONNECTIONS;
            System.out.println("[" + target + "] counters grew by " + grown + " (value and version alike: "
                    + consistent + "); updates answered 200: " + ok + " (" + (grown - ok) + " in flight when wrk "
                    + "stopped)" + (noLostUpdate ? ": no lost update" : ": LOST UPDATES"));
            return new Result(target, decimal(out, "rps=([\\d.]+)"), decimal(out, "p50=([\\d.]+)"),
                    decimal(out, "p90=([\\d.]+)"), decimal(out, "p99=([\\d.]+)"), decimal(out, "max=([\\d.]+)"),
                    group(out, "REQUESTS total=(\\d+)"), group(out, "REQUESTS .* non2xx=(\\d+)"), ok,
                    group(out, "conflict=(\\d+)"), group(out, "errors5xx=(\\d+)"), noLostUpdate, loadBefore,
                    loadAfter, cpuUsed / 1000.0 / Math.max(1, group(out, "REQUESTS total=(\\d+)")));
        } finally {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    private static void awaitStarted(Process app) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        String line;
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline && (line = in.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains("open http://")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (in.readLine() != null) {
                            // discard
                        }
                    } catch (IOException e) {
                        // ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new IllegalStateException("the app did not start:\n" + seen);
    }

    private static List<String> seed(String base) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < EMPLOYEES; i++) {
                int n = i;
                created.add(pool.submit(() -> id(post(base, "{\"fullName\":\"Seed " + n + "\",\"location\":\""
                        + LOCATIONS.get(n % LOCATIONS.size()) + "\",\"jobTitle\":\"Engineer\",\"badges\":[\"b"
                        + (n % 7) + "\"]}"))));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : created) {
                ids.add(f.get());
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String post(String base, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/employees"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("seeding failed: " + r.statusCode());
        }
        return r.body();
    }

    private static String id(String json) {
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in the answer");
        }
        return m.group(1);
    }

    private static Map<String, long[]> counters(String base, List<String> ids) throws Exception {
        Map<String, long[]> values = new LinkedHashMap<>();
        for (String id : ids) {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/employees/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            values.put(id, new long[]{group(body, "\"n\":(\\d+)"), group(body, "\"version\":(\\d+)")});
        }
        return values;
    }

    private static String wrk(String base, Path script, Path data, int seconds) throws Exception {
        Process p = new ProcessBuilder("wrk", "-t" + CONNECTIONS, "-c" + CONNECTIONS, "-d" + seconds + "s", "--timeout", "10s",
                "-s", script.toString(), base, "--", data.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        return out;
    }

    private static String quoted(List<String> values) {
        StringBuilder b = new StringBuilder();
        for (String v : values) {
            b.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append("\",");
        }
        return b.toString();
    }

    /** @return the CPU time the app's process has used (all its threads), in nanoseconds */
    private static long cpuNanos(Process app) {
        return app.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static long group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static double decimal(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
