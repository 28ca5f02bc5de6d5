package io.github.employeestore.spring.sample;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A moto server ({@code moto_server}) as a child process on a free loopback port, started once per JVM and stopped
 * when the JVM exits. Tests that need it are skipped, with an install hint, where it is missing, and fail on CI.
 */
final class MotoServer {
    private static MotoServer shared;

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static synchronized MotoServer shared() {
        if (shared == null) {
            shared = start();
            MotoServer s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
        }
        return shared;
    }

    URI endpoint() {
        return endpoint;
    }

    private static MotoServer start() {
        boolean installed = System.getenv("PATH") != null && java.util.Arrays.stream(
                        System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "moto_server")));
        if (!installed && System.getenv("CI") == null) {
            Assumptions.abort("moto_server is not installed (pip install 'moto[server]')");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            Process p = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("moto_server exited with " + p.exitValue());
                }
                try {
                    HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
                    c.setConnectTimeout(500);
                    c.getResponseCode();
                    c.disconnect();
                    return new MotoServer(p, endpoint);
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            p.destroyForcibly();
            throw new IllegalStateException("moto_server did not start within 30 s");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto_server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
