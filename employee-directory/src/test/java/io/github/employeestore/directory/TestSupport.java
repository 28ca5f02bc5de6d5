package io.github.employeestore.directory;

import io.github.employeestore.testsupport.MotoDynamoDb;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.UUID;

/** Shared helpers of the directory's tests. */
final class TestSupport {
    private TestSupport() {
    }

    /**
     * @param table a table name
     * @return a {@code dynamodb:} URL of that table on the shared moto server of the test JVM (credentials from the
     *         system properties the build sets)
     */
    static String dynamoDbUrl(String table) {
        URI endpoint = MotoDynamoDb.shared().endpoint();
        return "dynamodb:" + table + "?region=us-east-1&endpoint=" + endpoint;
    }

    /** @return a fresh in-memory H2 URL that lives until the JVM exits */
    static String h2MemUrl(String prefix) {
        return "jdbc:h2:mem:" + prefix + "_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
    }

    /** @return a table name not used before */
    static String uniqueTable(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** @return a loopback port nobody listens on (at the time of the call) */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
