package io.github.employeestore.dynamodb;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages stay full when DynamoDB answers with short or empty responses: a filter that matches rarely, and items so
 * large that the 1 MB response limit cuts a Scan short.
 */
@MotoTest
class PagingTest {
    private final CallRecorder recorder = new CallRecorder();
    private DynamoDbClient client;
    private DynamoDbEmployeeStore store;

    @BeforeEach
    void setUp() {
        client = MotoDynamoDb.shared().client(recorder);
        store = DynamoDbEmployeeStore.builder().client(client).tableName(MotoDynamoDb.shared().uniqueTableName("paging"))
                .build();
        store.schema().create();
    }

    @AfterEach
    void tearDown() {
        store.schema().drop();
        client.close();
    }

    @Test
    @DisplayName("find by job title and location reads past empty responses until the page is full or the data ends")
    void sparseFilterKeepsReading() {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        List<Employee> input = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            input.add(Employee.builder().id(String.format("e%03d", i)).fullName(String.format("Name %03d", i))
                    .jobTitle("Engineer").location(i % 200 == 199 ? "Oslo" : "Seattle")
                    .version(1).createdAt(t).updatedAt(t).build());
        }
        assertThat(store.importAll(input).isComplete()).isTrue();
        EmployeeQuery query = EmployeeQuery.builder().jobTitle("Engineer").location("Oslo").build();
        recorder.reset();

        Page<Employee> first = store.find(query, PageRequest.first(2));
        assertThat(first.items()).extracting(Employee::id).containsExactly("e199", "e399");
        assertThat(first.hasNext()).isTrue();
        assertThat(recorder.calls("Query")).as("responses without a match were read past").isGreaterThan(1);

        Page<Employee> second = store.find(query, PageRequest.after(first.nextCursor().orElseThrow(), 2));
        assertThat(second.items()).extracting(Employee::id).containsExactly("e599");
        assertThat(second.hasNext()).isFalse();

        Page<Employee> none = store.find(EmployeeQuery.builder().jobTitle("Engineer").location("Lima").build(),
                PageRequest.first(10));
        assertThat(none.items()).isEmpty();
        assertThat(none.hasNext()).isFalse();
    }

    @Test
    @DisplayName("list fills the page when the 1 MB response limit cuts a Scan short")
    void largeItemsKeepReading() {
        String big = "x".repeat(300 * 1024);
        for (int i = 0; i < 8; i++) {
            store.create(Employee.builder().id("big" + i).fullName("Big " + i)
                    .attribute("blob", AttributeValue.of(big)).build());
        }
        recorder.reset();
        Page<Employee> first = store.list(PageRequest.first(5));
        assertThat(first.items()).hasSize(5);
        assertThat(first.hasNext()).isTrue();
        assertThat(recorder.calls("Scan")).as("a Scan returns at most 1 MB").isGreaterThan(1);
        Page<Employee> rest = store.list(PageRequest.after(first.nextCursor().orElseThrow(), 5));
        assertThat(rest.items()).hasSize(3);
        assertThat(rest.hasNext()).isFalse();
        Set<String> ids = new HashSet<>();
        first.items().forEach(e -> ids.add(e.id()));
        rest.items().forEach(e -> ids.add(e.id()));
        assertThat(ids).hasSize(8);
        assertThat(rest.items().get(0).attribute("blob")).contains(AttributeValue.of(big));
    }
}
