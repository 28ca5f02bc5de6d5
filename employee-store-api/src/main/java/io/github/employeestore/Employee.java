package io.github.employeestore;

import io.github.employeestore.spi.CodePointOrder;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An employee record: the core fields every employee has, plus flexible {@link #attributes() attributes} that differ
 * from one employee to the next.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()}, change one with {@link #toBuilder()}.
 *
 * <p>The constructor only normalizes: {@code null} collections become empty, badges are kept sorted by code point,
 * attributes sorted by name, and an empty optional text ({@code jobTitle}, {@code location}, {@code photoKey}) is
 * the same as absent ({@code null}) &mdash; DynamoDB cannot index empty strings, so no backend stores them. The rules
 * of the model (lengths, counts, names, the item size limit) are checked by the store on every write, all at once,
 * and reported together in one {@link InvalidInputException}; see {@link Limits}.
 *
 * <p>{@link #toString()} shows the id and version only, never personal data, so an employee can be logged safely.
 *
 * @param id         the id: 1&ndash;128 characters; {@code null} only in a draft given to
 *                   {@link EmployeeStore#create(Employee)}, which assigns a random UUID
 * @param fullName   the full name, required, 1&ndash;200 characters, not blank
 * @param jobTitle   the job title, {@code null} when absent, at most 200 characters
 * @param location   the location, {@code null} when absent, at most 200 characters
 * @param badges     badges, sorted by code point, never {@code null}; at most 50, each 1&ndash;64 characters
 * @param photoKey   the object-store key of the employee's photo, {@code null} when absent, at most 1024 characters
 * @param attributes flexible attributes by name, sorted by name, never {@code null}; at most 100
 * @param version    0 in a draft; set by the store: 1 on create, +1 on every write
 * @param createdAt  set by the store from its clock (milliseconds); {@code null} in a draft
 * @param updatedAt  set by the store from its clock (milliseconds); {@code null} in a draft
 */
public record Employee(
        String id,
        String fullName,
        String jobTitle,
        String location,
        SortedSet<String> badges,
        String photoKey,
        SortedMap<String, AttributeValue> attributes,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * Normalizes the record as described in the type's documentation.
     *
     * @throws InvalidInputException if a badge, attribute name or attribute value is {@code null}
     */
    public Employee {
        jobTitle = emptyToNull(jobTitle);
        location = emptyToNull(location);
        photoKey = emptyToNull(photoKey);
        badges = copyBadges(badges);
        attributes = copyAttributes(attributes);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static SortedSet<String> copyBadges(Collection<String> badges) {
        TreeSet<String> copy = new TreeSet<>(CodePointOrder.COMPARATOR);
        if (badges != null) {
            for (String badge : badges) {
                if (badge == null) {
                    throw new InvalidInputException(List.of(new Violation("badges", "must not contain null")));
                }
                copy.add(badge);
            }
        }
        return Collections.unmodifiableSortedSet(copy);
    }

    private static SortedMap<String, AttributeValue> copyAttributes(Map<String, AttributeValue> attributes) {
        TreeMap<String, AttributeValue> copy = new TreeMap<>(CodePointOrder.COMPARATOR);
        if (attributes != null) {
            for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
                if (e.getKey() == null) {
                    throw new InvalidInputException(List.of(new Violation("attributes", "name must not be null")));
                }
                if (e.getValue() == null) {
                    throw new InvalidInputException(
                            List.of(new Violation("attributes." + e.getKey(), "value must not be null")));
                }
                copy.put(e.getKey(), e.getValue());
            }
        }
        return Collections.unmodifiableSortedMap(copy);
    }

    /**
     * @param name an attribute name
     * @return the attribute's value, or empty if this employee has no attribute of that name
     */
    public Optional<AttributeValue> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /** @return a new builder for a draft (version 0, no timestamps) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder initialized with every field of this employee */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return {@code Employee[id=..., version=...]}; never personal data */
    @Override
    public String toString() {
        return "Employee[id=" + id + ", version=" + version + "]";
    }

    /**
     * Builds {@link Employee}s. Not thread-safe; the built employees are.
     */
    public static final class Builder {
        private String id;
        private String fullName;
        private String jobTitle;
        private String location;
        private final TreeSet<String> badges = new TreeSet<>(CodePointOrder.COMPARATOR);
        private String photoKey;
        private final TreeMap<String, AttributeValue> attributes = new TreeMap<>(CodePointOrder.COMPARATOR);
        private long version;
        private Instant createdAt;
        private Instant updatedAt;

        private Builder() {
        }

        private Builder(Employee e) {
            id = e.id;
            fullName = e.fullName;
            jobTitle = e.jobTitle;
            location = e.location;
            badges.addAll(e.badges);
            photoKey = e.photoKey;
            attributes.putAll(e.attributes);
            version = e.version;
            createdAt = e.createdAt;
            updatedAt = e.updatedAt;
        }

        /**
         * @param id the id, or {@code null} to let {@code create} assign one
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * @param fullName the full name
         * @return this builder
         */
        public Builder fullName(String fullName) {
            this.fullName = fullName;
            return this;
        }

        /**
         * @param jobTitle the job title, or {@code null} for none
         * @return this builder
         */
        public Builder jobTitle(String jobTitle) {
            this.jobTitle = jobTitle;
            return this;
        }

        /**
         * @param location the location, or {@code null} for none
         * @return this builder
         */
        public Builder location(String location) {
            this.location = location;
            return this;
        }

        /**
         * Replaces all badges.
         *
         * @param badges the badges, or {@code null} for none
         * @return this builder
         * @throws InvalidInputException if a badge is {@code null}
         */
        public Builder badges(Collection<String> badges) {
            this.badges.clear();
            if (badges != null) {
                badges.forEach(this::badge);
            }
            return this;
        }

        /**
         * Adds one badge.
         *
         * @param badge the badge
         * @return this builder
         * @throws InvalidInputException if the badge is {@code null}
         */
        public Builder badge(String badge) {
            if (badge == null) {
                throw new InvalidInputException(List.of(new Violation("badges", "must not contain null")));
            }
            this.badges.add(badge);
            return this;
        }

        /**
         * @param photoKey the photo's object-store key, or {@code null} for none
         * @return this builder
         */
        public Builder photoKey(String photoKey) {
            this.photoKey = photoKey;
            return this;
        }

        /**
         * Replaces all attributes.
         *
         * @param attributes the attributes, or {@code null} for none
         * @return this builder
         * @throws InvalidInputException if a name or value is {@code null}
         */
        public Builder attributes(Map<String, AttributeValue> attributes) {
            this.attributes.clear();
            if (attributes != null) {
                attributes.forEach(this::attribute);
            }
            return this;
        }

        /**
         * Sets one attribute.
         *
         * @param name  the attribute name
         * @param value the value
         * @return this builder
         * @throws InvalidInputException if the name or value is {@code null}
         */
        public Builder attribute(String name, AttributeValue value) {
            if (name == null) {
                throw new InvalidInputException(List.of(new Violation("attributes", "name must not be null")));
            }
            if (value == null) {
                throw new InvalidInputException(List.of(new Violation("attributes." + name,
                        "value must not be null")));
            }
            this.attributes.put(name, value);
            return this;
        }

        /**
         * @param name the attribute to remove
         * @return this builder
         */
        public Builder removeAttribute(String name) {
            this.attributes.remove(name);
            return this;
        }

        /**
         * @param version the version
         * @return this builder
         */
        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /**
         * @param createdAt the creation time (used by {@code importAll} only)
         * @return this builder
         */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /**
         * @param updatedAt the last update time (used by {@code importAll} only)
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        /** @return a new employee; nothing is validated beyond what the record's constructor does */
        public Employee build() {
            return new Employee(id, fullName, jobTitle, location, badges, photoKey, attributes, version, createdAt,
                    updatedAt);
        }
    }
}
