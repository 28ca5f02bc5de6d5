package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.spi.EmployeeValidator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates valid employees with random Unicode text and random attribute trees, from a seed, so that a failing
 * round trip can be reproduced. Not thread-safe.
 */
final class TckData {
    /** Code point ranges the generator draws from: ASCII, Latin, Greek, Cyrillic, Hebrew, CJK, Hangul, full-width
     * forms, emoji and CJK extension B (outside the Basic Multilingual Plane). */
    private static final int[][] RANGES = {
            {0x21, 0x7E}, {0xC0, 0x24F}, {0x370, 0x3FF}, {0x400, 0x4FF}, {0x5D0, 0x5EA}, {0x4E00, 0x9FFF},
            {0xAC00, 0xD7A3}, {0xFF01, 0xFF5E}, {0x1F300, 0x1F64F}, {0x20000, 0x2A6DF}};

    private final Random random;

    TckData(long seed) {
        this.random = new Random(seed);
    }

    /** @return a random string of length code points from the ranges above, with inner spaces */
    String text(int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (i > 0 && i < length - 1 && random.nextInt(8) == 0) {
                sb.append(' ');
                continue;
            }
            int[] range = RANGES[random.nextInt(RANGES.length)];
            sb.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
        }
        return sb.toString();
    }

    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }

    String attributeName() {
        String first = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
        String rest = first + "0123456789";
        while (true) {
            StringBuilder sb = new StringBuilder().append(first.charAt(random.nextInt(first.length())));
            int n = random.nextInt(20);
            for (int i = 0; i < n; i++) {
                sb.append(rest.charAt(random.nextInt(rest.length())));
            }
            if (!EmployeeValidator.RESERVED_ATTRIBUTE_NAMES.contains(sb.toString())) {
                return sb.toString();
            }
        }
    }

    BigDecimal number() {
        int digits = between(1, 38);
        StringBuilder sb = new StringBuilder().append(1 + random.nextInt(9));
        for (int i = 1; i < digits; i++) {
            sb.append(random.nextInt(10));
        }
        BigDecimal n = new BigDecimal(new BigInteger(sb.toString()), between(-40, 60));
        return random.nextBoolean() ? n : n.negate();
    }

    AttributeValue value(int depth) {
        int kind = depth >= 4 ? random.nextInt(3) : random.nextInt(5);
        switch (kind) {
            case 0:
                return AttributeValue.of(chance(10) ? "" : text(between(1, 30)));
            case 1:
                return AttributeValue.of(number());
            case 2:
                return AttributeValue.of(random.nextBoolean());
            case 3: {
                List<AttributeValue> list = new ArrayList<>();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    list.add(value(depth + 1));
                }
                return AttributeValue.of(list);
            }
            default: {
                Map<String, AttributeValue> map = new LinkedHashMap<>();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    map.put(text(between(1, 12)), value(depth + 1));
                }
                return AttributeValue.of(map);
            }
        }
    }

    /**
     * @param id the id to give it
     * @return a valid random employee (version 0, no timestamps)
     */
    Employee employee(String id) {
        Employee.Builder b = Employee.builder()
                .id(id)
                .fullName(text(between(1, 60)))
                .jobTitle(chance(4) ? null : text(between(1, 40)))
                .location(chance(4) ? null : text(between(1, 40)))
                .photoKey(chance(3) ? null : "photos/" + text(between(1, 50)));
        int badges = random.nextInt(6);
        for (int i = 0; i < badges; i++) {
            b.badge(text(between(1, 20)));
        }
        int attributes = random.nextInt(8);
        for (int i = 0; i < attributes; i++) {
            b.attribute(attributeName(), value(1));
        }
        return b.build();
    }

    /** @return an id of random Unicode text, without leading or trailing spaces */
    String id(int index) {
        return text(between(1, 30)) + "~" + index;
    }

    /** @return a random instant with millisecond precision between 1970 and 2100 */
    Instant instant() {
        return Instant.ofEpochMilli((long) (random.nextDouble() * 4_102_444_800_000L));
    }
}
