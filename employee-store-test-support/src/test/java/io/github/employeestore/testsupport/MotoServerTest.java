package io.github.employeestore.testsupport;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The launcher: a free port, an answer over HTTP, a reset, and no process left behind however the JVM ends. */
@MotoTest
class MotoServerTest {

    @Test
    @DisplayName("a started server answers DynamoDB calls on its own port; close() stops its process")
    void startAndClose() {
        MotoServer server = MotoServer.start();
        ProcessHandle process = server.process();
        try (DynamoDbClient client = client(server)) {
            assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(server.endpoint().getPort()).isPositive()
                    .as("a port of its own").isNotEqualTo(MotoDynamoDb.shared().endpoint().getPort());
            assertThat(client.listTables().tableNames()).isEmpty();
            assertThat(process.isAlive()).isTrue();
            assertThat(process.info().commandLine().orElse("")).contains("moto_server");
        } finally {
            server.close();
        }
        assertThat(process.isAlive()).isFalse();
        assertThat(server.isAlive()).isFalse();
        server.close();
    }

    @Test
    @DisplayName("reset empties the server")
    void reset() {
        try (MotoServer server = MotoServer.start(); DynamoDbClient client = client(server)) {
            client.createTable(b -> b.tableName("t").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
            assertThat(client.listTables().tableNames()).containsExactly("t");
            server.reset();
            assertThat(client.listTables().tableNames()).isEmpty();
        }
    }

    @Test
    @DisplayName("a server whose executable fails to start is reported with its output")
    void failingExecutable() {
        assertThatThrownBy(() -> MotoServer.start(Path.of("/bin/false"), Duration.ofSeconds(20)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exited");
    }

    @Test
    @DisplayName("when the JVM that started it is killed with SIGKILL, the server goes too")
    void killedJvmLeavesNoServer() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Child.class.getName()).redirectErrorStream(true).start();
        long motoPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
                assertThat(line).as("the child JVM's output").isNotNull();
            } while (!line.startsWith("moto pid "));
            motoPid = Long.parseLong(line.substring("moto pid ".length()));
            ProcessHandle moto = ProcessHandle.of(motoPid).orElseThrow();
            assertThat(moto.isAlive()).isTrue();

            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(137);
            moto.onExit().get(30, TimeUnit.SECONDS);
            assertThat(moto.isAlive()).isFalse();
        } finally {
            child.destroyForcibly();
        }
        assertThat(ProcessHandle.allProcesses().filter(p -> p.pid() == motoPid).toList()).isEqualTo(List.of());
    }

    @Test
    @DisplayName("with the transaction patch, a cancelled transaction puts back the items it changed, keeps the "
            + "others, and a committed one applies all its items")
    void cancelledTransactionRestoresItsItems() {
        try (MotoServer server = MotoServer.start(); DynamoDbClient client = client(server)) {
            assertThat(server.lastOutput()).contains("moto TransactWriteItems backup: the items the transaction names");
            client.createTable(b -> b.tableName("t").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                            .attributeType(ScalarAttributeType.S).build()));
            for (String id : List.of("a", "b", "c", "d")) {
                client.putItem(b -> b.tableName("t").item(Map.of("id", s(id), "v", n("1"),
                        "l", AttributeValue.fromL(List.of(s("x"))))));
            }
            TransactWriteItem changeA = TransactWriteItem.builder().update(u -> u.tableName("t")
                    .key(Map.of("id", s("a"))).updateExpression("SET v = :v, l[0] = :y")
                    .expressionAttributeValues(Map.of(":v", n("9"), ":y", s("changed")))).build();
            TransactWriteItem deleteB = TransactWriteItem.builder().delete(d -> d.tableName("t")
                    .key(Map.of("id", s("b")))).build();
            TransactWriteItem putE = TransactWriteItem.builder().put(p -> p.tableName("t")
                    .item(Map.of("id", s("e")))).build();
            TransactWriteItem failOnC = TransactWriteItem.builder().conditionCheck(c -> c.tableName("t")
                    .key(Map.of("id", s("c"))).conditionExpression("v = :z")
                    .expressionAttributeValues(Map.of(":z", n("5")))).build();
            Map<String, Map<String, AttributeValue>> before = scan(client);
            assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(changeA, deleteB, putE, failOnC)))
                    .isInstanceOf(TransactionCanceledException.class);
            assertThat(scan(client)).isEqualTo(before);
            client.transactWriteItems(b -> b.transactItems(changeA, deleteB, putE));
            Map<String, Map<String, AttributeValue>> after = scan(client);
            assertThat(after.keySet()).containsExactlyInAnyOrder("a", "c", "d", "e");
            assertThat(after.get("a")).containsEntry("v", n("9"))
                    .containsEntry("l", AttributeValue.fromL(List.of(s("changed"))));
        }
    }

    private static Map<String, Map<String, AttributeValue>> scan(DynamoDbClient client) {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        client.scan(b -> b.tableName("t").consistentRead(true)).items()
                .forEach(item -> items.put(item.get("id").s(), item));
        return items;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    private static DynamoDbClient client(MotoServer server) {
        return DynamoDbClient.builder().endpointOverride(server.endpoint())
                .region(MotoDynamoDb.REGION)
                .credentialsProvider(() -> AwsBasicCredentials.create(MotoDynamoDb.ACCESS_KEY, MotoDynamoDb.SECRET_KEY))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A JVM that starts a moto server, says its pid, and waits to be killed. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            MotoServer server = MotoServer.start();
            System.out.println("moto pid " + server.process().pid());
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
