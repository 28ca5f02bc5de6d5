package io.github.employeestore.dynamodb.internal.operations;

import io.github.employeestore.Employee;
import io.github.employeestore.UnreadableEmployeeException;
import io.github.employeestore.dynamodb.internal.EmployeeTableSchema;
import io.github.employeestore.dynamodb.internal.Errors;
import io.github.employeestore.spi.CursorCodec;
import io.github.employeestore.spi.StoredEmployee;
import org.slf4j.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.FULL_NAME;

/**
 * What every operation of one DynamoDB store shares: the clients and table, the item layout, the clock and ticker,
 * the cursor codec, the deadlines and concurrency settings, and the log of the store. Immutable and thread-safe
 * (as the clients, clock and ticker it holds).
 *
 * @param client            the low-level client every request goes through
 * @param table             the Enhanced Client's table, mapped by {@code mapping}
 * @param mapping           the item layout
 * @param tableName         the table's name
 * @param clock             the clock for timestamps
 * @param cursors           the codec of the store's cursors
 * @param importDeadline    how long an import retries while DynamoDB writes nothing
 * @param batchReadDeadline how long a batch read requests unprocessed keys again
 * @param importConcurrency how many BatchWriteItem requests an import keeps in flight
 * @param readConcurrency   how many BatchGetItem requests a batch read keeps in flight
 * @param maxWriteAttempts  how many conditional writes a put or transaction tries
 * @param ticker            the time source of the deadlines, in nanoseconds
 * @param log               the store's log
 * @param searchIndex       the state of the store's name index, shared with its {@code schema()}
 */
public record StoreContext(DynamoDbClient client, DynamoDbTable<Employee> table, EmployeeTableSchema mapping,
                           String tableName, Clock clock, CursorCodec cursors, Duration importDeadline,
                           Duration batchReadDeadline, int importConcurrency, int readConcurrency,
                           int maxWriteAttempts, LongSupplier ticker, Logger log,
                           io.github.employeestore.dynamodb.internal.NameIndexState searchIndex) {

    /** Checks that no component is missing. */
    public StoreContext {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(cursors, "cursors");
        Objects.requireNonNull(importDeadline, "importDeadline");
        Objects.requireNonNull(batchReadDeadline, "batchReadDeadline");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(searchIndex, "searchIndex");
    }

    /** Runs {@code action}, translating the SDK's exceptions into the store's typed ones. */
    <T> T call(String operation, Supplier<T> action) {
        try {
            return action.get();
        } catch (SdkException e) {
            throw Errors.translate(e, operation, tableName);
        }
    }

    /** @return the stored item of {@code id} as is (one consistent GetItem), empty when there is none */
    Map<String, AttributeValue> readRaw(String id) {
        var response = client.getItem(b -> b.tableName(tableName).key(EmployeeTableSchema.key(id))
                .consistentRead(true));
        return response.hasItem() ? response.item() : Map.of();
    }

    /** The stored item after a failed condition: the one DynamoDB returned, or else read again. */
    Map<String, AttributeValue> storedAfterFailure(String id, ConditionalCheckFailedException e) {
        if (e.hasItem() && !e.item().isEmpty()) {
            return e.item();
        }
        return readRaw(id);
    }

    /** Maps an item, keeping one that does not fit the model as unreadable with its full name. */
    StoredEmployee stored(Map<String, AttributeValue> item) {
        try {
            return StoredEmployee.readable(mapping.mapToItem(item));
        } catch (UnreadableEmployeeException e) {
            AttributeValue name = item.get(FULL_NAME);
            return StoredEmployee.unreadable(name == null ? null : name.s(), e);
        }
    }
}
