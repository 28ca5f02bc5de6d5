package io.github.employeestore.dynamodb.internal.operations;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.Limits;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.SearchIndexNotReadyException;
import io.github.employeestore.dynamodb.internal.NameIndexKeys;
import io.github.employeestore.dynamodb.internal.NameIndexState;
import io.github.employeestore.spi.CodePointOrder;
import io.github.employeestore.spi.NameFolding;
import io.github.employeestore.spi.StoredEmployee;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.FULL_NAME;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.ID;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.JOB_TITLE;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.LOCATION;

/**
 * Name search ({@code find} with a name, {@code listByName}) on the name index ({@link NameIndexKeys}): strongly
 * consistent Queries of the partitions that can hold the answer — the shards of the directory for
 * {@code listByName}; for a search, the shards of the lookup prefix ({@link NameFolding#lookupPrefix}) of its longest
 * word, and the overflow partition — each from the cursor's sort key on ({@code sk > :after}), merged in sort-key
 * order; then one consistent BatchGetItem of the page's employees.
 *
 * <p>Each shard is asked for one item more than the page, so that a page of a search without filters (one word of
 * up to {@value NameIndexKeys#MAX_PREFIX_LENGTH} characters, or {@code listByName}) costs exactly one Query per
 * partition (8 for {@code listByName}; 4, 2 or 1 for a prefix of 1, 2 or 3+ characters, plus 1 for the overflow
 * partition) and one BatchGetItem, whatever the table's size. Other words are filters on the index items
 * ({@code contains(words, " " + word)}), and a location or job title is checked on the employees read, which may
 * take more requests when they discard many, as {@code find} with two criteria.
 *
 * <p>Every employee read is checked against its index item (its full name, and the query): an index item left by
 * a write that replaced the name outside a transaction ({@code importAll}, an oversized transaction) or by a
 * concurrent write is skipped, and the page is filled from further index items. Thread-safe.
 */
public final class NameSearchOperation {
    private static final String TABLE_CHECK_KEY = "search table check";
    private static final String NOT_READY = "the DynamoDB name-search index of table '%s' does not cover every "
            + "employee yet: run schema().create() and then schema().backfillSearchIndex(...)";
    private static final int BATCH_GET_SIZE = 100;

    private final StoreContext ctx;
    private final BatchGetOperation batchGet;
    private final NameIndexState state;
    private final String indexTable;

    /**
     * @param ctx      the store's context
     * @param batchGet the batch read of the employees
     * @param state    whether the index is complete
     */
    public NameSearchOperation(StoreContext ctx, BatchGetOperation batchGet, NameIndexState state) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.batchGet = Objects.requireNonNull(batchGet, "batchGet");
        this.state = Objects.requireNonNull(state, "state");
        this.indexTable = NameIndexKeys.indexTable(ctx.tableName());
    }

    /**
     * @param query a query with a name search
     * @param page  the page
     * @return the page in the search order
     */
    public Page<Employee> find(EmployeeQuery query, PageRequest page) {
        return search(Objects.requireNonNull(query, "query"), Objects.requireNonNull(page, "page"));
    }

    /**
     * @param page the page
     * @return the page of every employee in the search order
     */
    public Page<Employee> listByName(PageRequest page) {
        return search(null, Objects.requireNonNull(page, "page"));
    }

    /**
     * @return the not-ready error, after one GetItem of the employee table: when that table is missing too (dropped),
     *         its ResourceNotFoundException is thrown instead, which the store reports as the missing table
     *         ({@code StoreConfigurationException}), as every other operation does
     */
    private SearchIndexNotReadyException notReady(Throwable cause) {
        ctx.readRaw(TABLE_CHECK_KEY);
        return new SearchIndexNotReadyException(String.format(NOT_READY, ctx.tableName()), cause);
    }

    private Page<Employee> search(EmployeeQuery query, PageRequest page) {
        List<String> after = ctx.cursors().nameAfter(query, page);
        String operation = query == null ? "listByName" : "find " + query;
        return ctx.call(operation, () -> {
            if (!state.isReady()) {
                throw notReady(null);
            }
            String afterKey = after == null ? null : NameIndexKeys.sortKey(after.get(0), after.get(1), after.get(2));
            // a cursor inside a tie group reads the group from its start; its items up to the cursor are skipped
            String group = afterKey == null ? null : NameIndexKeys.tieGroup(afterKey);
            Ordered merge = new Ordered(new Merge(partitions(query), group == null ? afterKey : group,
                    group != null, page.size() + 1), after);
            List<StoredEmployee> found = new ArrayList<>(page.size() + 1);
            // a location or job title is checked on the employees read: ask for more candidates per round then
            boolean sparse = query != null && (query.location().isPresent() || query.jobTitle().isPresent());
            while (found.size() <= page.size()) {
                int left = page.size() + 1 - found.size();
                List<Map<String, AttributeValue>> candidates = merge.next(sparse
                        ? Math.max(left, Math.min(4 * left, BATCH_GET_SIZE)) : left);
                if (candidates.isEmpty()) {
                    break;
                }
                found.addAll(confirmed(query, candidates));
            }
            ctx.log().debug("{} size={} items={} queries={} rounds={}", operation, page.size(),
                    Math.min(found.size(), page.size()), merge.merge.requests, merge.merge.rounds);
            return ctx.cursors().namePageOf(query, found, page.size());
        });
    }

    /** The partitions to read, each with the filter its items need. */
    private List<Partition> partitions(EmployeeQuery query) {
        List<Partition> out = new ArrayList<>();
        if (query == null) {
            for (String pk : NameIndexKeys.allPartitions()) {
                out.add(new Partition(pk, null));
            }
            return out;
        }
        List<String> words = query.nameWords();
        String lookup = "";
        String chosen = null;
        for (String w : words) {
            String p = NameFolding.lookupPrefix(w, NameIndexKeys.MAX_PREFIX_LENGTH);
            if (p.codePointCount(0, p.length()) > lookup.codePointCount(0, lookup.length())) {
                lookup = p;
                chosen = w;
            }
        }
        String implied = chosen != null && chosen.equals(lookup) ? chosen : null;
        Filter inPrefix = Filter.of(query, implied);
        for (String pk : NameIndexKeys.prefixPartitions(lookup)) {
            out.add(new Partition(pk, inPrefix));
        }
        out.add(new Partition(NameIndexKeys.OVERFLOW, Filter.of(query, null)));
        return out;
    }

    /** Reads the employees of the candidates and keeps those that still match their index item and the query. */
    private List<StoredEmployee> confirmed(EmployeeQuery query, List<Map<String, AttributeValue>> candidates) {
        List<String> ids = candidates.stream().map(c -> c.get(ID).s()).distinct().toList();
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH_GET_SIZE) {
            items.putAll(batchGet.batchGet(ids.subList(from, Math.min(ids.size(), from + BATCH_GET_SIZE))));
        }
        List<StoredEmployee> out = new ArrayList<>(candidates.size());
        for (Map<String, AttributeValue> candidate : candidates) {
            Map<String, AttributeValue> item = items.get(candidate.get(ID).s());
            if (item == null || !matches(query, candidate, item)) {
                ctx.log().debug("search skips an index item whose employee is gone or changed");
                continue;
            }
            out.add(ctx.stored(item));
        }
        return out;
    }

    private static boolean matches(EmployeeQuery query, Map<String, AttributeValue> candidate,
                                   Map<String, AttributeValue> item) {
        AttributeValue name = item.get(FULL_NAME);
        if (name == null || !candidate.get(FULL_NAME).s().equals(name.s())) {
            return false;
        }
        if (query == null) {
            return true;
        }
        return NameFolding.matches(query.nameWords(), name.s())
                && query.location().map(l -> text(item.get(LOCATION)).equals(l)).orElse(true)
                && query.jobTitle().map(j -> text(item.get(JOB_TITLE)).equals(j)).orElse(true);
    }

    private static String text(AttributeValue v) {
        return v == null || v.s() == null ? "\u0000" : v.s();
    }

    /** The filter expression of a partition's items: the query words its partition does not imply. */
    private record Filter(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        static Filter of(EmployeeQuery query, String implied) {
            List<String> terms = new ArrayList<>();
            Map<String, String> names = new LinkedHashMap<>();
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            int i = 0;
            for (String w : query.nameWords()) {
                if (w.equals(implied)) {
                    continue;
                }
                names.put("#w", NameIndexKeys.WORDS);
                values.put(":w" + i, AttributeValue.fromS(" " + w));
                terms.add("contains(#w, :w" + i++ + ")");
            }
            return terms.isEmpty() ? null : new Filter(String.join(" AND ", terms), names, values);
        }
    }

    /** One partition to read, with what was read of it so far. */
    private static final class Partition {
        final String pk;
        final Filter filter;
        final ArrayDeque<Map<String, AttributeValue>> buffer = new ArrayDeque<>();
        Map<String, AttributeValue> start;
        String readThrough;
        boolean exhausted;

        Partition(String pk, Filter filter) {
            this.pk = pk;
            this.filter = filter;
        }
    }

    /**
     * The merge's items in the contract's order: each {@linkplain NameIndexKeys#tieGroup tie group} is read whole and
     * ordered by the full values; items of a group up to the cursor's position are skipped.
     */
    private static final class Ordered {
        final Merge merge;
        private final List<String> after;
        private final ArrayDeque<Map<String, AttributeValue>> pending = new ArrayDeque<>();
        private int batch = 1;

        Ordered(Merge merge, List<String> after) {
            this.merge = merge;
            this.after = after;
        }

        /**
         * @param want how many items are wanted
         * @return the next items in the search order: at least {@code want} (more when a tie group is completed),
         *         fewer only when the partitions end
         */
        List<Map<String, AttributeValue>> next(int want) {
            batch = Math.max(1, want);
            List<Map<String, AttributeValue>> out = new ArrayList<>(want);
            while (out.size() < want) {
                Map<String, AttributeValue> item = poll();
                if (item == null) {
                    break;
                }
                String group = NameIndexKeys.tieGroup(sk(item));
                if (group == null) {
                    out.add(item);
                    continue;
                }
                List<Map<String, AttributeValue>> tied = new ArrayList<>(List.of(item));
                for (Map<String, AttributeValue> n = peek(); n != null && sk(n).startsWith(group); n = peek()) {
                    tied.add(poll());
                }
                tied.sort(EXACT);
                for (Map<String, AttributeValue> t : tied) {
                    if (after == null || EXACT_KEY.compare(exact(t), after) > 0) {
                        out.add(t);
                    }
                }
            }
            return out;
        }

        private Map<String, AttributeValue> peek() {
            if (pending.isEmpty()) {
                pending.addAll(merge.next(batch));
            }
            return pending.peekFirst();
        }

        private Map<String, AttributeValue> poll() {
            peek();
            return pending.pollFirst();
        }

        private static List<String> exact(Map<String, AttributeValue> item) {
            String name = item.get(FULL_NAME).s();
            return List.of(NameFolding.sortKey(name), name, item.get(ID).s());
        }

        private static final Comparator<List<String>> EXACT_KEY = (a, b) -> {
            for (int i = 0; i < 3; i++) {
                int c = CodePointOrder.compare(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        private static final Comparator<Map<String, AttributeValue>> EXACT =
                Comparator.comparing(Ordered::exact, EXACT_KEY);
    }

    private static String sk(Map<String, AttributeValue> item) {
        return item.get(NameIndexKeys.SK).s();
    }

    /** The sort-key-ordered merge of the partitions' items. */
    private final class Merge {
        private final List<Partition> partitions;
        private final String from;
        private final boolean inclusive;
        private final int pageLimit;
        int requests;
        int rounds;

        /**
         * @param from      the sort key to read from, or {@code null} for the start
         * @param inclusive whether the items of key {@code from} are read too (a tie group's prefix, no item's key)
         */
        Merge(List<Partition> partitions, String from, boolean inclusive, int pageLimit) {
            this.partitions = partitions;
            this.from = from;
            this.inclusive = inclusive;
            this.pageLimit = pageLimit;
        }

        /**
         * @param want how many items are wanted
         * @return up to {@code want} next index items in sort-key order; fewer only when the partitions end
         */
        List<Map<String, AttributeValue>> next(int want) {
            rounds++;
            List<Map<String, AttributeValue>> out = new ArrayList<>(want);
            List<Callable<Void>> first = new ArrayList<>();
            for (Partition p : partitions) {
                if (p.buffer.isEmpty() && !p.exhausted && p.readThrough == null) {
                    first.add(() -> read(p, want));
                }
            }
            Bounded.run("search", first, Math.max(1, Math.min(first.size(), 8)));
            while (out.size() < want) {
                Partition least = null;
                for (Partition p : partitions) {
                    if (p.buffer.isEmpty() && !p.exhausted) {
                        least = null;
                        read(p, want - out.size());
                        break;
                    }
                    if (!p.buffer.isEmpty() && (least == null || CodePointOrder.compare(sk(p.buffer.peekFirst()),
                            sk(least.buffer.peekFirst())) < 0)) {
                        least = p;
                    }
                }
                if (least == null) {
                    if (partitions.stream().allMatch(p -> p.buffer.isEmpty() && p.exhausted)) {
                        break;
                    }
                    continue;
                }
                out.add(least.buffer.pollFirst());
            }
            return out;
        }

        private Void read(Partition p, int want) {
            Filter f = p.filter;
            int limit = f == null ? Math.max(want, 1)
                    : Math.min(Limits.MAX_PAGE_SIZE, Math.max(pageLimit * 4, 100));
            Map<String, String> names = new LinkedHashMap<>(Map.of("#pk", NameIndexKeys.PK));
            Map<String, AttributeValue> values = new LinkedHashMap<>(Map.of(":pk", AttributeValue.fromS(p.pk)));
            String key = "#pk = :pk";
            if (from != null) {
                names.put("#sk", NameIndexKeys.SK);
                values.put(":from", AttributeValue.fromS(from));
                key += inclusive ? " AND #sk >= :from" : " AND #sk > :from";
            }
            if (f != null) {
                names.putAll(f.names());
                values.putAll(f.values());
            }
            String condition = key;
            Map<String, AttributeValue> from = p.start;
            QueryResponse r;
            try {
                r = ctx.client().query(b -> b.tableName(indexTable)
                        .keyConditionExpression(condition)
                        .filterExpression(f == null ? null : f.expression())
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .consistentRead(true)
                        .limit(limit)
                        .exclusiveStartKey(from));
            } catch (ResourceNotFoundException e) {
                // the index table is gone (the table is as an older version made it): not ready until backfilled
                state.forget();
                throw notReady(e);
            }
            synchronized (this) {
                requests++;
            }
            p.buffer.addAll(r.items());
            if (r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()) {
                p.start = r.lastEvaluatedKey();
                p.readThrough = p.start.get(NameIndexKeys.SK).s();
            } else {
                p.exhausted = true;
                p.readThrough = "";
            }
            return null;
        }
    }
}
