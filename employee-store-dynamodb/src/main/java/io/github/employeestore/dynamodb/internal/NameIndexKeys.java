package io.github.employeestore.dynamodb.internal;

import io.github.employeestore.Employee;
import io.github.employeestore.spi.NameFolding;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;

import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.FULL_NAME;
import static io.github.employeestore.dynamodb.internal.EmployeeTableSchema.ID;

/**
 * The layout of the DynamoDB name-search index: a second table, {@code <table>-search}, with partition key
 * {@value #PK} (S) and sort key {@value #SK} (S), holding for every indexed employee
 * <ul>
 *   <li>one item per distinct prefix of its folded words, of length 1 to {@value #MAX_PREFIX_LENGTH}
 *       ({@link NameFolding#indexPrefixes}), in partition {@code p#<prefix>#<shard>};</li>
 *   <li>one item in partition {@code all#<shard>} (the alphabetical directory, {@code listByName});</li>
 *   <li>instead of the prefix items, one item in partition {@value #OVERFLOW} when a name has more than
 *       {@value #MAX_PREFIX_ITEMS} distinct prefixes (every search reads that partition too, so such names are found
 *       like any other; it keeps one employee's index items well under DynamoDB's 100 actions per transaction).</li>
 * </ul>
 * The shard is {@code CRC32(UTF-8 id) mod n}, with n = {@value #ALL_SHARDS} for the directory, 4 for prefixes of one
 * character, 2 for two, 1 for longer ones: enough that, with real name frequencies, no partition key receives more
 * than 1/50 of the index writes (see the distribution test). The sort key is
 * {@code sortKey U+0001 fullName U+0001 id} ({@link NameFolding#sortKey}), the first two cut to a fixed length
 * ({@link #sortKey(String, String, String)}), whose binary order is the contract's name order but within a
 * {@linkplain #tieGroup tie group}; each item also carries {@code id}, {@code full_name}, {@value #WORDS} (the folded words, each preceded by a
 * space, so that {@code contains(words, " " + queryWord)} is the word-prefix rule). The index items depend on the
 * id and the full name only, so a write that keeps the name writes no index item.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
public final class NameIndexKeys {
    /** Suffix of the index table's name. */
    public static final String TABLE_SUFFIX = "-search";
    /** Partition key of the index table. */
    public static final String PK = "pk";
    /** Sort key of the index table. */
    public static final String SK = "sk";
    /** The folded words of the name, each preceded by one space. */
    public static final String WORDS = "words";
    /** The longest prefix indexed; a longer query word reads the partition of its first characters and filters. */
    public static final int MAX_PREFIX_LENGTH = 5;
    /** The most prefix items of one employee; a name with more gets one overflow item instead. */
    public static final int MAX_PREFIX_ITEMS = 40;
    /** Shards of the directory partition. */
    public static final int ALL_SHARDS = 8;
    /** The partition of names with too many prefixes. */
    public static final String OVERFLOW = "x#0";
    /** The partition of the index's own state (readiness, backfill checkpoint). */
    public static final String META = "meta";
    /** The sort key of the readiness marker item. */
    public static final String META_STATE = "state";

    /**
     * How long a store remembers that the index table is missing (its writes then skip the index without trying);
     * {@code schema().create()} waits that long after adding the index table to a table in use.
     */
    public static final long MISSING_TABLE_MEMORY_MILLIS = 1000;

    /** The code points of the folded sort key an index sort key holds. */
    public static final int KEY_CODE_POINTS = 100;
    /** The code points of the full name an index sort key holds. */
    public static final int NAME_CODE_POINTS = 27;
    /** The longest id, in bytes of UTF-8, with which the sort key and the name parts are cut as above. */
    public static final int WHOLE_ID_BYTES = 4 * 128;

    private static final char SEP = '\u0001';
    private static final int MAX_SORT_KEY_BYTES = 1024;

    private NameIndexKeys() {
    }

    /**
     * @param table the employee table
     * @return the name of its index table
     */
    public static String indexTable(String table) {
        return table + TABLE_SUFFIX;
    }

    /**
     * @param length a prefix length
     * @return how many shards the partitions of prefixes of that length are split into
     */
    public static int prefixShards(int length) {
        return length == 1 ? 4 : length == 2 ? 2 : 1;
    }

    /**
     * @param id     an employee id
     * @param shards a shard count
     * @return the id's shard, {@code CRC32(UTF-8 id) mod shards}
     */
    public static int shard(String id, int shards) {
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % shards);
    }

    /**
     * @param prefix a folded prefix of at most {@value #MAX_PREFIX_LENGTH} characters
     * @return every partition of that prefix, one per shard
     */
    public static List<String> prefixPartitions(String prefix) {
        int n = prefixShards(prefix.codePointCount(0, prefix.length()));
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add("p#" + prefix + "#" + i);
        }
        return out;
    }

    /**
     * @param id an employee id
     * @return the directory partition of the employee
     */
    public static String directoryPartition(String id) {
        return "all#" + shard(id, ALL_SHARDS);
    }

    /** @return every partition of the directory, one per shard */
    public static List<String> allPartitions() {
        List<String> out = new ArrayList<>(ALL_SHARDS);
        for (int i = 0; i < ALL_SHARDS; i++) {
            out.add("all#" + i);
        }
        return out;
    }

    /**
     * The index sort key: {@code sortKey U+0001 fullName U+0001 id}, with the sort key cut to its first
     * {@value #KEY_CODE_POINTS} code points and the full name to its first {@value #NAME_CODE_POINTS}, so that it
     * fits DynamoDB's 1,024 bytes with any id of up to {@value #WHOLE_ID_BYTES} bytes (every id of
     * {@link io.github.employeestore.Limits#MAX_ID_LENGTH} characters). The id is always whole, so the key stays
     * unique. The cut lengths do not depend on the id, so the byte order of the keys is the contract's search order
     * except among the items of one {@linkplain #tieGroup tie group} (names that agree on what the key holds of
     * them), which a search reads whole and orders by the full values ({@link NameFolding#ORDER}). A longer id
     * (written by another program) shortens the cut parts to what fits; such an item's order among names that agree
     * on their first few code points is then the key's.
     *
     * @param sortKey  the folded full name ({@link NameFolding#sortKey})
     * @param fullName the full name
     * @param id       the id
     * @return the sort key
     */
    public static String sortKey(String sortKey, String fullName, String id) {
        String key = cutCodePoints(sortKey, KEY_CODE_POINTS);
        String name = cutCodePoints(fullName, NAME_CODE_POINTS);
        int budget = MAX_SORT_KEY_BYTES - 2 - utf8(id);
        if (utf8(key) + utf8(name) > budget) {
            name = cut(name, Math.max(budget / 4, budget - utf8(key)));
            key = cut(key, budget - utf8(name));
        }
        return key + SEP + name + SEP + id;
    }

    /**
     * The tie group of an index sort key: the keys whose byte order may differ from the contract's order among
     * themselves, because they hold the sort key or the full name cut. They share the returned prefix, and no other
     * key starts with it, so they are contiguous in key order, and that run as a whole is in its right place.
     *
     * @param indexSortKey a key made by {@link #sortKey(String, String, String)}
     * @return {@code sortKey U+0001} when the sort key part has {@value #KEY_CODE_POINTS} code points, else
     *         {@code sortKey U+0001 fullName U+0001} when the name part has {@value #NAME_CODE_POINTS}; {@code null}
     *         when neither part may be cut (the key's order is then the contract's)
     */
    public static String tieGroup(String indexSortKey) {
        int first = indexSortKey.indexOf(SEP);
        int second = first < 0 ? -1 : indexSortKey.indexOf(SEP, first + 1);
        if (second < 0) {
            return null;
        }
        if (indexSortKey.codePointCount(0, first) >= KEY_CODE_POINTS) {
            return indexSortKey.substring(0, first + 1);
        }
        if (indexSortKey.codePointCount(first + 1, second) >= NAME_CODE_POINTS) {
            return indexSortKey.substring(0, second + 1);
        }
        return null;
    }

    private static String cutCodePoints(String s, int codePoints) {
        return s.codePointCount(0, s.length()) <= codePoints ? s : s.substring(0, s.offsetByCodePoints(0, codePoints));
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String cut(String s, int maxBytes) {
        if (utf8(s) <= maxBytes) {
            return s;
        }
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int n = utf8(new String(Character.toChars(cp)));
            if (bytes + n > maxBytes) {
                break;
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    /**
     * What of an employee the index holds: its id and full name. Two employees with equal entries have identical
     * index items.
     *
     * @param id       the id
     * @param fullName the full name
     */
    public record Entry(String id, String fullName) {
        /** Checks the id and name. */
        public Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(fullName, "fullName");
        }
    }

    /**
     * @param e an employee
     * @return its entry
     */
    public static Entry entry(Employee e) {
        return new Entry(e.id(), e.fullName());
    }

    /**
     * @param item an item of the employee table as stored, or an empty map for none
     * @return its entry; empty when there is no item or its {@code id} or {@code full_name} is not text (such an item
     *         is not indexed)
     */
    public static Optional<Entry> entry(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue id = item.get(ID);
        AttributeValue name = item.get(FULL_NAME);
        if (id == null || id.s() == null || name == null || name.s() == null) {
            return Optional.empty();
        }
        return Optional.of(new Entry(id.s(), name.s()));
    }

    /**
     * The index items of an entry, by key.
     *
     * @param e an entry
     * @return its items, each keyed by {@code pk + U+0001 + sk}: the prefix (or overflow) items, then the directory
     *         item
     */
    public static Map<String, Map<String, AttributeValue>> items(Entry e) {
        List<String> words = NameFolding.words(e.fullName());
        Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
        String sk = sortKey(NameFolding.sortKey(e.fullName()), e.fullName(), e.id());
        StringBuilder spaced = new StringBuilder();
        for (String w : words) {
            spaced.append(' ').append(w);
        }
        List<String> partitions = new ArrayList<>();
        Set<String> prefixes = NameFolding.indexPrefixes(e.fullName(), MAX_PREFIX_LENGTH);
        if (prefixes.size() > MAX_PREFIX_ITEMS) {
            partitions.add(OVERFLOW);
        } else {
            for (String p : prefixes) {
                partitions.add("p#" + p + "#" + shard(e.id(), prefixShards(p.codePointCount(0, p.length()))));
            }
        }
        // the directory item last: written outside a transaction in this order, its presence shows that the
        // others were written (the backfill skips such employees)
        partitions.add(directoryPartition(e.id()));
        for (String pk : partitions) {
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put(PK, AttributeValue.fromS(pk));
            item.put(SK, AttributeValue.fromS(sk));
            item.put(ID, AttributeValue.fromS(e.id()));
            item.put(FULL_NAME, AttributeValue.fromS(e.fullName()));
            item.put(WORDS, AttributeValue.fromS(spaced.length() == 0 ? " " : spaced.toString()));
            items.put(pk + SEP + sk, item);
        }
        return items;
    }

    /**
     * @param item an index item
     * @return its key
     */
    public static Map<String, AttributeValue> key(Map<String, AttributeValue> item) {
        return Map.of(PK, item.get(PK), SK, item.get(SK));
    }
}
