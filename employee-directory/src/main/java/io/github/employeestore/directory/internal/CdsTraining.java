package io.github.employeestore.directory.internal;

import io.github.employeestore.directory.EmployeeDirectory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The build's class data sharing training run (see the directory's {@code pom.xml}): run under
 * {@code java -XX:DumpLoadedClassList=LIST}, it starts the directory exactly as {@code serve} does (through
 * {@link EmployeeDirectory#main}), on the H2 URL given as its only argument and a free port, asks for what a first
 * visit asks for (the list page, the new-employee form, a JSON API list and create, the health endpoint), then exits
 * through {@link System#exit}, which stops the app as Ctrl-C does. The JVM has then listed every class it loaded (and
 * the lambdas and method handle forms it generated); {@code java -Xshare:dump} writes them into the archive, which
 * later starts of the same jar map instead of loading and verifying those classes again.
 *
 * <p>Exits non-zero, failing the build, if the app does not start or its list page does not answer 200. Not for use
 * otherwise; not thread-safe (it is a {@code main}).
 */
public final class CdsTraining {
    private static final Pattern STARTED = Pattern.compile("open http://[^:/]+:(\\d+)/");

    private CdsTraining() {
    }

    /**
     * Runs the training.
     *
     * @param args the H2 URL of a throwaway database
     * @throws IOException if a request fails
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !args[0].startsWith("jdbc:h2:")) {
            System.err.println("usage: CdsTraining jdbc:h2:file:THROWAWAY");
            System.exit(2);
        }
        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(console, captured), true, StandardCharsets.UTF_8));
        EmployeeDirectory.main(new String[] {"serve", "--url", args[0], "--port", "0"});
        System.setOut(console);
        Matcher m = STARTED.matcher(captured.toString(StandardCharsets.UTF_8));
        if (!m.find()) {
            System.err.println("the directory did not say on which port it serves");
            System.exit(1);
        }
        String base = "http://127.0.0.1:" + m.group(1);
        int list = request(base + "/", "GET", null);
        request(base + "/employees/new", "GET", null);
        request(base + "/api/employees", "POST",
                "{\"fullName\":\"Ada Lovelace\",\"jobTitle\":\"Engineer\",\"location\":\"London\"}");
        request(base + "/api/employees", "GET", null);
        request(base + "/", "GET", null);
        request(base + "/actuator/health", "GET", null);
        console.println("class data sharing training: GET / answered " + list);
        System.exit(list == 200 ? 0 : 1);
    }

    private static int request(String url, String method, String json) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(30_000);
        c.setReadTimeout(60_000);
        if (json != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream body = c.getOutputStream()) {
                body.write(json.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
        return status;
    }

    /** Writes to the console and keeps a copy, to read the port the directory announces. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final ByteArrayOutputStream second;

        Tee(OutputStream first, ByteArrayOutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
        }
    }
}
