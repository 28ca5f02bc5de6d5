package io.github.employeestore.spring.modules;

import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain Java consumer on the module path: a named module that {@code requires io.github.employeestore.api} only,
 * compiled and run in a JVM of its own with the API, the JDBC and DynamoDB backends, H2, Jdbi, HikariCP, SLF4J and
 * the AWS SDK as modules. It opens {@code memory:}, {@code jdbc:h2:} and {@code dynamodb:} (a moto server, with no
 * AWS credentials in its environment): the backends are found as services ({@code uses} in the API,
 * {@code provides} in each backend), and each store creates its schema, writes and reads an employee.
 */
@MotoTest
class ModulePathConsumerTest {
    /** What goes on the module path, of the test's class path: the modules and what they need, nothing else. */
    private static final Pattern MODULES = Pattern.compile(String.join("|",
            "employee-store-(api|jdbc|dynamodb)[/\\\\]target[/\\\\]", "employee-store-(api|jdbc|dynamodb)-[^/\\\\]*\\.jar$",
            "[/\\\\]org[/\\\\]slf4j[/\\\\]slf4j-api[/\\\\]", "[/\\\\]org[/\\\\]jdbi[/\\\\]jdbi3-core[/\\\\]",
            "[/\\\\]io[/\\\\]leangen[/\\\\]geantyref[/\\\\]", "[/\\\\]com[/\\\\]zaxxer[/\\\\]HikariCP[/\\\\]",
            "[/\\\\]com[/\\\\]h2database[/\\\\]h2[/\\\\]", "[/\\\\]software[/\\\\]amazon[/\\\\]awssdk[/\\\\]",
            "[/\\\\]org[/\\\\]reactivestreams[/\\\\]"));

    private static final String CONSUMER = """
            package consumer;

            import io.github.employeestore.Employee;
            import io.github.employeestore.EmployeeStore;
            import io.github.employeestore.EmployeeStores;

            public final class Main {
                public static void main(String[] args) {
                    if (Main.class.getModule().getName() == null) {
                        throw new IllegalStateException("not on the module path");
                    }
                    for (String url : args) {
                        try (EmployeeStore store = EmployeeStores.open(url)) {
                            store.schema().create();
                            Employee ada = store.create(Employee.builder().fullName("Ada Lovelace").build());
                            if (!store.get(ada.id()).orElseThrow().equals(ada)) {
                                throw new IllegalStateException("read back differs: " + url);
                            }
                            System.out.println("OK " + store.getClass().getModule().getName() + " "
                                    + store.description());
                        }
                    }
                }
            }
            """;

    @Test
    void aConsumerOnTheModulePathOpensMemoryH2AndDynamoDb(@TempDir Path dir) throws Exception {
        List<String> modulePath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> MODULES.matcher(entry).find()).collect(Collectors.toList());
        assertThat(modulePath).anyMatch(e -> e.contains("employee-store-api"))
                .anyMatch(e -> e.contains("employee-store-jdbc")).anyMatch(e -> e.contains("employee-store-dynamodb"));

        Path src = dir.resolve("src/consumer");
        Files.createDirectories(src.resolve("consumer"));
        Files.writeString(src.resolve("module-info.java"), "module consumer { requires io.github.employeestore.api; }");
        Files.writeString(src.resolve("consumer/Main.java"), CONSUMER);
        Path classes = dir.resolve("classes");
        Process javac = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "-d", classes.toString(), "--module-path", String.join(File.pathSeparator, modulePath),
                src.resolve("module-info.java").toString(), src.resolve("consumer/Main.java").toString())
                .redirectErrorStream(true).start();
        String javacOutput = readAll(javac);
        assertThat(javac.waitFor(120, TimeUnit.SECONDS)).as(javacOutput).isTrue();
        int compiled = javac.exitValue();
        assertThat(compiled).as("the consumer compiles against the modules: " + javacOutput).isZero();

        String table = MotoDynamoDb.shared().uniqueTableName("Jpms");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", classes + File.pathSeparator + String.join(File.pathSeparator, modulePath),
                "--module", "consumer/consumer.Main",
                "memory:", "jdbc:h2:mem:jpms;DB_CLOSE_DELAY=-1",
                "dynamodb:" + table + "?region=us-east-1&endpoint=" + MotoDynamoDb.shared().endpoint()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("AWS_ACCESS_KEY_ID");
        pb.environment().remove("AWS_SECRET_ACCESS_KEY");
        pb.environment().remove("CLASSPATH");
        Process p = pb.start();
        String output = readAll(p);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("OK io.github.employeestore.api in-memory store")
                .contains("OK io.github.employeestore.jdbc JDBC store (H2)")
                .contains("OK io.github.employeestore.dynamodb DynamoDB-compatible endpoint");
    }

    private static String readAll(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
