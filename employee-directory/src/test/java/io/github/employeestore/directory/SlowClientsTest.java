package io.github.employeestore.directory;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000 connections trickling a request body and 1,000 trickling request headers, one byte every 500 ms, all at
 * once against a server with 200 request threads: normal requests still answer in under a second, and every
 * trickled body is cut at the body deadline (2 s here) with 408. Prints the figures (with the load average: the
 * machine may be shared).
 */
class SlowClientsTest {
    private static final int SLOW_BODIES = 1_000;
    private static final int SLOW_HEADERS = 1_000;
    private static final int BODY_SECONDS = 2;

    @Test
    void tricklingClientsNeitherStarveOthersNorStayForever() throws Exception {
        try (RunningApp app = RunningApp.start(TestSupport.h2MemUrl("slow"),
                "--directory.max-body-seconds=" + BODY_SECONDS)) {
            int threads = Integer.parseInt(app.context().getEnvironment().getProperty("server.tomcat.threads.max"));
            assertThat(SLOW_BODIES).as("more slow bodies than request threads").isGreaterThan(threads);
            int port = URI.create(app.base()).getPort();
            List<Socket> bodies = new ArrayList<>();
            List<Socket> headers = new ArrayList<>();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            for (String path : List.of("/", "/api/employees?limit=5")) { // first renders are not what is measured
                http.send(HttpRequest.newBuilder(URI.create(app.base() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            long opened;
            try {
                for (int i = 0; i < SLOW_BODIES; i++) {
                    Socket s = new Socket("127.0.0.1", port);
                    String target = i % 2 == 0 ? "/api/employees" : "/employees/new";
                    String type = i % 2 == 0 ? "application/json" : "application/x-www-form-urlencoded";
                    s.getOutputStream().write(("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                            + type + "\r\nContent-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                    bodies.add(s);
                }
                for (int i = 0; i < SLOW_HEADERS; i++) {
                    Socket s = new Socket("127.0.0.1", port);
                    s.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                            .getBytes(StandardCharsets.US_ASCII));
                    headers.add(s);
                }
                opened = System.nanoTime();
                Thread trickle = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        for (List<Socket> list : List.of(bodies, headers)) {
                            for (Socket s : list) {
                                try {
                                    OutputStream out = s.getOutputStream();
                                    out.write('x');
                                    out.flush();
                                } catch (java.io.IOException e) {
                                    // cut by the server
                                }
                            }
                        }
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "trickle");
                trickle.setDaemon(true);
                trickle.start();
                Thread.sleep(300);

                List<Long> millis = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String path = i % 2 == 0 ? "/api/employees?limit=5" : "/";
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(app.base() + path))
                            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                    millis.add((System.nanoTime() - t0) / 1_000_000);
                    assertThat(r.statusCode()).isEqualTo(200);
                }
                long t0 = System.nanoTime();
                HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(app.base()
                        + "/api/employees")).POST(HttpRequest.BodyPublishers.ofString("{\"fullName\":\"Fast\"}"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                millis.add((System.nanoTime() - t0) / 1_000_000);
                assertThat(created.statusCode()).isEqualTo(201);

                // every trickled body is answered 408 and closed once the deadline passed
                Thread.sleep(Math.max(0, BODY_SECONDS * 1000L + 1500 - (System.nanoTime() - opened) / 1_000_000));
                int cut = 0;
                for (Socket s : bodies) {
                    if (answered(s, 2_000).startsWith("HTTP/1.1 408")) {
                        cut++;
                    }
                }
                long cutAfter = (System.nanoTime() - opened) / 1_000_000;
                int headersOpen = 0;
                for (Socket s : headers) {
                    headersOpen += answered(s, 1).isEmpty() ? 1 : 0;
                }
                trickle.interrupt();
                long max = millis.stream().mapToLong(Long::longValue).max().orElseThrow();
                System.out.printf(Locale.ROOT, "slow clients: %d trickling bodies + %d trickling headers against %d"
                                + " request threads; 21 normal requests: max %d ms, median %d ms; %d of %d bodies cut"
                                + " with 408 (deadline %d s, checked %d ms after they started); %d header tricklers"
                                + " still open, holding no thread; load average %s%n", SLOW_BODIES, SLOW_HEADERS,
                        threads, max, millis.stream().sorted().toList().get(millis.size() / 2), cut, SLOW_BODIES,
                        BODY_SECONDS, cutAfter, headersOpen, Files.readString(Path.of("/proc/loadavg")).trim());
                assertThat(max).as("the slowest normal request, ms").isLessThan(1_000);
                assertThat(cut).as("trickled bodies cut at the deadline").isEqualTo(SLOW_BODIES);
            } finally {
                for (Socket s : bodies) {
                    s.close();
                }
                for (Socket s : headers) {
                    s.close();
                }
            }
        }
    }

    /** @return what the server sent on the connection within the wait, or "" (nothing yet) */
    private static String answered(Socket s, int waitMillis) throws java.io.IOException {
        s.setSoTimeout(waitMillis);
        InputStream in = s.getInputStream();
        byte[] buf = new byte[64];
        try {
            int n = in.read(buf);
            return n < 0 ? "closed" : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        } catch (SocketTimeoutException e) {
            return "";
        } catch (java.net.SocketException e) {
            return "reset";
        }
    }
}
