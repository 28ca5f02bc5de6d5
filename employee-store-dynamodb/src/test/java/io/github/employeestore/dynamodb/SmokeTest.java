package io.github.employeestore.dynamodb;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.math.BigDecimal;
import java.util.Map;

class SmokeTest {
    @Test
    void smoke() {
        try (DynamoDbClient client = DynamoDbLocal.client()) {
            String t = DynamoDbLocal.uniqueTableName("smoke");
            var store = DynamoDbEmployeeStore.builder().client(client).tableName(t).build();
            store.schema().create();
            store.schema().create();
            Employee e = store.create(Employee.builder().id("a").fullName("Ann").location("Paris")
                    .attribute("big", AttributeValue.of(new BigDecimal("1E+125")))
                    .attribute("small", AttributeValue.of(new BigDecimal("-1.23456789012345678901234567890123456E-120")))
                    .attribute("zero", AttributeValue.of(BigDecimal.ZERO))
                    .attribute("empty", AttributeValue.of(""))
                    .build());
            System.out.println("created " + e + " get " + store.get("a").orElseThrow().attributes());
            System.out.println("equal: " + store.get("a").orElseThrow().equals(e));
            try {
                client.putItem(b -> b.tableName(t).item(Map.of("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("a")))
                        .conditionExpression("attribute_not_exists(id)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            } catch (ConditionalCheckFailedException x) {
                System.out.println("CCFE item: " + x.hasItem() + " " + (x.hasItem() ? x.item().keySet() : null));
            }
            for (int i = 0; i < 10; i++) {
                store.create(Employee.builder().id("e" + i).fullName("N" + (i % 3)).location("Paris").build());
            }
            Page<Employee> p = store.list(PageRequest.first(4));
            System.out.println("list1 " + p.items() + " " + p.hasNext());
            store.delete(p.items().get(3).id());
            Page<Employee> p2 = store.list(PageRequest.after(p.nextCursor().get(), 4));
            System.out.println("list2 " + p2.items() + " " + p2.hasNext());
            Page<Employee> f = store.find(EmployeeQuery.byLocation("Paris"), PageRequest.first(5));
            System.out.println("find1 " + f.items() + " " + f.hasNext());
            Page<Employee> f2 = store.find(EmployeeQuery.byLocation("Paris"), PageRequest.after(f.nextCursor().get(), 5));
            System.out.println("find2 " + f2.items() + " " + f2.hasNext());
            System.out.println("count " + store.count());
            Employee u = store.update(e.toBuilder().fullName("Anna").build());
            System.out.println("updated " + u + " " + u.createdAt());
            Employee pu = store.put(Employee.builder().id("a").fullName("X").build());
            System.out.println("put " + pu + " " + pu.createdAt());
            store.schema().drop();
        }
    }
}
