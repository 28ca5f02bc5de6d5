package io.github.employeestore;

import io.github.employeestore.spi.CodePointOrder;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The value of a flexible attribute of an {@link Employee}: one of the ten kinds of a DynamoDB attribute value, so
 * that an item written by any other application can be read and written back unchanged.
 *
 * <table>
 *   <caption>Kinds and how each backend stores them</caption>
 *   <tr><th>kind</th><th>type</th><th>DynamoDB</th><th>SQL ({@code attributes} JSON, see
 *       {@link io.github.employeestore.spi.EmployeeCodec})</th></tr>
 *   <tr><td>{@link Kind#TEXT}</td><td>{@link TextValue}</td><td>S</td><td>string</td></tr>
 *   <tr><td>{@link Kind#NUMBER}</td><td>{@link NumberValue}</td><td>N</td><td>number (exact)</td></tr>
 *   <tr><td>{@link Kind#BOOLEAN}</td><td>{@link BooleanValue}</td><td>BOOL</td><td>{@code true}/{@code false}</td></tr>
 *   <tr><td>{@link Kind#NULL}</td><td>{@link NullValue}</td><td>NULL</td><td>{@code null}</td></tr>
 *   <tr><td>{@link Kind#BINARY}</td><td>{@link BinaryValue}</td><td>B</td><td>{@code {"$b":"<base64>"}}</td></tr>
 *   <tr><td>{@link Kind#LIST}</td><td>{@link ListValue}</td><td>L</td><td>array</td></tr>
 *   <tr><td>{@link Kind#MAP}</td><td>{@link MapValue}</td><td>M</td><td>object (wrapped as {@code {"$m":{...}}}
 *       only when its one name is itself a tag)</td></tr>
 *   <tr><td>{@link Kind#TEXT_SET}</td><td>{@link TextSetValue}</td><td>SS</td><td>{@code {"$ss":[...]}}</td></tr>
 *   <tr><td>{@link Kind#NUMBER_SET}</td><td>{@link NumberSetValue}</td><td>NS</td><td>{@code {"$ns":[...]}}</td></tr>
 *   <tr><td>{@link Kind#BINARY_SET}</td><td>{@link BinarySetValue}</td><td>BS</td><td>{@code {"$bs":[...]}}</td></tr>
 * </table>
 *
 * <p>Values nest (lists of maps of lists ...) up to {@link Limits#MAX_ATTRIBUTE_DEPTH} levels. Sets are unordered
 * and hold distinct elements; as in DynamoDB they must not be empty when written (the store rejects an empty set).
 *
 * <p>Values are immutable and thread-safe. Two values are {@linkplain Object#equals(Object) equal} when they have the
 * same kind and content: numbers compare by numeric value ({@code 1.50} equals {@code 1.5}), because every number is
 * kept in its normalized form (trailing zeros stripped), which is also how DynamoDB stores numbers. Map entries
 * iterate in code-point order of their names.
 *
 * <p>Construction checks only structure (no {@code null}s). The portable limits (38 significant digits, nesting
 * depth, item size, well-formed Unicode) are checked by the store when the value is written; a value that breaks
 * them is rejected with an {@link InvalidInputException}.
 */
public sealed interface AttributeValue
        permits AttributeValue.TextValue, AttributeValue.NumberValue, AttributeValue.BooleanValue,
                AttributeValue.ListValue, AttributeValue.MapValue, AttributeValue.NullValue,
                AttributeValue.BinaryValue, AttributeValue.TextSetValue, AttributeValue.NumberSetValue,
                AttributeValue.BinarySetValue {

    /** The kind of an attribute value; one per DynamoDB attribute type. */
    enum Kind { TEXT, NUMBER, BOOLEAN, LIST, MAP, NULL, BINARY, TEXT_SET, NUMBER_SET, BINARY_SET }

    /** @return the kind of this value */
    Kind kind();

    /**
     * A text value.
     *
     * @param value the text, never {@code null} (may be empty)
     */
    record TextValue(String value) implements AttributeValue {
        /** @throws NullPointerException if {@code value} is null */
        public TextValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Kind kind() {
            return Kind.TEXT;
        }

        @Override
        public String toString() {
            return "Text[" + value.length() + " chars]";
        }
    }

    /**
     * A number, kept exactly as a {@link BigDecimal} in normalized form (trailing zeros stripped, zero as
     * {@link BigDecimal#ZERO}).
     *
     * @param value the number, never {@code null}
     */
    record NumberValue(BigDecimal value) implements AttributeValue {
        /** @throws NullPointerException if {@code value} is null */
        public NumberValue {
            Objects.requireNonNull(value, "value");
            value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        }

        @Override
        public Kind kind() {
            return Kind.NUMBER;
        }

        @Override
        public String toString() {
            return "Number[" + value.precision() + " digits]";
        }
    }

    /**
     * A boolean value.
     *
     * @param value the boolean
     */
    record BooleanValue(boolean value) implements AttributeValue {
        @Override
        public Kind kind() {
            return Kind.BOOLEAN;
        }
    }

    /**
     * An ordered list of values (may be empty; elements may be of different kinds).
     *
     * @param values the elements, an unmodifiable copy
     */
    record ListValue(java.util.List<AttributeValue> values) implements AttributeValue {
        /** @throws NullPointerException if the list or any element is null */
        public ListValue {
            Objects.requireNonNull(values, "values");
            values = Collections.unmodifiableList(new ArrayList<>(values));
            for (AttributeValue v : values) {
                Objects.requireNonNull(v, "list element");
            }
        }

        @Override
        public Kind kind() {
            return Kind.LIST;
        }

        @Override
        public String toString() {
            return "List" + values;
        }
    }

    /**
     * A map of name to value (may be empty). Names are any non-null strings; entries iterate in code-point order.
     *
     * @param values the entries, an unmodifiable sorted copy
     */
    record MapValue(Map<String, AttributeValue> values) implements AttributeValue {
        /** @throws NullPointerException if the map, a name or a value is null */
        public MapValue {
            Objects.requireNonNull(values, "values");
            TreeMap<String, AttributeValue> copy = new TreeMap<>(CodePointOrder.COMPARATOR);
            values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "map name"),
                    Objects.requireNonNull(v, "map value")));
            values = Collections.unmodifiableSortedMap(copy);
        }

        @Override
        public Kind kind() {
            return Kind.MAP;
        }

        @Override
        public String toString() {
            return "Map" + values.keySet();
        }
    }

    /** The null value (DynamoDB {@code NULL}, JSON {@code null}): present, but without a value. */
    record NullValue() implements AttributeValue {
        /** The one null value. */
        public static final NullValue INSTANCE = new NullValue();

        @Override
        public Kind kind() {
            return Kind.NULL;
        }
    }

    /**
     * Binary data (DynamoDB {@code B}). The bytes are copied in and out, so the value stays immutable; equal values
     * have equal bytes. Ordered as DynamoDB orders binary: by unsigned bytes.
     */
    final class BinaryValue implements AttributeValue, Comparable<BinaryValue> {
        private final byte[] bytes;

        /**
         * @param bytes the bytes (copied; may be empty)
         * @throws NullPointerException if {@code bytes} is null
         */
        public BinaryValue(byte[] bytes) {
            this.bytes = Objects.requireNonNull(bytes, "bytes").clone();
        }

        /** @return a copy of the bytes */
        public byte[] bytes() {
            return bytes.clone();
        }

        /** @return the number of bytes */
        public int length() {
            return bytes.length;
        }

        @Override
        public Kind kind() {
            return Kind.BINARY;
        }

        @Override
        public int compareTo(BinaryValue other) {
            return java.util.Arrays.compareUnsigned(bytes, other.bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BinaryValue b && java.util.Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Binary[" + bytes.length + " bytes]";
        }
    }

    /**
     * A set of distinct texts (DynamoDB {@code SS}), iterating in code-point order.
     *
     * @param values the texts, an unmodifiable sorted copy
     */
    record TextSetValue(java.util.SortedSet<String> values) implements AttributeValue {
        /** @throws NullPointerException if the set or an element is null */
        public TextSetValue {
            values = sorted(values);
        }

        private static java.util.SortedSet<String> sorted(java.util.Collection<String> values) {
            Objects.requireNonNull(values, "values");
            java.util.TreeSet<String> copy = new java.util.TreeSet<>(CodePointOrder.COMPARATOR);
            for (String v : values) {
                copy.add(Objects.requireNonNull(v, "set element"));
            }
            return Collections.unmodifiableSortedSet(copy);
        }

        @Override
        public Kind kind() {
            return Kind.TEXT_SET;
        }

        @Override
        public String toString() {
            return "TextSet[" + values.size() + " elements]";
        }
    }

    /**
     * A set of distinct numbers (DynamoDB {@code NS}), normalized as {@link NumberValue} does, so {@code 1.50} and
     * {@code 1.5} are one element; iterating in numeric order.
     *
     * @param values the numbers, an unmodifiable sorted copy
     */
    record NumberSetValue(java.util.SortedSet<BigDecimal> values) implements AttributeValue {
        /** @throws NullPointerException if the set or an element is null */
        public NumberSetValue {
            Objects.requireNonNull(values, "values");
            java.util.TreeSet<BigDecimal> copy = new java.util.TreeSet<>();
            for (BigDecimal v : values) {
                copy.add(new NumberValue(Objects.requireNonNull(v, "set element")).value());
            }
            values = Collections.unmodifiableSortedSet(copy);
        }

        @Override
        public Kind kind() {
            return Kind.NUMBER_SET;
        }

        @Override
        public String toString() {
            return "NumberSet[" + values.size() + " elements]";
        }
    }

    /**
     * A set of distinct binary values (DynamoDB {@code BS}), iterating in unsigned byte order.
     *
     * @param values the elements, an unmodifiable sorted copy
     */
    record BinarySetValue(java.util.SortedSet<BinaryValue> values) implements AttributeValue {
        /** @throws NullPointerException if the set or an element is null */
        public BinarySetValue {
            Objects.requireNonNull(values, "values");
            java.util.TreeSet<BinaryValue> copy = new java.util.TreeSet<>();
            for (BinaryValue v : values) {
                copy.add(Objects.requireNonNull(v, "set element"));
            }
            values = Collections.unmodifiableSortedSet(copy);
        }

        @Override
        public Kind kind() {
            return Kind.BINARY_SET;
        }

        @Override
        public String toString() {
            return "BinarySet[" + values.size() + " elements]";
        }
    }

    /** @return the null value */
    static AttributeValue ofNull() {
        return NullValue.INSTANCE;
    }

    /**
     * @param bytes the bytes (copied)
     * @return a binary value
     */
    static AttributeValue of(byte[] bytes) {
        return new BinaryValue(bytes);
    }

    /**
     * @param texts the distinct texts (duplicates are merged)
     * @return a text set
     */
    static AttributeValue textSet(java.util.Collection<String> texts) {
        return new TextSetValue(new java.util.TreeSet<>(texts));
    }

    /**
     * @param texts the distinct texts (duplicates are merged)
     * @return a text set
     */
    static AttributeValue textSet(String... texts) {
        return textSet(java.util.List.of(texts));
    }

    /**
     * @param numbers the numbers (numerically equal ones are merged)
     * @return a number set
     */
    static AttributeValue numberSet(java.util.Collection<BigDecimal> numbers) {
        java.util.TreeSet<BigDecimal> set = new java.util.TreeSet<>();
        for (BigDecimal n : numbers) {
            set.add(new NumberValue(n).value());
        }
        return new NumberSetValue(set);
    }

    /**
     * @param values the binary values (equal ones are merged)
     * @return a binary set
     */
    static AttributeValue binarySet(java.util.Collection<byte[]> values) {
        java.util.TreeSet<BinaryValue> set = new java.util.TreeSet<>();
        for (byte[] b : values) {
            set.add(new BinaryValue(b));
        }
        return new BinarySetValue(set);
    }

    /**
     * @param text the text
     * @return a text value
     */
    static AttributeValue of(String text) {
        return new TextValue(text);
    }

    /**
     * @param number the number
     * @return a number value
     */
    static AttributeValue of(BigDecimal number) {
        return new NumberValue(number);
    }

    /**
     * @param number the number
     * @return a number value
     */
    static AttributeValue of(long number) {
        return new NumberValue(BigDecimal.valueOf(number));
    }

    /**
     * @param number the number
     * @return a number value
     */
    static AttributeValue of(BigInteger number) {
        return new NumberValue(new BigDecimal(number));
    }

    /**
     * @param bool the boolean
     * @return a boolean value
     */
    static AttributeValue of(boolean bool) {
        return new BooleanValue(bool);
    }

    /**
     * @param values the elements
     * @return a list value
     */
    static AttributeValue of(java.util.List<AttributeValue> values) {
        return new ListValue(values);
    }

    /**
     * @param values the elements
     * @return a list value
     */
    static AttributeValue ofList(AttributeValue... values) {
        return new ListValue(java.util.List.of(values));
    }

    /**
     * @param values the entries
     * @return a map value
     */
    static AttributeValue of(Map<String, AttributeValue> values) {
        return new MapValue(values);
    }

    /**
     * Parses a decimal number given as text (as {@link BigDecimal#BigDecimal(String)} does).
     *
     * @param number the number's text, e.g. {@code "12.50"}
     * @return a number value
     * @throws InvalidInputException if the text is not a number
     */
    static AttributeValue number(String number) {
        try {
            return new NumberValue(new BigDecimal(Objects.requireNonNull(number, "number")));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(java.util.List.of(new Violation("number", "must be a decimal number")),
                    e);
        }
    }
}
