package io.github.employeestore;

import java.util.Objects;
import java.util.Optional;

/**
 * The criteria of {@link EmployeeStore#find(EmployeeQuery, PageRequest)}: exact equality on {@code location} and/or
 * {@code jobTitle} (case- and accent-sensitive, compared as code points), and/or a name search (CONTRACT §4.20:
 * every word of the search is a prefix of a word of {@code fullName}, compared after the folding of
 * {@link io.github.employeestore.spi.NameFolding}, so case, accents and compatibility forms do not matter). At least
 * one criterion is required. A query with a name search is answered in the search order and needs
 * {@link Capability#SEARCH}.
 *
 * <p>Immutable and thread-safe.
 */
public final class EmployeeQuery {
    private final String name;
    private final java.util.List<String> nameWords;
    private final String location;
    private final String jobTitle;

    private EmployeeQuery(String name, java.util.List<String> nameWords, String location, String jobTitle) {
        this.name = name;
        this.nameWords = nameWords;
        this.location = location;
        this.jobTitle = jobTitle;
    }

    /**
     * @param text the search as typed, e.g. {@code "ada lov"}: up to
     *             {@value io.github.employeestore.spi.NameFolding#MAX_QUERY_LENGTH} characters and
     *             {@value io.github.employeestore.spi.NameFolding#MAX_QUERY_WORDS} words
     * @return a query for employees whose full name has, for every word of the text, a word it is a prefix of
     * @throws InvalidInputException on field {@code name} if the text breaks a limit of CONTRACT §4.20.5 (empty, no
     *                               letter or digit, too long, too many words)
     */
    public static EmployeeQuery byName(String text) {
        if (text == null) {
            throw InvalidInputException.of("name", "is required");
        }
        return builder().name(text).build();
    }

    /**
     * @param location the location to match exactly
     * @return a query for employees at that location
     */
    public static EmployeeQuery byLocation(String location) {
        return builder().location(location).build();
    }

    /**
     * @param jobTitle the job title to match exactly
     * @return a query for employees with that job title
     */
    public static EmployeeQuery byJobTitle(String jobTitle) {
        return builder().jobTitle(jobTitle).build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the name search as given, if any */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * @return the distinct folded words of the name search
     *         ({@link io.github.employeestore.spi.NameFolding#queryWords(String)}), empty when there is none
     */
    public java.util.List<String> nameWords() {
        return nameWords;
    }

    /** @return the location to match, if any */
    public Optional<String> location() {
        return Optional.ofNullable(location);
    }

    /** @return the job title to match, if any */
    public Optional<String> jobTitle() {
        return Optional.ofNullable(jobTitle);
    }

    /**
     * @param employee an employee
     * @return whether the employee matches every criterion of this query
     */
    public boolean matches(Employee employee) {
        return (name == null || io.github.employeestore.spi.NameFolding.matches(nameWords, employee.fullName()))
                && (location == null || location.equals(employee.location()))
                && (jobTitle == null || jobTitle.equals(employee.jobTitle()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmployeeQuery other && Objects.equals(name, other.name)
                && Objects.equals(location, other.location)
                && Objects.equals(jobTitle, other.jobTitle);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, location, jobTitle);
    }

    /** @return which criteria are set, never their values */
    @Override
    public String toString() {
        java.util.StringJoiner set = new java.util.StringJoiner(",", "EmployeeQuery[", "]");
        if (name != null) {
            set.add("name");
        }
        if (location != null) {
            set.add("location");
        }
        if (jobTitle != null) {
            set.add("jobTitle");
        }
        return set.toString();
    }

    /** Builds {@link EmployeeQuery}s. Not thread-safe. */
    public static final class Builder {
        private String name;
        private String location;
        private String jobTitle;

        private Builder() {
        }

        /**
         * @param text the name search (see {@link EmployeeQuery#byName(String)}), or {@code null} for none
         * @return this builder
         */
        public Builder name(String text) {
            this.name = text;
            return this;
        }

        /**
         * @param location the location to match exactly, or {@code null} for any
         * @return this builder
         */
        public Builder location(String location) {
            this.location = location;
            return this;
        }

        /**
         * @param jobTitle the job title to match exactly, or {@code null} for any
         * @return this builder
         */
        public Builder jobTitle(String jobTitle) {
            this.jobTitle = jobTitle;
            return this;
        }

        /**
         * @return the query
         * @throws InvalidInputException if no criterion is set, a criterion is empty, too long (over 200
         *                               characters) or not well-formed text, or the name search breaks a limit of
         *                               CONTRACT §4.20.5
         */
        public EmployeeQuery build() {
            if (name == null) {
                io.github.employeestore.spi.EmployeeValidator.validateQuery(location, jobTitle);
                return new EmployeeQuery(null, java.util.List.of(), location, jobTitle);
            }
            java.util.List<String> words = io.github.employeestore.spi.NameFolding.queryWords(name);
            if (location != null || jobTitle != null) {
                io.github.employeestore.spi.EmployeeValidator.validateQuery(location, jobTitle);
            }
            return new EmployeeQuery(name, words, location, jobTitle);
        }
    }
}
