package io.github.employeestore.spi;

import io.github.employeestore.StoreConfigurationException;

import java.util.regex.Pattern;

/**
 * The portable rule for table names, shared by every backend so that no name from configuration reaches SQL text or
 * a DynamoDB request unchecked: {@code [A-Za-z_][A-Za-z0-9_.-]{0,254}}. A backend may narrow it further (DynamoDB
 * needs at least 3 characters; SQL identifiers have their own length limits) but never widen it.
 *
 * <p>Thread-safe (stateless).
 */
public final class TableNames {
    private static final Pattern PORTABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,254}");

    private TableNames() {
    }

    /**
     * @param name a table name from configuration
     * @return the name, unchanged
     * @throws StoreConfigurationException if it is null or breaks the rule (the message does not repeat the name
     *                                     unless it is made only of safe characters)
     */
    public static String validate(String name) {
        if (name == null) {
            throw new StoreConfigurationException("a table name is required");
        }
        if (!PORTABLE.matcher(name).matches()) {
            throw new StoreConfigurationException("invalid table name: it must match [A-Za-z_][A-Za-z0-9_.-]{0,254}");
        }
        return name;
    }
}
