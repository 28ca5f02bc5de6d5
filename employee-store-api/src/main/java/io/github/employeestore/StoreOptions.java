package io.github.employeestore;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Options for {@link EmployeeStores#open(String, StoreOptions)}: the clock, and named options that add to (and
 * override) the options given in the URL, such as {@code table}, {@code user} and {@code password} for JDBC URLs or
 * {@code region}, {@code endpoint} and {@code profile} for DynamoDB URLs. Passing credentials here keeps them out of
 * the URL.
 *
 * <p>Immutable and thread-safe.
 */
public final class StoreOptions {
    private static final StoreOptions DEFAULTS = builder().build();

    private final Clock clock;
    private final Map<String, String> options;

    private StoreOptions(Builder b) {
        this.clock = b.clock;
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
    }

    /** @return the defaults: the system UTC clock and no named options */
    public static StoreOptions defaults() {
        return DEFAULTS;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder initialized with these options */
    public Builder toBuilder() {
        Builder b = new Builder().clock(clock);
        b.options.putAll(options);
        return b;
    }

    /** @return the clock the store takes timestamps from */
    public Clock clock() {
        return clock;
    }

    /**
     * @param name an option name
     * @return its value, if set
     */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** @return every named option, unmodifiable */
    public Map<String, String> options() {
        return options;
    }

    /** @return the option names only: values may be secrets */
    @Override
    public String toString() {
        return "StoreOptions[clock=" + clock + ", options=" + options.keySet() + "]";
    }

    /** Builds {@link StoreOptions}. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private final Map<String, String> options = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param clock the clock for timestamps
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param name  the option name
         * @param value its value
         * @return this builder
         */
        public Builder option(String name, String value) {
            options.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** @return the options */
        public StoreOptions build() {
            return new StoreOptions(this);
        }
    }
}
