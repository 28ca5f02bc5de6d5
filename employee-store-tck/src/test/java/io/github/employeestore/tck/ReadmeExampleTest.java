package io.github.employeestore.tck;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the README's "writing a new backend" example identical to compiled code: the TCK test class of the Redis
 * example backend ({@code examples/employee-store-redis}), which the build compiles and runs.
 */
class ReadmeExampleTest {
    @Test
    void readmeTckExampleIsTheCompiledTestClass() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("<!-- tck-example:start -->");
        int end = readme.indexOf("<!-- tck-example:end -->");
        assertThat(start).as("README marker").isNotNegative();
        assertThat(end).as("README marker").isGreaterThan(start);
        String block = readme.substring(start, end);
        String code = block.substring(block.indexOf("```java") + 7, block.lastIndexOf("```")).strip();
        String source = Files.readString(Path.of("..", "examples", "employee-store-redis", "src", "test", "java", "com",
                "example", "employeestore", "redis", "RedisEmployeeStoreTckTest.java"), StandardCharsets.UTF_8).strip();
        assertThat(code).isEqualTo(source);
    }
}
