package io.github.employeestore.dynamodb.internal.operations;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.Limits;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.dynamodb.internal.EmployeeTableSchema;
import io.github.employeestore.spi.StoredEmployee;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.FULL_NAME;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.ID;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.JOB_TITLE;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.JOB_TITLE_INDEX;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.LOCATION;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.LOCATION_INDEX;

/**
 * The paged reads of the DynamoDB store: list (Scan), find (Query on a global secondary index) and count (Scan with
 * {@code Select.COUNT}), each reading on past responses DynamoDB's 1 MB limit cut short. Thread-safe.
 */
public final class ScanQueryOperations {
    private final StoreContext ctx;

    /** @param ctx the store's context */
    public ScanQueryOperations(StoreContext ctx) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
    }

    /** Strongly consistent Scans from the cursor's key, each asking for one item more than the page still needs. */
    public Page<Employee> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        String after = ctx.cursors().listAfterId(page);
        return ctx.call("list", () -> {
            List<StoredEmployee> items = new ArrayList<>(page.size() + 1);
            Map<String, AttributeValue> start = after == null ? null : EmployeeTableSchema.key(after);
            int requests = 0;
            while (true) {
                int want = page.size() - items.size() + 1;
                Map<String, AttributeValue> from = start;
                ScanResponse result = ctx.client().scan(b -> b.tableName(ctx.tableName()).limit(want)
                        .consistentRead(true).exclusiveStartKey(from));
                requests++;
                result.items().forEach(item -> items.add(ctx.stored(item)));
                start = result.hasLastEvaluatedKey() ? result.lastEvaluatedKey() : null;
                if (items.size() > page.size() || start == null || start.isEmpty()) {
                    break;
                }
            }
            ctx.log().debug("list size={} items={} requests={}", page.size(), Math.min(items.size(), page.size()),
                    requests);
            return ctx.cursors().listPageOf(items, page.size());
        });
    }

    /**
     * Queries on the job-title index when a job title is given (filtered on location when both are), otherwise on
     * the location index, in ascending full-name order, until the page is full or the index is read to its end.
     */
    public Page<Employee> find(EmployeeQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        List<String> after = ctx.cursors().findAfter(query, page);
        boolean byTitle = query.jobTitle().isPresent();
        String index = byTitle ? JOB_TITLE_INDEX : LOCATION_INDEX;
        String keyAttribute = byTitle ? JOB_TITLE : LOCATION;
        String keyValue = byTitle ? query.jobTitle().get() : query.location().get();
        Expression filter = byTitle && query.location().isPresent()
                ? Expression.builder().expression("#loc = :loc")
                .putExpressionName("#loc", LOCATION)
                .putExpressionValue(":loc", AttributeValue.fromS(query.location().get()))
                .build()
                : null;
        return ctx.call("find " + query, () -> {
            List<StoredEmployee> items = new ArrayList<>(page.size() + 1);
            Map<String, AttributeValue> start = after == null ? null : Map.of(
                    ID, AttributeValue.fromS(after.get(1)),
                    FULL_NAME, AttributeValue.fromS(after.get(0)),
                    keyAttribute, AttributeValue.fromS(keyValue));
            int requests = 0;
            while (true) {
                int want = page.size() - items.size() + 1;
                int limit = filter == null ? want : Math.min(Limits.MAX_PAGE_SIZE, Math.max(want * 4, 100));
                Map<String, AttributeValue> from = start;
                Map<String, String> names = new HashMap<>(Map.of("#k", keyAttribute));
                Map<String, AttributeValue> values = new HashMap<>(Map.of(":k", AttributeValue.fromS(keyValue)));
                if (filter != null) {
                    names.putAll(filter.expressionNames());
                    values.putAll(filter.expressionValues());
                }
                QueryResponse result = ctx.client().query(b -> b.tableName(ctx.tableName()).indexName(index)
                        .keyConditionExpression("#k = :k")
                        .filterExpression(filter == null ? null : filter.expression())
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .scanIndexForward(true)
                        .limit(limit)
                        .exclusiveStartKey(from));
                requests++;
                result.items().forEach(item -> items.add(ctx.stored(item)));
                start = result.hasLastEvaluatedKey() ? result.lastEvaluatedKey() : null;
                if (items.size() > page.size() || start == null || start.isEmpty()) {
                    break;
                }
            }
            ctx.log().debug("find {} size={} items={} requests={}", query, page.size(),
                    Math.min(items.size(), page.size()), requests);
            return ctx.cursors().findPageOf(query, items, page.size());
        });
    }

    /** One DescribeTable: the table's item count, refreshed by DynamoDB about every six hours. */
    public long estimatedCount() {
        Long n = ctx.call("estimatedCount", () -> ctx.client().describeTable(b -> b.tableName(ctx.tableName()))
                .table().itemCount());
        ctx.log().debug("estimatedCount table={} itemCount={}", ctx.tableName(), n);
        return n == null || n < 0 ? count() : n;
    }

    /** Strongly consistent Scans with {@code Select.COUNT}, one per 1 MB of table data. */
    public long count() {
        return ctx.call("count", () -> {
            long total = 0;
            int requests = 0;
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                ScanResponse r = ctx.client().scan(b -> b.tableName(ctx.tableName()).select(Select.COUNT)
                        .consistentRead(true).exclusiveStartKey(from));
                requests++;
                total += r.count();
                start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            } while (start != null);
            ctx.log().debug("count={} requests={}", total, requests);
            return total;
        });
    }
}
