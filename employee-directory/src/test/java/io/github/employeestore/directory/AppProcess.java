package io.github.employeestore.directory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app as a user starts it: a separate JVM in a working directory, no URL given unless the arguments say, on a
 * free port; stopped with SIGTERM ({@link #stop()}) or SIGKILL ({@link #kill()}).
 *
 * @param process the JVM
 * @param url     the URL it said to open, {@code http://localhost:PORT/}
 * @param output  its output lines so far (synchronized on itself)
 */
record AppProcess(Process process, String url, List<String> output) {
    private static final Pattern OPEN = Pattern.compile("open (http://localhost:(\\d+)/)");

    /**
     * @param workDir the working directory
     * @param args    more arguments after {@code --port 0}
     * @return the started app, once it said where to open it
     */
    static AppProcess start(Path workDir, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                EmployeeDirectory.class.getName(), "--port", "0"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().remove("EMPLOYEE_STORE_URL");
        pb.environment().remove("PORT");
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = in.readLine()) != null) {
            synchronized (lines) {
                lines.add(line);
            }
            Matcher m = OPEN.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        String l;
                        while ((l = in.readLine()) != null) {
                            synchronized (lines) {
                                lines.add(l);
                            }
                        }
                    } catch (java.io.IOException e) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return new AppProcess(p, m.group(1), lines);
            }
        }
        p.destroyForcibly();
        throw new AssertionError("the app did not say where to open it; output: " + lines);
    }

    /** SIGTERM, and the app must end within 30 s. */
    void stop() throws InterruptedException {
        process.destroy();
        boolean ended = process.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as("the app stops within 30 s of SIGTERM").isTrue();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
}
