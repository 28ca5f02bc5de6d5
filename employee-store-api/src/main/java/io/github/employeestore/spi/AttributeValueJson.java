package io.github.employeestore.spi;

import io.github.employeestore.AttributeValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of attribute values that {@link EmployeeCodec} documents: text, numbers, booleans, null, lists and
 * maps as themselves, and the kinds JSON has no form for as a one-member object tagged {@code $b}, {@code $ss},
 * {@code $ns}, {@code $bs} (or {@code $m} for a map whose only key is a tag). Thread-safe (stateless).
 */
final class AttributeValueJson {
    private static final String TAG_BINARY = "$b";
    private static final String TAG_TEXT_SET = "$ss";
    private static final String TAG_NUMBER_SET = "$ns";
    private static final String TAG_BINARY_SET = "$bs";
    private static final String TAG_MAP = "$m";
    private static final Set<String> TAGS = Set.of(TAG_BINARY, TAG_TEXT_SET, TAG_NUMBER_SET, TAG_BINARY_SET, TAG_MAP);

    private AttributeValueJson() {
    }

    /** @return the strings as a JSON array */
    static String stringsToJson(Collection<String> strings) {
        StringBuilder sb = new StringBuilder(16 + strings.size() * 16).append('[');
        boolean first = true;
        for (String b : strings) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            Json.writeString(sb, b);
        }
        return sb.append(']').toString();
    }

    /** Writes the separator before a member (unless it is the first) and its name; @return {@code false} */
    static boolean member(StringBuilder sb, boolean first, String name) {
        if (!first) {
            sb.append(',');
        }
        Json.writeString(sb, name);
        sb.append(':');
        return false;
    }

    /** Writes the JSON form of {@code value}. */
    static void writeValue(StringBuilder sb, AttributeValue value) {
        if (value instanceof AttributeValue.TextValue t) {
            Json.writeString(sb, t.value());
        } else if (value instanceof AttributeValue.NumberValue n) {
            sb.append(n.value().toString());
        } else if (value instanceof AttributeValue.BooleanValue b) {
            sb.append(b.value());
        } else if (value instanceof AttributeValue.NullValue) {
            sb.append("null");
        } else if (value instanceof AttributeValue.BinaryValue b) {
            sb.append("{\"" + TAG_BINARY + "\":\"").append(Base64.getEncoder().encodeToString(b.bytes()))
                    .append("\"}");
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
            boolean wrap = m.values().size() == 1 && TAGS.contains(m.values().keySet().iterator().next());
            if (wrap) {
                sb.append("{\"" + TAG_MAP + "\":");
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, AttributeValue> e : m.values().entrySet()) {
                first = member(sb, first, e.getKey());
                writeValue(sb, e.getValue());
            }
            sb.append('}');
            if (wrap) {
                sb.append('}');
            }
        } else if (value instanceof AttributeValue.TextSetValue set) {
            sb.append("{\"" + TAG_TEXT_SET + "\":").append(stringsToJson(set.values())).append('}');
        } else if (value instanceof AttributeValue.NumberSetValue set) {
            sb.append("{\"" + TAG_NUMBER_SET + "\":[");
            boolean first = true;
            for (BigDecimal n : set.values()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append(n.toString());
            }
            sb.append("]}");
        } else if (value instanceof AttributeValue.BinarySetValue set) {
            sb.append("{\"" + TAG_BINARY_SET + "\":[");
            boolean first = true;
            for (AttributeValue.BinaryValue b : set.values()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append('"').append(Base64.getEncoder().encodeToString(b.bytes())).append('"');
            }
            sb.append("]}");
        } else {
            throw new IllegalArgumentException("unknown attribute value kind");
        }
    }

    /**
     * @param json a parsed JSON value ({@code Json.parse})
     * @param path where it is, named in errors
     * @return the attribute value of that JSON form
     * @throws IllegalArgumentException if a tagged value does not fit its tag
     */
    static AttributeValue toValue(Object json, String path) {
        if (json instanceof String s) {
            return AttributeValue.of(s);
        }
        if (json instanceof BigDecimal n) {
            return AttributeValue.of(n);
        }
        if (json instanceof Boolean b) {
            return AttributeValue.of(b);
        }
        if (json == Json.NULL) {
            return AttributeValue.ofNull();
        }
        if (json instanceof List<?> list) {
            List<AttributeValue> values = new ArrayList<>(list.size());
            int i = 0;
            for (Object o : list) {
                values.add(toValue(o, path + "[" + i++ + "]"));
            }
            return AttributeValue.of(values);
        }
        Map<?, ?> map = (Map<?, ?>) json;
        if (map.size() == 1 && TAGS.contains((String) map.keySet().iterator().next())) {
            return tagged((String) map.keySet().iterator().next(), map.values().iterator().next(), path);
        }
        return mapValue(map, path);
    }

    private static AttributeValue mapValue(Map<?, ?> map, String path) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            values.put((String) entry.getKey(), toValue(entry.getValue(), path + "." + entry.getKey()));
        }
        return AttributeValue.of(values);
    }

    private static AttributeValue tagged(String tag, Object content, String path) {
        String where = path + "." + tag;
        switch (tag) {
            case TAG_MAP:
                if (!(content instanceof Map<?, ?> map)) {
                    throw new IllegalArgumentException(where + " must hold an object");
                }
                return mapValue(map, path);
            case TAG_BINARY:
                return AttributeValue.of(base64(content, where));
            case TAG_TEXT_SET:
                return AttributeValue.textSet(stringArray(content, where));
            case TAG_NUMBER_SET: {
                if (!(content instanceof List<?> list)) {
                    throw new IllegalArgumentException(where + " must hold an array of numbers");
                }
                List<BigDecimal> numbers = new ArrayList<>(list.size());
                for (Object o : list) {
                    if (!(o instanceof BigDecimal n)) {
                        throw new IllegalArgumentException(where + " must hold an array of numbers");
                    }
                    numbers.add(n);
                }
                return AttributeValue.numberSet(numbers);
            }
            default: {
                if (!(content instanceof List<?> list)) {
                    throw new IllegalArgumentException(where + " must hold an array of base64 strings");
                }
                List<byte[]> bytes = new ArrayList<>(list.size());
                for (Object o : list) {
                    bytes.add(base64(o, where));
                }
                return AttributeValue.binarySet(bytes);
            }
        }
    }

    private static byte[] base64(Object content, String where) {
        if (!(content instanceof String s)) {
            throw new IllegalArgumentException(where + " must hold base64 text");
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " is not valid base64");
        }
    }

    /** @throws IllegalArgumentException naming {@code where} if {@code json} is not an array of strings */
    static List<String> stringArray(Object json, String where) {
        if (!(json instanceof List<?> list)) {
            throw new IllegalArgumentException(where + " must be a JSON array of strings");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw new IllegalArgumentException(where + " must be a JSON array of strings");
            }
            out.add(s);
        }
        return out;
    }
}
