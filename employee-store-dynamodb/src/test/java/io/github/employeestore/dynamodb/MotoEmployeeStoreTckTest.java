package io.github.employeestore.dynamodb;

import io.github.employeestore.Capability;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.tck.EmployeeStoreTck;
import io.github.employeestore.testsupport.MotoDynamoDb;
import io.github.employeestore.testsupport.MotoTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The whole TCK against a moto server ({@link MotoDynamoDb}: a child process on a free loopback port), through the
 * real SDK HTTP path.
 * Every test gets a new, uniquely named table (created by {@code schema().create()}, with both indexes) and drops it
 * afterwards.
 */
@MotoTest
class MotoEmployeeStoreTckTest extends EmployeeStoreTck {
    private static DynamoDbClient client;
    private final List<DynamoDbEmployeeStore> created = new ArrayList<>();

    @BeforeAll
    static void startClient() {
        client = MotoDynamoDb.shared().client();
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Override
    protected EmployeeStore newStore(Clock clock) {
        return newTable("tck", clock);
    }

    @Override
    protected EmployeeStore newStoreOnOtherTable(Clock clock) {
        return newTable("tck_other", clock);
    }

    private EmployeeStore newTable(String prefix, Clock clock) {
        DynamoDbEmployeeStore store = DynamoDbEmployeeStore.builder()
                .client(client)
                .tableName(MotoDynamoDb.shared().uniqueTableName(prefix))
                .clock(clock)
                .build();
        store.schema().create();
        created.add(store);
        return store;
    }

    @AfterEach
    void dropTables() {
        for (DynamoDbEmployeeStore store : created) {
            store.schema().drop();
        }
        created.clear();
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.of(Capability.QUERIES, Capability.TRANSACTIONS);
    }
}
