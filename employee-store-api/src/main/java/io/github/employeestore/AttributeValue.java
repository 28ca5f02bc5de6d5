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
 * The value of a flexible attribute of an {@link Employee}: text, a number, a boolean, a list of values or a map of
 * name to value. Values nest (lists of maps of lists ...) up to {@link Limits#MAX_ATTRIBUTE_DEPTH} levels.
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
                AttributeValue.ListValue, AttributeValue.MapValue {

    /** The kind of an attribute value. */
    enum Kind { TEXT, NUMBER, BOOLEAN, LIST, MAP }

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
