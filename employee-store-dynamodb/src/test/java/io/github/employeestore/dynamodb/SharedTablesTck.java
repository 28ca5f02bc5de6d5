package io.github.employeestore.dynamodb;

import io.github.employeestore.Capability;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.tck.EmployeeStoreTck;
import io.github.employeestore.dynamodb.internal.NameIndexKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The TCK on two tables created once per test class and emptied before each test, for targets where creating a
 * table per test is slow (LocalStack, Amazon DynamoDB). Subclasses set {@link #client} in a {@code @BeforeAll}
 * (after checking that the target was asked for) and call {@link #createTables()} / {@link #dropTables()}.
 */
abstract class SharedTablesTck extends EmployeeStoreTck {
    static DynamoDbClient client;
    static String table;
    static String otherTable;

    static void createTables() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        table = "employee_store_tck_" + suffix;
        otherTable = "employee_store_tck_other_" + suffix;
        for (String t : List.of(table, otherTable)) {
            DynamoDbEmployeeStore.builder().client(client).tableName(t).build().schema().create();
        }
    }

    static void dropTables() {
        if (client == null) {
            return;
        }
        try {
            for (String t : new String[]{table, otherTable}) {
                if (t != null) {
                    DynamoDbEmployeeStore.builder().client(client).tableName(t).build().schema().drop();
                }
            }
        } finally {
            client.close();
            client = null;
        }
    }

    /** Empties the table and its search index table (keeping the index's readiness marker). */
    private static void truncate(String t) {
        truncate(t, "#id", Map.of("#id", "id"));
        truncate(t + NameIndexKeys.TABLE_SUFFIX, "#p, #s", Map.of("#p", NameIndexKeys.PK, "#s", NameIndexKeys.SK));
    }

    private static void truncate(String t, String projection, Map<String, String> names) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
        do {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> from = start;
            ScanResponse r = client.scan(b -> b.tableName(t).consistentRead(true).projectionExpression(projection)
                    .expressionAttributeNames(names).exclusiveStartKey(from));
            List<WriteRequest> deletes = new ArrayList<>();
            for (var item : r.items()) {
                var pk = item.get(NameIndexKeys.PK);
                if (pk == null || !NameIndexKeys.META.equals(pk.s())) {
                    deletes.add(WriteRequest.builder().deleteRequest(d -> d.key(item)).build());
                }
            }
            for (int i = 0; i < deletes.size(); i += 25) {
                List<WriteRequest> batch = deletes.subList(i, Math.min(deletes.size(), i + 25));
                Map<String, List<WriteRequest>> pending = Map.of(t, batch);
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> send = pending;
                    pending = client.batchWriteItem(b -> b.requestItems(send)).unprocessedItems();
                }
            }
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private EmployeeStore open(String t, Clock clock) {
        truncate(t);
        return DynamoDbEmployeeStore.builder().client(client).tableName(t).clock(clock).build();
    }

    @Override
    protected EmployeeStore newStore(Clock clock) {
        return open(table, clock);
    }

    @Override
    protected EmployeeStore newStoreOnOtherTable(Clock clock) {
        return open(otherTable, clock);
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.of(Capability.QUERIES, Capability.TRANSACTIONS, Capability.SEARCH);
    }
}
