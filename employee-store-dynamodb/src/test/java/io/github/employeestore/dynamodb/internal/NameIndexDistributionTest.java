package io.github.employeestore.dynamodb.internal;

import io.github.employeestore.testsupport.RealNames;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partition-key distribution of the name index's writes for 100,000 employees whose names are drawn by real
 * frequencies (US 2010 given names, US 1990 census surnames: the test support's {@link RealNames}), with random version-4 UUID
 * ids as {@code create} gives: every index item of every employee is counted against its partition key, and no key
 * may receive more than 1/50 of all index writes. Prints the distribution (the heaviest keys, the heaviest key per
 * kind of partition) and the items per employee.
 */
class NameIndexDistributionTest {
    private static final int EMPLOYEES = 100_000;

    @Test
    @DisplayName("no partition key of the name index gets more than 1/50 of the index writes of 100,000 real names")
    void noHotPartition() {
        RealNames names = RealNames.get();
        SplittableRandom ids = new SplittableRandom(20);
        Map<String, Integer> writes = new HashMap<>();
        long total = 0;
        int maxItems = 0;
        for (int i = 0; i < EMPLOYEES; i++) {
            String id = new UUID((ids.nextLong() & ~0xF000L) | 0x4000L,
                    (ids.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
            var items = NameIndexKeys.items(new NameIndexKeys.Entry(id, names.fullName(i)));
            for (var item : items.values()) {
                writes.merge(item.get(NameIndexKeys.PK).s(), 1, Integer::sum);
            }
            total += items.size();
            maxItems = Math.max(maxItems, items.size());
        }
        List<Map.Entry<String, Integer>> heaviest = new ArrayList<>(writes.entrySet());
        heaviest.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        long limit = total / 50;
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "name index writes of %,d employees: %,d items (%.2f per employee, at most %d), %,d partition keys,"
                        + " limit per key 1/50 = %,d%n", EMPLOYEES, total, (double) total / EMPLOYEES, maxItems,
                writes.size(), limit));
        for (Map.Entry<String, Integer> e : heaviest.subList(0, 12)) {
            report.append(String.format(Locale.ROOT, "  %-12s %,7d  %.2f %% of writes (%.3f of the 1/50 limit)%n",
                    e.getKey(), e.getValue(), 100.0 * e.getValue() / total, (double) e.getValue() / limit));
        }
        long all = total;
        for (String kind : List.of("all#", "p#?#", "p#??#", "p#???")) {
            heaviest.stream().filter(e -> matches(kind, e.getKey())).findFirst().ifPresent(e -> report.append(
                    String.format(Locale.ROOT, "  heaviest %-6s key %-12s %,7d  %.2f %%%n", kind, e.getKey(),
                            e.getValue(), 100.0 * e.getValue() / all)));
        }
        System.out.print(report);
        assertThat(heaviest.get(0).getValue()).as(report.toString()).isLessThanOrEqualTo((int) limit);
        assertThat(writes).as("names with more than %d prefixes go to the overflow partition; real names never do",
                NameIndexKeys.MAX_PREFIX_ITEMS).doesNotContainKey(NameIndexKeys.OVERFLOW);
    }

    private static boolean matches(String kind, String key) {
        if (kind.equals("all#")) {
            return key.startsWith("all#");
        }
        if (!key.startsWith("p#")) {
            return false;
        }
        int length = key.substring(2, key.lastIndexOf('#')).length();
        return kind.equals("p#???") ? length >= 3 : length == kind.length() - 3;
    }
}
