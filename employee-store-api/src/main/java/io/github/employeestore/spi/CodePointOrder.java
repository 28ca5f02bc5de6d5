package io.github.employeestore.spi;

import java.util.Comparator;

/**
 * The one string order of Employee Store: by Unicode code point, which is also the order of the strings' UTF-8 bytes
 * (how DynamoDB orders keys, and how binary SQL collations order). It differs from {@link String#compareTo(String)}
 * for characters outside the Basic Multilingual Plane: an emoji (U+1F600, a surrogate pair in UTF-16) sorts after
 * U+FFFD here, but before it by {@code String.compareTo}.
 *
 * <p>Thread-safe (stateless). Every backend and the in-memory store order with this comparator.
 */
public final class CodePointOrder {
    /** Compares strings by code point; consistent with {@link String#equals(Object)}. */
    public static final Comparator<String> COMPARATOR = CodePointOrder::compare;

    private CodePointOrder() {
    }

    /**
     * @param a a string
     * @param b a string
     * @return negative, zero or positive as {@code a} sorts before, with or after {@code b} by code point
     */
    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // UTF-16 sorts surrogates (D800-DFFF) before E000-FFFF; code point order puts them after.
                if (x >= 0xD800 && y >= 0xD800) {
                    return fix(x) - fix(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    private static int fix(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
