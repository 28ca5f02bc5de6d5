package io.github.employeestore.directory.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoded {@code application/x-www-form-urlencoded} data (a form body or a query string): every name with all its
 * values, in order.
 *
 * <p>Immutable and thread-safe.
 */
public final class FormData {
    private final Map<String, List<String>> values;

    private FormData(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * @param encoded the encoded data, or {@code null}
     * @return the decoded data
     * @throws IllegalArgumentException if the data has a malformed escape
     */
    public static FormData parse(String encoded) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                map.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        map.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return new FormData(Collections.unmodifiableMap(map));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /**
     * @param name a name
     * @return its first value, or {@code ""} when absent
     */
    public String get(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? "" : list.get(0);
    }

    /**
     * @param name a name
     * @return all its values, in order; empty when absent
     */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /**
     * @param name a name
     * @return whether the name is present
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }
}
