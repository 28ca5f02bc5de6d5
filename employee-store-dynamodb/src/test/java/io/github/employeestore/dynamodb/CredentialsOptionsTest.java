package io.github.employeestore.dynamodb;

import com.sun.net.httpserver.HttpServer;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.EmployeeStores;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreOptions;
import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Credentials as options of a {@code dynamodb:} URL: which key pair signs the requests (read from the
 * {@code Authorization} header the SDK sends to a loopback endpoint that records it), a loopback moto server without
 * any credentials in the environment, and secrets never shown. The build sets {@code aws.accessKeyId} for the other
 * tests; these clear it.
 */
@MotoTest
class CredentialsOptionsTest {
    private static final String SECRET = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";

    private String savedKey;
    private String savedSecret;
    private String savedFile;

    @BeforeEach
    void noCredentialsInTheEnvironment() {
        savedKey = System.clearProperty("aws.accessKeyId");
        savedSecret = System.clearProperty("aws.secretAccessKey");
        savedFile = System.getProperty("aws.sharedCredentialsFile");
    }

    @AfterEach
    void restore() {
        restore("aws.accessKeyId", savedKey);
        restore("aws.secretAccessKey", savedSecret);
        restore("aws.sharedCredentialsFile", savedFile);
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }

    /** The access key id of the requests sent to a recording endpoint, and what the failing call said. */
    private static String signingKeyOf(StoreOptions options) throws IOException {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{\"__type\":\"com.amazon.coral.service#InternalFailure\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (EmployeeStore store = EmployeeStores.open("dynamodb:Recorded?region=eu-west-1&endpoint=http://127.0.0.1:"
                + server.getAddress().getPort(), options)) {
            assertThat(store.description()).doesNotContain(SECRET);
            EmployeeStoreException e = catchThrowableOfType(EmployeeStoreException.class, () -> store.get("a"));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).doesNotContain(SECRET);
        } finally {
            server.stop(0);
        }
        assertThat(authorizations).isNotEmpty();
        String header = authorizations.get(0);
        int at = header.indexOf("Credential=");
        assertThat(at).as(header).isNotNegative();
        return header.substring(at + "Credential=".length(), header.indexOf('/', at));
    }

    @Test
    @DisplayName("a static key pair given as options signs the requests")
    void staticKeyPair() throws IOException {
        assertThat(signingKeyOf(StoreOptions.builder().option("accessKeyId", "AKIDSTATICPAIR")
                .option("secretAccessKey", SECRET).build())).isEqualTo("AKIDSTATICPAIR");
    }

    @Test
    @DisplayName("a named profile of a credentials file signs the requests")
    void profile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("credentials");
        Files.writeString(file, "[hr]\naws_access_key_id = AKIDFROMPROFILE\naws_secret_access_key = " + SECRET + "\n");
        System.setProperty("aws.sharedCredentialsFile", file.toString());
        assertThat(signingKeyOf(StoreOptions.builder().option("profile", "hr").build())).isEqualTo("AKIDFROMPROFILE");
    }

    @Test
    @DisplayName("a loopback endpoint without credentials anywhere is signed with a placeholder pair")
    void loopbackWithoutCredentials() throws IOException {
        String environmentKey = System.getenv("AWS_ACCESS_KEY_ID");
        assertThat(signingKeyOf(StoreOptions.builder().build()))
                .isEqualTo(environmentKey != null ? environmentKey : "local-endpoint");
    }

    @Test
    @DisplayName("a moto server works without credentials in the environment, and the store says it is not Amazon's")
    void motoWithoutCredentials() {
        String url = "dynamodb:" + MotoDynamoDb.shared().uniqueTableName("creds") + "?region=us-east-1&endpoint="
                + MotoDynamoDb.shared().endpoint();
        try (EmployeeStore store = EmployeeStores.open(url)) {
            store.schema().create();
            Employee ada = store.create(Employee.builder().fullName("Ada").build());
            assertThat(store.get(ada.id())).contains(ada);
            assertThat(store.description()).startsWith("DynamoDB-compatible endpoint http://127.0.0.1:")
                    .doesNotContain("Amazon");
            store.schema().drop();
        }
    }

    @Test
    @DisplayName("half a key pair, a token alone, or keys with a profile are configuration errors naming the options only")
    void badCombinations() {
        String url = "dynamodb:T?region=us-east-1&endpoint=http://127.0.0.1:1";
        assertThatThrownBy(() -> EmployeeStores.open(url, StoreOptions.builder().option("accessKeyId", "AKIDHALF")
                .build())).isInstanceOf(StoreConfigurationException.class).hasMessageContaining("secretAccessKey")
                .hasMessageNotContaining("AKIDHALF");
        assertThatThrownBy(() -> EmployeeStores.open(url, StoreOptions.builder().option("secretAccessKey", SECRET)
                .build())).isInstanceOf(StoreConfigurationException.class).hasMessageContaining("accessKeyId")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> EmployeeStores.open(url, StoreOptions.builder().option("sessionToken", SECRET)
                .build())).isInstanceOf(StoreConfigurationException.class).hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> EmployeeStores.open(url, StoreOptions.builder().option("accessKeyId", "AKIDBOTH")
                .option("secretAccessKey", SECRET).option("profile", "hr").build()))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("not both")
                .hasMessageNotContaining(SECRET);
    }
}
