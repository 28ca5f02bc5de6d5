package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Java source for the values of a generated sequence, so that a failing sequence prints as code that runs: strings
 * as literals with every character outside printable ASCII escaped (a run of one character as
 * {@code "x".repeat(n)}), employees as builder chains, attribute values as their factory calls.
 */
final class JavaSource {
    private static final int RUN = 8;

    private JavaSource() {
    }

    static String literal(String s) {
        if (s == null) {
            return "null";
        }
        List<String> parts = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int width = Character.charCount(cp);
            int run = 1;
            while (i + run * width < s.length() && s.codePointAt(i + run * width) == cp) {
                run++;
            }
            if (run >= RUN) {
                if (plain.length() > 0) {
                    parts.add(quote(plain.toString()));
                    plain.setLength(0);
                }
                parts.add(quote(new String(Character.toChars(cp))) + ".repeat(" + run + ")");
                i += run * width;
            } else {
                plain.appendCodePoint(cp);
                i += width;
            }
        }
        if (plain.length() > 0 || parts.isEmpty()) {
            parts.add(quote(plain.toString()));
        }
        return String.join(" + ", parts);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        b.append(c);
                    } else {
                        b.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static String literal(Instant t) {
        return t == null ? "null" : "Instant.parse(\"" + t + "\")";
    }

    static String literal(Employee e) {
        if (e == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("Employee.builder().id(").append(literal(e.id())).append(").fullName(")
                .append(literal(e.fullName())).append(')');
        if (e.jobTitle() != null) {
            b.append(".jobTitle(").append(literal(e.jobTitle())).append(')');
        }
        if (e.location() != null) {
            b.append(".location(").append(literal(e.location())).append(')');
        }
        if (!e.badges().isEmpty()) {
            b.append(".badges(").append(list(e.badges().stream().map(JavaSource::literal).toList())).append(')');
        }
        if (e.photoKey() != null) {
            b.append(".photoKey(").append(literal(e.photoKey())).append(')');
        }
        e.attributes().forEach((name, value) -> b.append(".attribute(").append(literal(name)).append(", ")
                .append(literal(value)).append(')'));
        if (e.version() != 0) {
            b.append(".version(").append(e.version()).append("L)");
        }
        if (e.createdAt() != null) {
            b.append(".createdAt(").append(literal(e.createdAt())).append(')');
        }
        if (e.updatedAt() != null) {
            b.append(".updatedAt(").append(literal(e.updatedAt())).append(')');
        }
        return b.append(".build()").toString();
    }

    static String literal(AttributeValue v) {
        if (v instanceof AttributeValue.TextValue t) {
            return "AttributeValue.of(" + literal(t.value()) + ")";
        } else if (v instanceof AttributeValue.NumberValue n) {
            return "AttributeValue.number(\"" + n.value().toString() + "\")";
        } else if (v instanceof AttributeValue.BooleanValue b) {
            return "AttributeValue.of(" + b.value() + ")";
        } else if (v instanceof AttributeValue.BinaryValue b) {
            return "AttributeValue.of(" + bytes(b.bytes()) + ")";
        } else if (v instanceof AttributeValue.ListValue l) {
            return "AttributeValue.of(" + list(l.values().stream().map(JavaSource::literal).toList()) + ")";
        } else if (v instanceof AttributeValue.MapValue m) {
            return "AttributeValue.of(" + map(m.values()) + ")";
        } else if (v instanceof AttributeValue.TextSetValue s) {
            return "AttributeValue.textSet(" + list(s.values().stream().map(JavaSource::literal).toList()) + ")";
        } else if (v instanceof AttributeValue.NumberSetValue s) {
            return "AttributeValue.numberSet(" + list(s.values().stream().map(JavaSource::number).toList()) + ")";
        } else if (v instanceof AttributeValue.BinarySetValue s) {
            return "AttributeValue.binarySet(" + list(s.values().stream().map(b -> bytes(b.bytes())).toList()) + ")";
        }
        return "AttributeValue.ofNull()";
    }

    private static String number(BigDecimal n) {
        return "new BigDecimal(\"" + n + "\")";
    }

    private static String bytes(byte[] bytes) {
        StringBuilder b = new StringBuilder("new byte[] {");
        for (int i = 0; i < bytes.length; i++) {
            b.append(i == 0 ? "" : ", ").append(bytes[i]);
        }
        return b.append('}').toString();
    }

    private static String map(Map<String, AttributeValue> values) {
        if (values.isEmpty()) {
            return "Map.of()";
        }
        return "new TreeMap<>(Map.ofEntries(" + values.entrySet().stream().map(e -> "Map.entry(" + literal(e.getKey())
                + ", " + literal(e.getValue()) + ")").collect(Collectors.joining(", ")) + "))";
    }

    static String list(Collection<String> javaItems) {
        return "List.of(" + String.join(", ", javaItems) + ")";
    }

    static String ids(Collection<String> ids) {
        return list(ids.stream().map(JavaSource::literal).toList());
    }
}
