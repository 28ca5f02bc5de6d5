package io.github.employeestore.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The original Employee Directory sample's DynamoDB access, as its Flask app does it with boto3
 * ({@code sample/sample_app_dynamo.py}, whose docstring lists the commands), run as a Python process against the
 * shared moto server: tests use it to write and read the sample's table side by side with the library.
 *
 * <p>Thread-safe.
 */
public final class SampleFlaskApp {
    private static Path script;

    private SampleFlaskApp() {
    }

    /**
     * @return {@code null} when python3 with boto3 can run the sample, else the reason it cannot; on CI (where it
     *         must run) an {@link IllegalStateException} instead
     */
    public static String unavailableReason() {
        boolean boto3;
        try {
            boto3 = new ProcessBuilder("python3", "-c", "import boto3").redirectErrorStream(true).start()
                    .waitFor() == 0;
        } catch (IOException e) {
            boto3 = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            boto3 = false;
        }
        if (!boto3 && MotoDynamoDb.onCi()) {
            throw new IllegalStateException("CI needs python3 with boto3 (pip install boto3) for the sample tests");
        }
        return boto3 ? null : "python3 with boto3 is not installed (pip install boto3): the sample app's own boto3 "
                + "reads and writes cannot run";
    }

    /**
     * Runs one command of the sample's boto3 code on a table of the shared moto server.
     *
     * @param table the table
     * @param args  the command and its arguments ({@code create-table}, {@code add ...}, {@code update ...},
     *              {@code get ID}, {@code view ID}, {@code scan})
     * @return its JSON output
     * @throws IllegalStateException if the script fails or does not end within a minute
     */
    public static String run(String table, String... args) {
        List<String> command = new ArrayList<>(List.of("python3", script().toString(),
                MotoDynamoDb.shared().endpoint().toString(), table));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("AWS_ACCESS_KEY_ID", MotoDynamoDb.ACCESS_KEY);
        pb.environment().put("AWS_SECRET_ACCESS_KEY", MotoDynamoDb.SECRET_KEY);
        pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("boto3 script " + args[0] + " failed: " + err);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * @param json the output of {@code add}
     * @return the id it names
     */
    public static String idOf(String json) {
        return json.replaceAll(".*\"id\": \"([^\"]+)\".*", "$1");
    }

    private static synchronized Path script() {
        if (script == null) {
            try (InputStream in = SampleFlaskApp.class.getResourceAsStream("/sample/sample_app_dynamo.py")) {
                Path file = Files.createTempFile("sample_app_dynamo", ".py");
                file.toFile().deleteOnExit();
                Files.write(file, in.readAllBytes());
                script = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return script;
    }
}
