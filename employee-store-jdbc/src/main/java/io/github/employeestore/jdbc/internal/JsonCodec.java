package io.github.employeestore.jdbc.internal;

import io.github.employeestore.AttributeValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The JSON forms of the {@code badges} and {@code attributes} columns, written and read by hand so that no value
 * changes on the way through any database's JSON type.
 *
 * <p>{@code badges} is a JSON array of strings. {@code attributes} is a JSON object from attribute name to value, in
 * the natural JSON form of each kind: text as a JSON string, a number as a JSON number (written with
 * {@link BigDecimal#toString()} and read back with {@link BigDecimal#BigDecimal(String)}, so all 38 digits and the
 * exponent survive wherever the column keeps JSON as text or as exact decimals), a boolean as {@code true}/{@code
 * false}, a list as an array and a map as an object (names may hold any characters). No wrapper objects: the JSON
 * nesting depth is the value's depth plus one (at most 17), well within MariaDB's limit of 32. MySQL's {@code JSON}
 * type would turn numbers into doubles, so on MySQL the column is text checked with {@code JSON_VALID}.
 *
 * <p>The parser accepts any whitespace and key order and every JSON escape, because databases re-serialise JSON
 * (MySQL and PostgreSQL's {@code jsonb} reorder keys and add spaces). Thread-safe (stateless).
 */
public final class JsonCodec {
    private JsonCodec() {
    }

    /**
     * @param badges the badges
     * @return a JSON array of strings
     */
    public static String writeBadges(Collection<String> badges) {
        StringBuilder sb = new StringBuilder(16 + badges.size() * 16).append('[');
        boolean first = true;
        for (String b : badges) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            writeString(sb, b);
        }
        return sb.append(']').toString();
    }

    /**
     * @param json a JSON array of strings
     * @return the strings
     * @throws IllegalArgumentException if the text is not such an array
     */
    public static List<String> readBadges(String json) {
        Object v = new Parser(json).parseDocument();
        if (!(v instanceof List<?> list)) {
            throw new IllegalArgumentException("badges: not a JSON array");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw new IllegalArgumentException("badges: element not a string");
            }
            out.add(s);
        }
        return out;
    }

    /**
     * @param attributes the attributes
     * @return the JSON object
     */
    public static String writeAttributes(Map<String, AttributeValue> attributes) {
        StringBuilder sb = new StringBuilder(64);
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            writeString(sb, e.getKey());
            sb.append(':');
            writeValue(sb, e.getValue());
        }
        return sb.append('}').toString();
    }

    /**
     * @param json a JSON object written by {@link #writeAttributes(Map)} (possibly re-serialised by the database)
     * @return the attributes
     * @throws IllegalArgumentException if the text is not such an object
     */
    public static SortedMap<String, AttributeValue> readAttributes(String json) {
        Object v = new Parser(json).parseDocument();
        if (!(v instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("attributes: not a JSON object");
        }
        TreeMap<String, AttributeValue> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.put((String) e.getKey(), toValue(e.getValue()));
        }
        return out;
    }

    private static void writeValue(StringBuilder sb, AttributeValue value) {
        if (value instanceof AttributeValue.TextValue t) {
            writeString(sb, t.value());
        } else if (value instanceof AttributeValue.NumberValue n) {
            sb.append(n.value().toString());
        } else if (value instanceof AttributeValue.BooleanValue b) {
            sb.append(b.value());
        } else if (value instanceof AttributeValue.ListValue l) {
            sb.append('[');
            boolean first = true;
            for (AttributeValue element : l.values()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                writeValue(sb, element);
            }
            sb.append(']');
        } else if (value instanceof AttributeValue.MapValue m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, AttributeValue> e : m.values().entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                writeString(sb, e.getKey());
                sb.append(':');
                writeValue(sb, e.getValue());
            }
            sb.append('}');
        } else {
            throw new IllegalArgumentException("unknown attribute value kind");
        }
    }

    private static AttributeValue toValue(Object json) {
        if (json instanceof String s) {
            return AttributeValue.of(s);
        }
        if (json instanceof BigDecimal n) {
            return AttributeValue.of(n);
        }
        if (json instanceof Boolean b) {
            return AttributeValue.of(b);
        }
        if (json instanceof List<?> list) {
            List<AttributeValue> values = new ArrayList<>(list.size());
            for (Object o : list) {
                values.add(toValue(o));
            }
            return AttributeValue.of(values);
        }
        if (json instanceof Map<?, ?> map) {
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                values.put((String) entry.getKey(), toValue(entry.getValue()));
            }
            return AttributeValue.of(values);
        }
        throw new IllegalArgumentException("attributes: null is not an attribute value");
    }

    private static void writeString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** A strict recursive-descent JSON parser; objects keep their keys in a LinkedHashMap, numbers stay text. */
    private static final class Parser {
        private static final int MAX_DEPTH = 128;
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Object parseDocument() {
            Object v = parseValue(0);
            skipWhitespace();
            if (pos != s.length()) {
                throw error();
            }
            return v;
        }

        private Object parseValue(int depth) {
            if (depth > MAX_DEPTH) {
                throw error();
            }
            skipWhitespace();
            if (pos >= s.length()) {
                throw error();
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return parseObject(depth);
                case '[':
                    return parseArray(depth);
                case '"':
                    return parseString();
                case 't':
                    expect("true");
                    return Boolean.TRUE;
                case 'f':
                    expect("false");
                    return Boolean.FALSE;
                case 'n':
                    expect("null");
                    return null;
                default:
                    return parseNumber();
            }
        }

        private Map<String, Object> parseObject(int depth) {
            pos++;
            Map<String, Object> map = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error();
                }
                String key = parseString();
                skipWhitespace();
                if (peek() != ':') {
                    throw error();
                }
                pos++;
                map.put(key, parseValue(depth + 1));
                skipWhitespace();
                char c = peek();
                pos++;
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    throw error();
                }
            }
        }

        private List<Object> parseArray(int depth) {
            pos++;
            List<Object> list = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                list.add(parseValue(depth + 1));
                skipWhitespace();
                char c = peek();
                pos++;
                if (c == ']') {
                    return list;
                }
                if (c != ',') {
                    throw error();
                }
            }
        }

        private String parseString() {
            pos++;
            StringBuilder sb = null;
            int start = pos;
            while (true) {
                if (pos >= s.length()) {
                    throw error();
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    String result = sb == null ? s.substring(start, pos) : sb.append(s, start, pos).toString();
                    pos++;
                    return result;
                }
                if (c == '\\') {
                    if (sb == null) {
                        sb = new StringBuilder();
                    }
                    sb.append(s, start, pos);
                    pos++;
                    char e = peek();
                    pos++;
                    switch (e) {
                        case '"' -> sb.append('"');
                        case '\\' -> sb.append('\\');
                        case '/' -> sb.append('/');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case 'u' -> {
                            if (pos + 4 > s.length()) {
                                throw error();
                            }
                            try {
                                sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                            } catch (NumberFormatException ex) {
                                throw error();
                            }
                            pos += 4;
                        }
                        default -> throw error();
                    }
                    start = pos;
                } else {
                    pos++;
                }
            }
        }

        private BigDecimal parseNumber() {
            int start = pos;
            while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            try {
                return new BigDecimal(s.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error();
            }
        }

        private void expect(String word) {
            if (!s.startsWith(word, pos)) {
                throw error();
            }
            pos += word.length();
        }

        private char peek() {
            if (pos >= s.length()) {
                throw error();
            }
            return s.charAt(pos);
        }

        private void skipWhitespace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    pos++;
                } else {
                    return;
                }
            }
        }

        private IllegalArgumentException error() {
            return new IllegalArgumentException("malformed JSON at offset " + pos);
        }
    }
}
