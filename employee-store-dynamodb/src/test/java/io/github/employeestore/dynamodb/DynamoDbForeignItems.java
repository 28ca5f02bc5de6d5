package io.github.employeestore.dynamodb;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.dynamodb.internal.EmployeeTableSchema;
import io.github.employeestore.tck.ForeignItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plants and reads raw items with the low-level client, as another application would: every attribute as the
 * DynamoDB type of its kind. An item DynamoDB refuses (an index key of the wrong type) cannot be planted.
 */
final class DynamoDbForeignItems implements ForeignItems {
    private final DynamoDbClient client;
    private final String table;

    DynamoDbForeignItems(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public boolean plant(Map<String, AttributeValue> item) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> raw = new LinkedHashMap<>();
        item.forEach((name, value) -> raw.put(name, EmployeeTableSchema.toDynamo(value)));
        try {
            client.putItem(b -> b.tableName(table).item(raw));
            return true;
        } catch (DynamoDbException e) {
            if (e.statusCode() == 400 && !"ResourceNotFoundException".equals(e.awsErrorDetails().errorCode())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Map<String, AttributeValue> read(String id) {
        var response = client.getItem(b -> b.tableName(table).key(EmployeeTableSchema.key(id)).consistentRead(true));
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        if (response.hasItem()) {
            response.item().forEach((name, value) -> item.put(name, EmployeeTableSchema.fromDynamo(value)));
        }
        return item;
    }
}
