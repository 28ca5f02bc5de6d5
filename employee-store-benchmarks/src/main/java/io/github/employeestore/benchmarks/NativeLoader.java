package io.github.employeestore.benchmarks;

import io.github.employeestore.Employee;
import io.github.employeestore.spi.EmployeeCodec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The database's own loader fed a prepared file, the baseline of the bulk-load comparison: PostgreSQL's
 * {@code psql \copy} and MariaDB's {@code mariadb} client running {@code LOAD DATA LOCAL INFILE}. The file is the
 * tab-separated text both read (backslash escapes, {@code \N} for NULL), written once before the timing, with the
 * same JSON the library writes. Not thread-safe.
 */
final class NativeLoader {
    private static final String COLUMNS = "id, full_name, job_title, location, badges, photo_key, attributes,"
            + " version, created_at, updated_at";

    private final String jdbcUrl;
    private final boolean postgres;

    /**
     * @param jdbcUrl the database's JDBC URL ({@code jdbc:postgresql://host:port/db?user=...} or
     *                {@code jdbc:mariadb://...})
     */
    NativeLoader(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
        this.postgres = jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** @return the loader's name for the table */
    String name() {
        return postgres ? "psql \\copy" : "mariadb LOAD DATA LOCAL INFILE";
    }

    /**
     * Writes the rows as the loaders' text format.
     *
     * @param employees the rows
     * @param file      the file
     * @throws IOException on failure
     */
    static void writeFile(Collection<Employee> employees, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder(512);
            for (Employee e : employees) {
                line.setLength(0);
                text(line, e.id()).append('\t');
                text(line, e.fullName()).append('\t');
                text(line, e.jobTitle()).append('\t');
                text(line, e.location()).append('\t');
                text(line, EmployeeCodec.badgesToJson(e.badges())).append('\t');
                text(line, e.photoKey()).append('\t');
                text(line, EmployeeCodec.attributesToJson(e.attributes())).append('\t');
                line.append(e.version()).append('\t').append(e.createdAt().toEpochMilli()).append('\t')
                        .append(e.updatedAt().toEpochMilli()).append('\n');
                w.append(line);
            }
        }
    }

    private static StringBuilder text(StringBuilder sb, String s) {
        if (s == null) {
            return sb.append("\\N");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb;
    }

    /**
     * Loads the file into the (empty) table with the database's own client, timed from the start of the client
     * process to its end.
     *
     * @param file  the prepared file
     * @param table the table (plain name)
     * @return seconds
     * @throws Exception when the client fails
     */
    double load(Path file, String table) throws Exception {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        Map<String, String> query = query(uri.getRawQuery());
        String db = uri.getPath().substring(1);
        List<String> command = new ArrayList<>();
        if (postgres) {
            command.addAll(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", uri.getHost(), "-p",
                    String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()), "-U",
                    query.getOrDefault("user", "postgres"), "-d", db, "-c",
                    "\\copy " + table + " (" + COLUMNS + ") FROM '" + file + "'"));
        } else {
            command.addAll(List.of("mariadb", "--local-infile=1", "-h", uri.getHost(), "-P",
                    String.valueOf(uri.getPort() < 0 ? 3306 : uri.getPort()), "-u", query.getOrDefault("user", "root"),
                    db, "-e", "LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE `" + table + "` CHARACTER SET utf8mb4"
                            + " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (" + COLUMNS
                            + ")"));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (query.containsKey("password")) {
            pb.environment().put(postgres ? "PGPASSWORD" : "MYSQL_PWD", query.get("password"));
        }
        long t0 = System.nanoTime();
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(name() + " failed: " + output.strip());
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new java.util.HashMap<>();
        if (raw != null) {
            for (String part : raw.split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    out.put(part.substring(0, eq), java.net.URLDecoder.decode(part.substring(eq + 1),
                            StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
