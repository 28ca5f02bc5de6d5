package io.github.employeestore;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The changes of a partial update ({@link EmployeeStore#patch(String, long, EmployeePatch)}): the fields and flexible
 * attributes it names, and nothing else. A field or attribute the patch does not name is never written, so what
 * another program wrote to it since the employee was read is kept.
 *
 * <p>Build one with {@link #of(Consumer)} or {@link #builder()}:
 * {@code EmployeePatch.of(p -> p.jobTitle("Lead").removeAttribute("nickname"))}. Setting a field twice keeps the last
 * value; setting and then removing an attribute (or the reverse) keeps the last call. An empty optional text, like
 * {@code null}, removes the field (CONTRACT §3.1.6).
 *
 * <p>The rules of the model are checked when the patch is applied ({@link InvalidInputException}, nothing written):
 * the patch's own values first, then the whole employee it results in, item size included.
 *
 * <p>{@link #toString()} names the fields and attributes, never their values. Immutable and thread-safe.
 */
public final class EmployeePatch {
    /** A core field a patch can change. The id, version and timestamps are the store's. */
    public enum Field {
        /** {@link Employee#fullName()} (storage name {@code full_name}). */
        FULL_NAME,
        /** {@link Employee#jobTitle()} ({@code job_title}). */
        JOB_TITLE,
        /** {@link Employee#location()} ({@code location}). */
        LOCATION,
        /** {@link Employee#badges()} ({@code badges}), replaced as a whole. */
        BADGES,
        /** {@link Employee#photoKey()} ({@code photo_key}). */
        PHOTO_KEY
    }

    private static final EmployeePatch EMPTY = new Builder().build();

    private final Map<Field, Object> fields;
    private final SortedMap<String, AttributeValue> setAttributes;
    private final SortedSet<String> removedAttributes;

    private EmployeePatch(Builder b) {
        this.fields = Collections.unmodifiableMap(new EnumMap<>(b.fields));
        this.setAttributes = Collections.unmodifiableSortedMap(new TreeMap<>(b.setAttributes));
        this.removedAttributes = Collections.unmodifiableSortedSet(new TreeSet<>(b.removedAttributes));
    }

    /** @return a new builder of an empty patch */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the patch that changes nothing */
    public static EmployeePatch empty() {
        return EMPTY;
    }

    /**
     * @param changes records the changes on the builder it is given
     * @return the patch
     * @throws NullPointerException  if {@code changes} is null
     * @throws InvalidInputException if a builder method rejects its argument (a null attribute name or value, a
     *                               null badge)
     */
    public static EmployeePatch of(Consumer<Builder> changes) {
        Builder b = new Builder();
        Objects.requireNonNull(changes, "changes").accept(b);
        return b.build();
    }

    /**
     * The patch of what changed from one state of an employee to another: each core field whose value differs, each
     * attribute added or whose value differs, each attribute removed. Applying it to {@code before} gives
     * {@code after} (id, version and timestamps aside). An edit form that remembers what it showed sends only what
     * the user changed this way, so a change another program made meanwhile to another field is kept.
     *
     * @param before the employee as read
     * @param after  the employee as the caller wants it
     * @return the patch; empty when nothing differs
     * @throws NullPointerException if an argument is null
     */
    public static EmployeePatch between(Employee before, Employee after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Builder b = new Builder();
        if (!Objects.equals(before.fullName(), after.fullName())) {
            b.fullName(after.fullName());
        }
        if (!Objects.equals(before.jobTitle(), after.jobTitle())) {
            b.jobTitle(after.jobTitle());
        }
        if (!Objects.equals(before.location(), after.location())) {
            b.location(after.location());
        }
        if (!Objects.equals(before.photoKey(), after.photoKey())) {
            b.photoKey(after.photoKey());
        }
        if (!before.badges().equals(after.badges())) {
            b.badges(after.badges());
        }
        after.attributes().forEach((name, value) -> {
            if (!value.equals(before.attributes().get(name))) {
                b.attribute(name, value);
            }
        });
        before.attributes().keySet().stream().filter(name -> !after.attributes().containsKey(name))
                .forEach(b::removeAttribute);
        return b.build();
    }

    /** @return a builder holding this patch's changes, to add more */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.fields.putAll(fields);
        b.setAttributes.putAll(setAttributes);
        b.removedAttributes.addAll(removedAttributes);
        return b;
    }

    /** @return the core fields this patch sets, in declaration order */
    public Set<Field> fields() {
        return fields.keySet();
    }

    /**
     * @param field a core field
     * @return whether this patch sets it
     */
    public boolean sets(Field field) {
        return fields.containsKey(field);
    }

    /**
     * @param field {@link Field#FULL_NAME}, {@link Field#JOB_TITLE}, {@link Field#LOCATION} or
     *              {@link Field#PHOTO_KEY}
     * @return the text the patch sets, {@code null} when it removes the field (an empty text is returned as
     *         {@code null})
     * @throws IllegalArgumentException if the field is {@link Field#BADGES} or the patch does not set it
     */
    public String text(Field field) {
        if (field == Field.BADGES || !fields.containsKey(field)) {
            throw new IllegalArgumentException("the patch sets no text " + field);
        }
        return (String) fields.get(field);
    }

    /**
     * @return the badges the patch sets, in code-point order (empty to remove every badge)
     * @throws IllegalArgumentException if the patch does not set the badges
     */
    @SuppressWarnings("unchecked")
    public Set<String> badges() {
        if (!fields.containsKey(Field.BADGES)) {
            throw new IllegalArgumentException("the patch sets no badges");
        }
        return (Set<String>) fields.get(Field.BADGES);
    }

    /** @return the attributes this patch sets, by name */
    public SortedMap<String, AttributeValue> attributes() {
        return setAttributes;
    }

    /** @return the names of the attributes this patch removes (removing an absent one is no change) */
    public SortedSet<String> removedAttributes() {
        return removedAttributes;
    }

    /** @return whether the patch names nothing */
    public boolean isEmpty() {
        return fields.isEmpty() && setAttributes.isEmpty() && removedAttributes.isEmpty();
    }

    /**
     * Applies the patch to an employee, without validating anything.
     *
     * @param employee the employee
     * @return the employee with the patch's fields and attributes changed; id, version and timestamps as given
     */
    public Employee applyTo(Employee employee) {
        Employee.Builder b = employee.toBuilder();
        fields.forEach((field, value) -> {
            switch (field) {
                case FULL_NAME -> b.fullName((String) value);
                case JOB_TITLE -> b.jobTitle((String) value);
                case LOCATION -> b.location((String) value);
                case PHOTO_KEY -> b.photoKey((String) value);
                case BADGES -> b.badges(badges());
            }
        });
        removedAttributes.forEach(b::removeAttribute);
        setAttributes.forEach(b::attribute);
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmployeePatch p && p.fields.equals(fields) && p.setAttributes.equals(setAttributes)
                && p.removedAttributes.equals(removedAttributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields, setAttributes, removedAttributes);
    }

    /** @return the names of the fields and attributes the patch changes, never a value */
    @Override
    public String toString() {
        return "EmployeePatch[fields=" + fields.keySet() + ", set=" + setAttributes.keySet() + ", removed="
                + removedAttributes + "]";
    }

    /** Builds an {@link EmployeePatch}. Not thread-safe. */
    public static final class Builder {
        private final EnumMap<Field, Object> fields = new EnumMap<>(Field.class);
        private final TreeMap<String, AttributeValue> setAttributes = new TreeMap<>();
        private final TreeSet<String> removedAttributes = new TreeSet<>();

        private Builder() {
        }

        /**
         * @param fullName the new full name (required by the model: {@code null} or blank is rejected when the patch
         *                 is applied)
         * @return this builder
         */
        public Builder fullName(String fullName) {
            return text(Field.FULL_NAME, fullName);
        }

        /**
         * @param jobTitle the new job title; {@code null} or empty removes it
         * @return this builder
         */
        public Builder jobTitle(String jobTitle) {
            return text(Field.JOB_TITLE, jobTitle);
        }

        /**
         * @param location the new location; {@code null} or empty removes it
         * @return this builder
         */
        public Builder location(String location) {
            return text(Field.LOCATION, location);
        }

        /**
         * @param photoKey the new photo key; {@code null} or empty removes it
         * @return this builder
         */
        public Builder photoKey(String photoKey) {
            return text(Field.PHOTO_KEY, photoKey);
        }

        private Builder text(Field field, String value) {
            fields.put(field, value == null || value.isEmpty() ? null : value);
            return this;
        }

        /**
         * Replaces every badge.
         *
         * @param badges the new badges; {@code null} or empty removes every badge
         * @return this builder
         * @throws InvalidInputException if a badge is {@code null}
         */
        public Builder badges(Collection<String> badges) {
            // the model's own set: the same null check and code-point order as Employee
            Set<String> normalized = Employee.builder().badges(badges).build().badges();
            fields.put(Field.BADGES, normalized);
            return this;
        }

        /**
         * Sets (adds or replaces) one flexible attribute.
         *
         * @param name  the attribute name
         * @param value the value
         * @return this builder
         * @throws InvalidInputException if the name or value is {@code null}
         */
        public Builder attribute(String name, AttributeValue value) {
            Employee.builder().attribute(name, value);      // the model's own null checks and messages
            removedAttributes.remove(name);
            setAttributes.put(name, value);
            return this;
        }

        /**
         * Removes one flexible attribute; removing an attribute the employee does not have is no change.
         *
         * @param name the attribute name
         * @return this builder
         * @throws InvalidInputException if the name is {@code null}
         */
        public Builder removeAttribute(String name) {
            if (name == null) {
                throw new InvalidInputException(List.of(new Violation("attributes", "name must not be null")));
            }
            setAttributes.remove(name);
            removedAttributes.add(name);
            return this;
        }

        /** @return the patch */
        public EmployeePatch build() {
            return new EmployeePatch(this);
        }
    }
}
