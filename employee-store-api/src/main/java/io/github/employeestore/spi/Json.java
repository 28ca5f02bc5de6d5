package io.github.employeestore.spi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader and string writer for {@link EmployeeCodec}: objects read into insertion-ordered maps,
 * numbers kept exact as {@link BigDecimal} (never through {@code double}), {@code null} as {@link #NULL}. It accepts
 * any whitespace, key order and escape, because databases re-serialise JSON (MySQL and PostgreSQL's {@code jsonb}
 * reorder keys and add spaces). Thread-safe (stateless).
 */
final class Json {
    /** The JSON {@code null} in a parsed tree (Java {@code null} is never used). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private Json() {
    }

    /**
     * @param text JSON text
     * @return the tree: String, BigDecimal, Boolean, {@link #NULL}, List, or Map (insertion-ordered)
     * @throws IllegalArgumentException if the text is not one JSON value, naming the offset only
     */
    static Object parse(String text) {
        return new Parser(text).parseDocument();
    }

    static void writeString(StringBuilder sb, String s) {
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

    /** A strict recursive-descent parser. */
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
            char c = peek();
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
                    return NULL;
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
