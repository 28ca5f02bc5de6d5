package io.github.employeestore.directory;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.testsupport.MotoDynamoDb;

import java.io.IOException;
import java.net.ServerSocket;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * @param variable {@code EMPLOYEE_STORE_MYSQL_URL} or {@code EMPLOYEE_STORE_POSTGRES_URL}
     * @return its URL; the calling test class is skipped with the reason when it is not set (CI sets both)
     */
    static String serverUrl(String variable) {
        String url = System.getenv(variable);
        org.junit.jupiter.api.Assumptions.assumeTrue(url != null && !url.isBlank(),
                variable + " is not set: no server to run against");
        return url;
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

    /**
     * @param fullName the full name
     * @return a draft holding every kind of attribute value, alone and nested, including the ones the edit form
     *         cannot edit (null, binary, sets), a map whose only name is a tag of the JSON form, and a text with a
     *         line break
     */
    static Employee everyKind(String fullName) {
        byte[] bytes = {0, 1, (byte) 0xfe, (byte) 0xff, '"', '<'};
        return Employee.builder().fullName(fullName).jobTitle("Every Kind").location("Kinds")
                .badges(Set.of("a,b", "k"))
                .attribute("text", AttributeValue.of("  two  spaces  "))
                .attribute("multiline", AttributeValue.of("line one\r\nline two\n"))
                .attribute("number", AttributeValue.of(new BigDecimal("1.50")))
                .attribute("huge", AttributeValue.of(new BigDecimal("12345678901234567890123456789012345678E+80")))
                .attribute("flag", AttributeValue.of(false))
                .attribute("nothing", AttributeValue.ofNull())
                .attribute("blob", AttributeValue.of(bytes))
                .attribute("emptyBlob", AttributeValue.of(new byte[0]))
                .attribute("texts", AttributeValue.textSet("x", "y z", "$b"))
                .attribute("numbers", AttributeValue.numberSet(List.of(new BigDecimal("1"), new BigDecimal("2.5"),
                        new BigDecimal("-1E-100"))))
                .attribute("blobs", AttributeValue.binarySet(List.of(bytes, new byte[] {7})))
                .attribute("list", AttributeValue.of(List.of(AttributeValue.of("COBOL"), AttributeValue.ofNull(),
                        AttributeValue.of(bytes), AttributeValue.textSet("q"))))
                .attribute("plainList", AttributeValue.of(List.of(AttributeValue.of("COBOL"),
                        AttributeValue.of(new BigDecimal("1959")))))
                .attribute("tagLike", AttributeValue.of(Map.of("$b", AttributeValue.of("not base64"))))
                .attribute("map", AttributeValue.of(Map.of("ns", AttributeValue.numberSet(List.of(BigDecimal.TEN)),
                        "deep", AttributeValue.of(Map.of("$ss", AttributeValue.of(List.of()))))))
                .build();
    }
}
