package io.github.employeestore.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A moto server ({@code moto_server}, the open-source AWS mock of the Python package {@code moto}, Apache-2.0) run
 * as a child process on a free loopback port: a DynamoDB-compatible endpoint reached over real HTTP.
 *
 * <p>Lifecycle. {@link #start()} finds {@code moto_server} ({@link #findExecutable()}), starts it on port 0 so that
 * it binds a free port itself (no race with other processes), reads the port it bound from its first output line, and
 * waits until it answers HTTP. {@link #close()} stops it by its process handle and waits until it is gone. Nothing
 * is left behind when the JVM ends:
 * <ul>
 *   <li>on a normal exit, a shutdown hook closes the server;</li>
 *   <li>when the JVM dies without running hooks (SIGKILL, a crash), a parent-death check stops it: on systems with
 *       {@code /bin/sh}, moto is started through a small shell watchdog that holds the read end of a pipe whose only
 *       write end is this JVM's. The kernel closes that pipe when the JVM dies, however it dies, and the watchdog
 *       then terminates moto. The watchdog also exits when moto does, so a server that died is noticed at once.</li>
 * </ul>
 * On systems without {@code /bin/sh}, moto is started directly and only the shutdown hook applies.
 *
 * <p>Transactions. moto backs up, with a deep copy, every table a {@code TransactWriteItems} touches (once per item
 * of the transaction) before applying it, and restores the backup when it cancels the transaction, so a transaction
 * costs time in proportion to the tables (16.7 s for 20 transactions of 10 updates on a 2,000-item table). The
 * server is started with a {@code sitecustomize.py} of this module first on its {@code PYTHONPATH}, which makes that
 * backup copy only the table's item map and the items the transaction names (0.29 s for the same 20 transactions).
 * A cancelled transaction restores the same state as before: the items it names are put back as they were, and
 * the other items are the ones it did not change. Where moto would put back a whole table over a concurrent request's
 * writes, this keeps the writes to the items the transaction does not name. A moto of another internal layout is
 * left as it is.
 *
 * <p>This class needs the JDK only (no JUnit, no SDK), so an application can use it as a launcher.
 *
 * <p>Thread-safe.
 */
public final class MotoServer implements AutoCloseable {
    /** How to install {@code moto_server}, for messages. */
    public static final String INSTALL_HINT = "pip install \"moto[server]\"";
    /** Environment variable naming the {@code moto_server} executable to use instead of the one on the PATH. */
    public static final String EXECUTABLE_ENV = "EMPLOYEE_STORE_MOTO_SERVER";
    /** The executable's name. */
    public static final String EXECUTABLE = "moto_server";

    private static final Pattern RUNNING_ON = Pattern.compile("Running on https?://[^:/\\s]+:(\\d+)");
    private static final Pattern PID = Pattern.compile("^moto_server pid (\\d+)$");
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_LINES_KEPT = 40;

    /*
     * The watchdog. $0 is moto_server, $1 the host. File descriptor 3 duplicates the pipe on standard input, because
     * an asynchronous list in a non-interactive shell gets /dev/null as standard input; moto gets /dev/null too, so
     * that it never holds the pipe. The reader in the background returns at end of file: when this JVM closed the pipe
     * (close()) or died. It then terminates moto; the foreground waits for moto and exits with its status, so the
     * watchdog also ends when moto ends on its own (the reader is killed with KILL, which no inherited trap can
     * catch, and holds no output pipe). A TERM, INT or HUP sent to the watchdog is passed on to moto.
     */
    private static final String WATCHDOG = String.join("\n",
            "exec 3<&0",
            "\"$0\" -H \"$1\" -p 0 </dev/null &",
            "moto=$!",
            "echo \"moto_server pid $moto\"",
            "( while read -r _ <&3; do :; done; kill -TERM \"$moto\" 2>/dev/null ) </dev/null >/dev/null 2>&1 &",
            "reader=$!",
            "exec 3<&-",
            "trap 'kill -TERM \"$moto\" 2>/dev/null' TERM INT HUP",
            "wait \"$moto\"",
            "status=$?",
            "kill -KILL \"$reader\" 2>/dev/null",
            "exit \"$status\"");

    private static Path patchDirectory;

    private final Process process;
    private final ProcessHandle server;
    private final URI endpoint;
    private final Deque<String> log;
    private final Thread shutdownHook;
    private boolean closed;

    private MotoServer(Process process, ProcessHandle server, URI endpoint, Deque<String> log) {
        this.process = process;
        this.server = server;
        this.endpoint = endpoint;
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "moto-server-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Finds {@code moto_server}: the file named by {@value #EXECUTABLE_ENV} when set, else the first executable
     * {@code moto_server} (on Windows also {@code moto_server.exe}) in a directory of the {@code PATH}.
     *
     * @return the executable, or empty when there is none
     */
    public static Optional<Path> findExecutable() {
        String explicit = System.getenv(EXECUTABLE_ENV);
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit.strip());
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> names = windows ? List.of(EXECUTABLE + ".exe", EXECUTABLE + ".cmd", EXECUTABLE) : List.of(EXECUTABLE);
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : names) {
                Path candidate;
                try {
                    candidate = Path.of(dir).resolve(name);
                } catch (RuntimeException e) {
                    continue;
                }
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** @return a one-line message saying that moto_server is missing and how to install it */
    public static String notFoundMessage() {
        return EXECUTABLE + " not found on the PATH (nor named by " + EXECUTABLE_ENV + "); install it with: "
                + INSTALL_HINT;
    }

    /**
     * Starts {@code moto_server} found by {@link #findExecutable()}.
     *
     * @return the running server; the caller closes it (or leaves it to the shutdown hook)
     * @throws IllegalStateException when it is not installed (the message says how to install it), or does not
     *                               start or answer within a minute (the message carries its last output)
     */
    public static MotoServer start() {
        return start(findExecutable().orElseThrow(() -> new IllegalStateException(notFoundMessage())),
                DEFAULT_START_TIMEOUT);
    }

    /**
     * Starts the given {@code moto_server} on 127.0.0.1 and a free port.
     *
     * @param executable the {@code moto_server} executable
     * @param timeout    how long to wait for it to answer
     * @return the running server; the caller closes it (or leaves it to the shutdown hook)
     * @throws IllegalStateException when it does not start or answer in time (the message carries its last output)
     */
    public static MotoServer start(Path executable, Duration timeout) {
        String host = "127.0.0.1";
        List<String> command = new ArrayList<>();
        Path sh = Path.of("/bin/sh");
        boolean watched = Files.isExecutable(sh);
        if (watched) {
            command.addAll(List.of(sh.toString(), "-c", WATCHDOG, executable.toString(), host));
        } else {
            command.addAll(List.of(executable.toString(), "-H", host, "-p", "0"));
        }
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            Optional<Path> patches = transactionPatch();
            if (patches.isPresent()) {
                String inherited = builder.environment().get("PYTHONPATH");
                builder.environment().put("PYTHONPATH", patches.get() + (inherited == null || inherited.isEmpty()
                        ? "" : java.io.File.pathSeparator + inherited));
                builder.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // nothing left in the patch's directory
            }
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + executable + ": " + e.getMessage(), e);
        }
        Deque<String> log = new ArrayDeque<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        CompletableFuture<Long> pid = new CompletableFuture<>();
        Thread drain = new Thread(() -> drain(process, log, port, pid), "moto-server-output");
        drain.setDaemon(true);
        drain.start();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            int bound = awaitPort(process, port, deadline, executable, log);
            URI endpoint = URI.create("http://" + host + ":" + bound);
            awaitAnswer(process, endpoint, deadline, executable, log);
            ProcessHandle server = watched
                    ? ProcessHandle.of(pid.getNow(-1L)).orElseThrow(() -> failure(executable, "is gone", log))
                    : process.toHandle();
            return new MotoServer(process, server, endpoint, log);
        } catch (RuntimeException e) {
            destroy(process);
            throw e;
        }
    }

    /** The directory of the transaction backup patch (see the class comment), written once per JVM. */
    private static synchronized Optional<Path> transactionPatch() {
        if (patchDirectory == null) {
            try (var in = MotoServer.class.getResourceAsStream("moto/sitecustomize.py")) {
                if (in == null) {
                    return Optional.empty();
                }
                Path dir = Files.createTempDirectory("moto-patch");
                Path file = dir.resolve("sitecustomize.py");
                Files.copy(in, file);
                dir.toFile().deleteOnExit();
                file.toFile().deleteOnExit();
                patchDirectory = dir;
            } catch (IOException e) {
                return Optional.empty(); // moto as it is: slower transactions, the same results
            }
        }
        return Optional.of(patchDirectory);
    }

    private static void drain(Process process, Deque<String> log, CompletableFuture<Integer> port,
                              CompletableFuture<Long> pid) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!pid.isDone()) {
                    Matcher m = PID.matcher(line);
                    if (m.find()) {
                        pid.complete(Long.parseLong(m.group(1)));
                        continue;
                    }
                }
                if (!port.isDone()) {
                    Matcher m = RUNNING_ON.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
                synchronized (log) {
                    log.addLast(line);
                    if (log.size() > LOG_LINES_KEPT) {
                        log.removeFirst();
                    }
                }
            }
        } catch (IOException ignored) {
            // the process ended
        } finally {
            port.complete(-1);
            pid.complete(-1L);
        }
    }

    private static int awaitPort(Process process, CompletableFuture<Integer> port, long deadline, Path executable,
                                 Deque<String> log) {
        try {
            int p = port.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (p <= 0) {
                throw failure(executable, "exited before it listened" + exitStatus(process), log);
            }
            return p;
        } catch (java.util.concurrent.TimeoutException e) {
            throw failure(executable, "did not say which port it listens on in time", log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(executable, "interrupted while starting", log);
        } catch (java.util.concurrent.ExecutionException e) {
            throw failure(executable, "failed: " + e.getCause(), log);
        }
    }

    private static void awaitAnswer(Process process, URI endpoint, long deadline, Path executable,
                                    Deque<String> log) {
        while (true) {
            if (!process.isAlive()) {
                throw failure(executable, "exited" + exitStatus(process), log);
            }
            if (answers(endpoint)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw failure(executable, "did not answer at " + endpoint + " in time", log);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(executable, "interrupted while starting", log);
            }
        }
    }

    private static boolean answers(URI endpoint) {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            try {
                return c.getResponseCode() > 0;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static String exitStatus(Process process) {
        try {
            return process.isAlive() ? "" : " with status " + process.exitValue();
        } catch (IllegalThreadStateException e) {
            return "";
        }
    }

    private static IllegalStateException failure(Path executable, String what, Deque<String> log) {
        return new IllegalStateException(executable + " " + what + "; its last output:\n" + tail(log));
    }

    private static String tail(Deque<String> log) {
        synchronized (log) {
            return log.isEmpty() ? "(none)" : String.join("\n", log);
        }
    }

    /** @return the endpoint, {@code http://127.0.0.1:PORT} */
    public URI endpoint() {
        return endpoint;
    }

    /** @return the moto server's own process (not the watchdog's) */
    public ProcessHandle process() {
        return server;
    }

    /** @return whether the server is still running */
    public boolean isAlive() {
        return process.isAlive() && server.isAlive();
    }

    /** @return the last lines moto printed (its request log), for diagnostics */
    public String lastOutput() {
        return tail(log);
    }

    /**
     * Empties every table of every service of this server (moto's {@code POST /moto-api/reset}).
     *
     * @throws IllegalStateException when the server does not confirm
     */
    public void reset() {
        reset(endpoint);
    }

    /**
     * Empties every table of every service of the moto server at that endpoint ({@code POST /moto-api/reset}).
     *
     * @param endpoint a moto endpoint
     * @throws IllegalStateException when the server does not confirm
     */
    public static void reset(URI endpoint) {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/reset").toURL().openConnection();
            c.setRequestMethod("POST");
            c.setConnectTimeout(2000);
            c.setReadTimeout(30_000);
            int status = c.getResponseCode();
            c.disconnect();
            if (status != 200) {
                throw new IllegalStateException("moto reset answered HTTP " + status);
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto reset failed: " + e.getMessage(), e);
        }
    }

    /** Stops the server and waits until it is gone. Idempotent. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down
        }
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> all = new ArrayList<>();
        all.add(server);
        process.descendants().forEach(all::add);
        try {
            // closing the pipe is what the watchdog waits for: it terminates moto and exits
            OutputStream in = process.getOutputStream();
            in.close();
        } catch (IOException ignored) {
            // already closed
        }
        if (process.toHandle().equals(server)) {
            server.destroy();
        }
        if (!waitFor(process.toHandle(), STOP_TIMEOUT) || !waitFor(server, STOP_TIMEOUT)) {
            all.forEach(ProcessHandle::destroyForcibly);
            destroy(process);
        }
        for (ProcessHandle h : all) {
            waitFor(h, STOP_TIMEOUT);
        }
    }

    private static boolean waitFor(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        } catch (Exception e) {
            return !handle.isAlive();
        }
    }

    private static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "moto_server at " + endpoint + " (pid " + server.pid() + ")";
    }
}
