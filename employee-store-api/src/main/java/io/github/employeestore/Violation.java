package io.github.employeestore;

import java.util.Objects;

/**
 * One broken rule of the input: which field, and which rule. Never carries the offending value.
 *
 * <p>Field paths: a core field by its Java name ({@code fullName}), an attribute as {@code attributes.NAME} (nested
 * values as {@code attributes.NAME[2].key}), a badge as {@code badges[INDEX]}, and non-model inputs by their
 * parameter name ({@code id}, {@code ids}, {@code page.size}, {@code cursor}, {@code query}, {@code operations}).
 *
 * @param field the field path
 * @param rule  the rule that was broken, in words (e.g. "must be at most 200 characters")
 */
public record Violation(String field, String rule) {
    /** @throws NullPointerException if an argument is null */
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String toString() {
        return field + ": " + rule;
    }
}
