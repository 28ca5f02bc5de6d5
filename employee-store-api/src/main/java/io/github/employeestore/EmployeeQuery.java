package io.github.employeestore;

import java.util.Objects;
import java.util.Optional;

/**
 * The criteria of {@link EmployeeStore#find(EmployeeQuery, PageRequest)}: exact equality on {@code location} and/or
 * {@code jobTitle} (case- and accent-sensitive, compared as code points). At least one is required.
 *
 * <p>Immutable and thread-safe.
 */
public final class EmployeeQuery {
    private final String location;
    private final String jobTitle;

    private EmployeeQuery(String location, String jobTitle) {
        this.location = location;
        this.jobTitle = jobTitle;
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
        return (location == null || location.equals(employee.location()))
                && (jobTitle == null || jobTitle.equals(employee.jobTitle()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmployeeQuery other && Objects.equals(location, other.location)
                && Objects.equals(jobTitle, other.jobTitle);
    }

    @Override
    public int hashCode() {
        return Objects.hash(location, jobTitle);
    }

    /** @return which criteria are set, never their values */
    @Override
    public String toString() {
        return "EmployeeQuery[" + (location != null ? "location" : "") + (location != null && jobTitle != null
                ? "," : "") + (jobTitle != null ? "jobTitle" : "") + "]";
    }

    /** Builds {@link EmployeeQuery}s. Not thread-safe. */
    public static final class Builder {
        private String location;
        private String jobTitle;

        private Builder() {
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
         * @throws InvalidInputException if neither criterion is set, or a criterion is empty, too long (over 200
         *                               characters) or not well-formed text
         */
        public EmployeeQuery build() {
            io.github.employeestore.spi.EmployeeValidator.validateQuery(location, jobTitle);
            return new EmployeeQuery(location, jobTitle);
        }
    }
}
