package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.Limits;
import io.github.employeestore.spi.ItemSize;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The value generator of the generated tests: seeded, and biased to the edges of every rule of the contract, taken
 * from {@link Limits} (never hand-picked numbers): lengths at 0, 1, the maximum and one past it, counted in code
 * points and in UTF-16 units; astral, combining, canonically equivalent, case- and whitespace-variant text;
 * characters significant in URLs, SQL, JSON and DynamoDB expressions; versions, timestamps, numbers, nesting, item
 * and transaction sizes at their limits. About one value in ten is invalid on purpose.
 *
 * <p>Not thread-safe: one per generated sequence or thread.
 */
final class Edges {
    /** 2^53 − 1: the largest integer JSON, JavaScript and DynamoDB clients all read exactly. */
    static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private static final String ASTRAL = "\uD83D\uDE00";          // one code point, two UTF-16 units
    private static final String CJK_B = "\uD840\uDC00";           // CJK Extension B, astral
    private static final String COMBINING = "e\u0301";            // canonically equivalent to U+00E9
    private static final String PRECOMPOSED = "\u00e9";
    private static final String[] METACHARACTERS = {"'", "\"", "%", "_", "\\", ";", "--", "/*", "#", ":", "$", "{",
        "}", "[", "]", "&", "?", "=", "+", "/", "<", ">", "`", "*", ".", ",", "@", " "};
    private static final String[] INNER_WHITESPACE = {" ", "\u00a0", "\u2007", "\u202f", "\u3000", "\t", "\u2028"};

    /** Names whose order by UTF-16 units differs from their order by code points (§3.5.1). */
    static final List<String> ORDER_SENSITIVE_NAMES = List.of("\ufb01x", ASTRAL + "x", "\uff41", CJK_B, "Bulk ");

    private final SplittableRandom random;

    Edges(long seed) {
        this.random = new SplittableRandom(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    final <T> T oneOf(T... values) {
        return values[random.nextInt(values.length)];
    }

    /** A length biased to 0, 1, the maximum and one past it. */
    int length(int max) {
        return switch (random.nextInt(8)) {
            case 0 -> 1;
            case 1 -> max;
            case 2 -> max + 1;
            case 3 -> 0;
            default -> 1 + random.nextInt(Math.min(max, 24));
        };
    }

    /** A text of exactly {@code codePoints} code points, mixing BMP, astral and significant characters. */
    String text(int codePoints) {
        StringBuilder b = new StringBuilder();
        int style = random.nextInt(6);
        for (int i = 0; i < codePoints; i++) {
            b.append(switch (style) {
                case 0 -> "x";                              // plain: the length in UTF-16 units equals the count
                case 1 -> i % 2 == 0 ? ASTRAL : CJK_B;      // astral: twice as many UTF-16 units as code points
                case 2 -> i == 0 || i == codePoints - 1 ? "a" : oneOf(METACHARACTERS).substring(0, 1);
                case 3 -> i % 3 == 0 ? PRECOMPOSED : "\u00fc";
                default -> String.valueOf((char) ('a' + random.nextInt(26)));
            });
        }
        return b.toString();
    }

    /** A text at the edges of a field of {@code max} code points, sometimes over it or malformed (invalid). */
    String text(int max, boolean allowEmpty) {
        int n = length(max);
        if (n == 0 && !allowEmpty) {
            n = 1;
        }
        return malformedNowAndThen(text(n));
    }

    /** Now and then a U+0000 or an unpaired surrogate in the text (§3.2.2, §3.2.3). */
    String malformedNowAndThen(String text) {
        return chance(4) ? text + oneOf("\u0000", "\uD800", "\uDC00") + "z" : text;
    }

    /** A pool of valid ids that differ only where the contract says they differ. */
    List<String> idPool(int size) {
        List<String> all = new ArrayList<>(List.of("a", "A", PRECOMPOSED, COMPOSED_ID, "a b", "a\u00a0b",
                "x".repeat(Limits.MAX_ID_LENGTH), ASTRAL.repeat(Limits.MAX_ID_LENGTH),
                "'; DROP TABLE employees; --", "%_\\*?", "{\"id\":1}", "#name :value", "a/b?c=d&e#f",
                "\u0130", "i\u0307", "Z", "\uff41"));
        List<String> pool = new ArrayList<>();
        while (pool.size() < size) {
            String id = pick(all);
            if (!pool.contains(id)) {
                pool.add(id);
            }
        }
        return pool;
    }

    private static final String COMPOSED_ID = COMBINING;

    /** An id that every method must reject (§3.1.1, §3.2). */
    String badId() {
        return oneOf("", " a", "a ", "\u3000a", "a\u0001", "a\u007f", "a\u0085", "x".repeat(Limits.MAX_ID_LENGTH + 1),
                ASTRAL.repeat(Limits.MAX_ID_LENGTH + 1), "a\u0000b", "a\uD800", "\uDC00a");
    }

    /** Locations and job titles from a small pool, so that finds match: variants the contract keeps apart. */
    List<String> criteriaPool() {
        return List.of("Seattle", "seattle", "Seattle ", "Sea ttle", "Sea\u00a0ttle", "Z\u00fcrich", "Zu\u0308rich",
                "x".repeat(Limits.MAX_LOCATION_LENGTH), ASTRAL.repeat(Limits.MAX_JOB_TITLE_LENGTH),
                "O'Brien & Sons; --", "100%_off");
    }

    String fullName() {
        return switch (random.nextInt(10)) {
            case 0 -> text(Limits.MAX_FULL_NAME_LENGTH);
            case 1 -> ASTRAL.repeat(Limits.MAX_FULL_NAME_LENGTH);
            case 2 -> oneOf("Ada", "ada", "Ad\u00e1", "Ada ", "Ada", "\u00c5sa", "A\u030asa", "\ufb01x", ASTRAL + "x",
                    "\uff41", CJK_B);                 // the last four order differently in UTF-16 and in code points
            case 3 -> oneOf(" ", "\u3000", "\t", "", "x".repeat(Limits.MAX_FULL_NAME_LENGTH + 1), "a\u0000",
                    "a\uD800", "\u00a0", "\u2007\u202f", "\u2028");                                        // invalid
            default -> oneOf("Ada", "Bob", "Zoe", "\u00c9mile", "E\u0301mile", "bob", "Ada Lovelace");
        };
    }

    /** A valid employee draft (sometimes with one invalid field) for the id. */
    Employee employee(String id, List<String> criteria) {
        Employee.Builder b = Employee.builder().id(id).fullName(fullName());
        if (chance(70)) {
            b.location(chance(90) ? pick(criteria) : text(Limits.MAX_LOCATION_LENGTH, true));
        }
        if (chance(60)) {
            b.jobTitle(chance(90) ? pick(criteria) : text(Limits.MAX_JOB_TITLE_LENGTH, true));
        }
        if (chance(30)) {
            b.photoKey(text(Limits.MAX_PHOTO_KEY_LENGTH, true));
        }
        if (chance(30)) {
            int n = chance(80) ? random.nextInt(4) : length(Limits.MAX_BADGES);
            List<String> badges = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                badges.add(chance(80) ? oneOf("mentor", "Mentor", "m\u00e9ntor", "me\u0301ntor", "z", ASTRAL) + i
                        : text(Limits.MAX_BADGE_LENGTH, false));
            }
            b.badges(badges);
        }
        if (chance(50)) {
            b.attributes(attributes());
        }
        if (chance(8)) {                            // one malformed text (§3.2.2, §3.2.3) in some field
            String bad = "x" + oneOf("\u0000", "\u0000", "\uD800", "\uDC00") + "y";
            switch (nextInt(5)) {
                case 0 -> b.jobTitle(bad);
                case 1 -> b.location(bad);
                case 2 -> b.photoKey(bad);
                case 3 -> b.badge(bad);
                default -> b.attribute("text", chance(50) ? AttributeValue.of(bad)
                        : AttributeValue.ofList(AttributeValue.of(Map.of("k", AttributeValue.of(bad)))));
            }
        }
        if (chance(2)) {
            return padded(b.build(), Limits.MAX_ITEM_BYTES + (chance(50) ? 1 : 0));
        }
        return b.build();
    }

    /** The employee with a text attribute {@code padding} that makes it measure {@code bytes} (§3.4.1). */
    static Employee padded(Employee e, long bytes) {
        Employee empty = e.toBuilder().attribute("padding", AttributeValue.of("")).build();
        long missing = bytes - ItemSize.of(empty);
        return missing <= 0 ? e : e.toBuilder().attribute("padding", AttributeValue.of("p".repeat((int) missing)))
                .build();
    }

    Map<String, AttributeValue> attributes() {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        int n = chance(90) ? 1 + random.nextInt(4) : length(Limits.MAX_ATTRIBUTES);
        for (int i = 0; i < n; i++) {
            attributes.put(attributeName(i), value(1));
        }
        return attributes;
    }

    private String attributeName(int i) {
        return switch (random.nextInt(8)) {
            case 0 -> "_".repeat(Limits.MAX_ATTRIBUTE_NAME_LENGTH - 3) + String.format("%03d", i);
            case 1 -> oneOf("select", "order", "size", "Select", "_", "a1") + i;
            case 2 -> oneOf("a-b", "1abc", "fullName", "version", "x".repeat(Limits.MAX_ATTRIBUTE_NAME_LENGTH + 1),
                    "attributes");                                                  // invalid or reserved
            default -> "attr" + i;
        };
    }

    /** An attribute value of any kind at the given nesting level (1 = top). */
    AttributeValue value(int level) {
        int kind = random.nextInt(level >= Limits.MAX_ATTRIBUTE_DEPTH ? 7 : 12);
        return switch (kind) {
            case 0 -> AttributeValue.of(malformedNowAndThen(oneOf("", "t\u00e9xt " + ASTRAL, "{\"$b\":\"x\"}",
                    "null", "'; --", text(Limits.MAX_MAP_NAME_LENGTH))));
            case 1 -> AttributeValue.number(number());
            case 2 -> AttributeValue.of(chance(50));
            case 3 -> AttributeValue.ofNull();
            case 4 -> AttributeValue.of(oneOf(new byte[0], new byte[] {0, -1, (byte) 0x80}, new byte[] {'$', 'b'}));
            case 5 -> AttributeValue.textSet(oneOf(List.of("b", "a", "\u00e4"), List.of(""), List.of("A", "a")));
            case 6 -> AttributeValue.numberSet(List.of(new BigDecimal(number()), BigDecimal.ONE));
            case 7 -> AttributeValue.binarySet(List.of(new byte[] {1}, new byte[0]));
            case 8, 9 -> {
                List<AttributeValue> list = new ArrayList<>();
                int n = random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    list.add(value(level + 1));
                }
                yield AttributeValue.of(list);
            }
            default -> {
                Map<String, AttributeValue> map = new LinkedHashMap<>();
                int n = random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    map.put(malformedNowAndThen(oneOf("k", "K", "$b", "a b", ASTRAL,
                            "x".repeat(Limits.MAX_MAP_NAME_LENGTH), "") + i), value(level + 1));
                }
                yield AttributeValue.of(map);
            }
        };
    }

    /** A value nested exactly {@code depth} levels deep (lists within maps within lists ...). */
    static AttributeValue nested(int depth) {
        AttributeValue v = AttributeValue.of("leaf");
        for (int level = depth; level > 1; level--) {
            v = level % 2 == 0 ? AttributeValue.ofList(v) : AttributeValue.of(Map.of("n", v));
        }
        return v;
    }

    String number() {
        return switch (random.nextInt(12)) {
            case 0 -> "9".repeat(Limits.MAX_NUMBER_DIGITS);
            case 1 -> "-" + "1".repeat(Limits.MAX_NUMBER_DIGITS) + "E-20";
            case 2 -> "1E" + Limits.MIN_NUMBER_EXPONENT;
            case 3 -> "9.9E" + Limits.MAX_NUMBER_EXPONENT;
            case 4 -> "0.000";
            case 5 -> "1.50";
            case 6 -> "-0";
            case 7 -> String.valueOf(MAX_SAFE_INTEGER + random.nextInt(3) - 1);
            case 8 -> oneOf("9".repeat(Limits.MAX_NUMBER_DIGITS + 1), "1E" + (Limits.MIN_NUMBER_EXPONENT - 1),
                    "1E" + (Limits.MAX_NUMBER_EXPONENT + 1));                       // invalid
            default -> String.valueOf(random.nextInt(2000) - 1000);
        };
    }

    /** A version for an update or a versioned delete: the stored one, its neighbours, or an edge. */
    long version(long stored) {
        return switch (random.nextInt(10)) {
            case 0 -> stored + 1;
            case 1 -> stored - 1;
            case 2 -> oneOf(0L, -1L, 1L, 2L);
            case 3 -> oneOf(MAX_SAFE_INTEGER - 1, MAX_SAFE_INTEGER, MAX_SAFE_INTEGER + 1, Long.MAX_VALUE,
                    Long.MIN_VALUE);
            default -> stored;
        };
    }

    /** A version for {@code importAll}, which keeps it: at least 1, biased to the edges (and past them). */
    long importedVersion() {
        if (chance(70)) {
            return 1 + random.nextInt(5);
        }
        if (chance(30)) {
            return oneOf(MAX_SAFE_INTEGER + 1, Long.MAX_VALUE, Long.MAX_VALUE - 1);    // past Limits.MAX_VERSION
        }
        return oneOf(0L, -1L, MAX_SAFE_INTEGER - 1, MAX_SAFE_INTEGER);
    }

    /** A timestamp for {@code importAll}: the clock's, the range's ends, one millisecond past them, sub-millisecond. */
    Instant timestamp(Instant now) {
        return switch (random.nextInt(10)) {
            case 0 -> Limits.MIN_TIMESTAMP;
            case 1 -> Limits.MAX_TIMESTAMP;
            case 2 -> oneOf(Limits.MIN_TIMESTAMP.minusMillis(1), Limits.MAX_TIMESTAMP.plusMillis(1),
                    now.plusNanos(1), null);                                                 // invalid
            default -> now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).minus(Duration.ofDays(random.nextInt(400)));
        };
    }

    int pageSize() {
        return switch (random.nextInt(12)) {
            case 0 -> Limits.MAX_PAGE_SIZE;
            case 1 -> Limits.MAX_PAGE_SIZE - 1;
            case 2 -> oneOf(0, Limits.MAX_PAGE_SIZE + 1, -1);                                      // invalid
            case 3, 4 -> 2;
            case 5 -> 3;
            default -> 1;
        };
    }

    Duration clockStep() {
        return oneOf(Duration.ofNanos(1), Duration.ofNanos(999_999), Duration.ofMillis(1),
                Duration.ofSeconds(1).plusNanos(123_456), Duration.ofDays(1));
    }
}
