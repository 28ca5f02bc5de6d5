package io.github.employeestore.testsupport.internal;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.net.URI;
import java.time.Duration;

/**
 * The container path: a {@code motoserver/moto} image as a Testcontainers generic container, for machines with
 * Docker but without {@code moto_server}. Testcontainers' own reaper removes the container when the JVM ends, also
 * when it is killed. Not API.
 */
public final class MotoContainer {
    private static final int PORT = 5000;

    private MotoContainer() {
    }

    /** @return {@code null} when Docker is available, else why not */
    public static String dockerUnavailableReason() {
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? null : "Docker is not available";
        } catch (NoClassDefFoundError e) {
            return "org.testcontainers:testcontainers is not on the test class path";
        } catch (RuntimeException e) {
            return "Docker is not available (" + e.getMessage() + ")";
        }
    }

    /**
     * @param image the moto image
     * @return the endpoint of a started container, stopped when the JVM exits
     */
    @SuppressWarnings("resource") // stopped at JVM exit by the shutdown hook and Testcontainers' reaper
    public static URI start(String image) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withExposedPorts(PORT)
                .waitingFor(Wait.forHttp("/moto-api/").forPort(PORT).withStartupTimeout(Duration.ofMinutes(2)));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "moto-container-stop"));
        return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(PORT));
    }
}
