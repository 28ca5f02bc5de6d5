package io.github.employeestore.tck;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.VersionConflictException;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static io.github.employeestore.tck.BrokenStores.memory;

/**
 * Broken rules of the model, mapping and errors: each entry's comment names the backend mistake it models. A store
 * that accepts what it must reject is modelled by rewriting the input into something valid before the reference
 * store sees it, as a backend with its own faulty check would store it.
 */
enum BrokenRules implements BrokenStore {
    /** "Blank" tested with String.isBlank, which does not know the no-break spaces. */
    BLANK_NAME_BY_IS_BLANK(rewriting(e -> e.fullName() != null && !e.fullName().isBlank()
            && e.fullName().codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))
            ? e.toBuilder().fullName("(blank)").build() : e), "TextRules.exoticWhitespace §3.2.4"),

    /**
     * The job title trimmed with String.strip before it is written (a form binder's trimmer): whitespace around it is
     * lost, and the write returns and stores the trimmed title.
     */
    JOB_TITLE_STRIPPED(rewriting(e -> e.jobTitle() == null ? e : e.toBuilder().jobTitle(e.jobTitle().strip())
            .build()), "TextRules.exoticWhitespace §3.2.4"),

    /** Lengths checked in UTF-16 units (String.length), so astral characters count twice. */
    LENGTH_IN_UTF16_UNITS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            check(employee);
            return delegate.put(employee);
        }

        @Override
        public Employee create(Employee draft) {
            check(draft);
            return delegate.create(draft);
        }

        private void check(Employee e) {
            if (e.id() != null && e.id().length() > 128 || e.fullName() != null && e.fullName().length() > 200) {
                throw InvalidInputException.of(e.id() != null && e.id().length() > 128 ? "id" : "fullName",
                        "too long");
            }
        }
    }, "LimitsAndUnicode.idLimit §3.1.1", "TextRules.lengthsCountCharactersInEveryField §3.2.1"),

    /** The location column holds 200 bytes, not characters: longer UTF-8 is cut to fit. */
    LOCATION_LIMIT_IN_BYTES(rewriting(e -> {
        String l = e.location();
        if (l == null || l.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 200) {
            return e;
        }
        StringBuilder b = new StringBuilder();
        l.codePoints().takeWhile(c -> b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + new String(Character.toChars(c)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 200)
                .forEach(b::appendCodePoint);
        return e.toBuilder().location(b.toString()).build();
    }), "LimitsAndUnicode.textLimits §3.1.2", "TextRules.lengthsCountCharactersInEveryField §3.2.1"),

    /** U+0000 checked in the full name only; the job title's is dropped by the driver. */
    NUL_CHECKED_ON_FULL_NAME_ONLY(rewriting(e -> e.jobTitle() != null && e.jobTitle().indexOf('\u0000') >= 0
            ? e.toBuilder().jobTitle(blankToNull(e.jobTitle().replace("\u0000", ""))).build() : e),
            "TextRules.nulInEveryField §3.2.3"),

    /** Unpaired surrogates in attribute text replaced with U+FFFD by the UTF-8 encoder instead of rejected. */
    SURROGATES_REPLACED_IN_ATTRIBUTES(rewriting(e -> {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        e.attributes().forEach((k, v) -> attributes.put(k, mapText(v, BrokenRules::replaceSurrogates)));
        return e.toBuilder().attributes(attributes).build();
    }), "TextRules.unpairedSurrogatesInEveryField §3.2.2", "Validation.malformedText §3.2.2"),

    /** Names inside map values cut to 255 UTF-16 units (a VARCHAR key) instead of rejected past 255 characters. */
    MAP_NAMES_TRUNCATED(rewriting(e -> {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        e.attributes().forEach((k, v) -> attributes.put(k, truncateMapNames(v)));
        return e.toBuilder().attributes(attributes).build();
    }), "TextRules.lengthsCountCharactersInEveryField §3.2.1"),

    /** Only the storage column names are reserved; the Java names (fullName, createdAt, ...) are accepted. */
    RESERVED_NAMES_COLUMNS_ONLY(rewriting(e -> {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        e.attributes().forEach((k, v) -> attributes.put(isJavaName(k) ? "x_" + k : k, v));
        return e.toBuilder().attributes(attributes).build();
    }), "FlexibleAttributes.attributeNames §3.1.5"),

    /** Attribute names folded to lower case (unquoted PostgreSQL identifiers, case-insensitive JSON keys). */
    ATTRIBUTE_NAMES_LOWER_CASED(rewriting(e -> {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        e.attributes().forEach((k, v) -> attributes.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
        return e.toBuilder().attributes(attributes).build();
    }), "FlexibleAttributes.attributeNames §3.1.5"),

    /** Numbers inside lists and maps written as JSON strings by the encoder. */
    NESTED_NUMBERS_AS_TEXT(rewriting(e -> {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        e.attributes().forEach((k, v) -> attributes.put(k, v instanceof AttributeValue.NumberValue ? v
                : nestedNumbersAsText(v)));
        return e.toBuilder().attributes(attributes).build();
    }), "FlexibleAttributes.everyKind §3.3.1"),

    /** Booleans stored as 1/0 (a TINYINT column or a JSON encoder without booleans). */
    BOOLEANS_AS_NUMBERS(rewriting(e -> {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        e.attributes().forEach((k, v) -> attributes.put(k, v instanceof AttributeValue.BooleanValue b
                ? AttributeValue.of(b.value() ? 1 : 0) : v));
        return e.toBuilder().attributes(attributes).build();
    }), "FlexibleAttributes.everyKind §3.3.1", "Create.roundTripsEveryField §3.1.7"),

    /** Empty lists and maps dropped on write (treated like DynamoDB's empty sets). */
    EMPTY_COLLECTIONS_DROPPED(rewriting(e -> {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        e.attributes().forEach((k, v) -> {
            boolean empty = v instanceof AttributeValue.ListValue l && l.values().isEmpty()
                    || v instanceof AttributeValue.MapValue m && m.values().isEmpty();
            if (!empty) {
                attributes.put(k, v);
            }
        });
        return e.toBuilder().attributes(attributes).build();
    }), "FlexibleAttributes.everyKind §3.3.1"),

    /** Ids assigned from a sequence instead of random UUIDs. */
    SEQUENTIAL_IDS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final AtomicLong next = new AtomicLong(1);

        @Override
        public Employee create(Employee draft) {
            return delegate.create(draft.id() != null ? draft
                    : draft.toBuilder().id(Long.toString(next.getAndIncrement())).build());
        }
    }, "Create.assignsId §4.2.1", "Generated.sequencesAgreeWithTheReferenceModel §4.2.1"),

    /** create returns the timestamps it computed, with their nanoseconds, not what it stored. */
    CREATE_RETURNS_UNTRUNCATED_TIMESTAMPS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            Employee created = delegate.create(draft);
            Instant now = clock.instant();
            return created.toBuilder().createdAt(now).updatedAt(now).build();
        }
    }, "Create.assignsId §4.2.1"),

    /** update returns the time it computed, with its nanoseconds, as updatedAt, not what it stored. */
    UPDATE_RETURNS_AN_UNTRUNCATED_UPDATED_AT(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            return delegate.update(changed).toBuilder().updatedAt(clock.instant()).build();
        }
    }, "Concurrency.concurrentUpdates §4.5.5"),

    /** Only the first violation is reported (validation stops at the first error). */
    FIRST_VIOLATION_ONLY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            try {
                return delegate.create(draft);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(List.of(e.violations().get(0)), e);
            }
        }
    }, "Validation.allViolationsAtOnce §5.3"),

    /** The duplicate-key error's message carries the row it failed to insert. */
    ALREADY_EXISTS_MESSAGE_LEAKS_VALUES(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee create(Employee draft) {
            try {
                return delegate.create(draft);
            } catch (EmployeeAlreadyExistsException e) {
                throw new EmployeeAlreadyExistsException(draft.id() + " (row: " + draft.fullName() + ")", e);
            }
        }
    }, "Create.existingIdRejected §4.2.3"),

    /** A version conflict reports the version the caller expected as the stored one. */
    CONFLICT_REPORTS_WRONG_ACTUAL_VERSION(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee update(Employee changed) {
            try {
                return delegate.update(changed);
            } catch (VersionConflictException e) {
                throw new VersionConflictException(e.id(), e.expectedVersion(), OptionalLong.of(e.expectedVersion()),
                        e);
            }
        }
    }, "Update.versionConflict §4.5.2"),

    /** "Not found" names the table instead of the id. */
    NOT_FOUND_NAMES_THE_TABLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public void delete(String id, long expectedVersion) {
            try {
                delegate.delete(id, expectedVersion);
            } catch (EmployeeNotFoundException e) {
                throw new EmployeeNotFoundException("employees", e);
            }
        }
    }, "SchemaAndErrors.exceptionHierarchy §5.1"),

    /**
     * Keys employees by the NFC form of their id, computed after the id passed validation (so that canonically
     * equivalent ids are one employee): an id written with combining marks is stored, found and returned composed.
     */
    IDS_KEYED_IN_NFC(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Employee put(Employee employee) {
            return delegate.put(employee == null || employee.id() == null ? employee
                    : employee.toBuilder().id(key(employee.id())).build());
        }

        @Override
        public java.util.Optional<Employee> get(String id) {
            return delegate.get(key(id));
        }

        @Override
        public boolean delete(String id) {
            return delegate.delete(key(id));
        }

        private static String key(String id) {
            return id == null || id.codePointCount(0, id.length()) > io.github.employeestore.Limits.MAX_ID_LENGTH
                    ? id : java.text.Normalizer.normalize(id, java.text.Normalizer.Form.NFC);
        }
    }, "TextRules.lengthsCountCharactersInEveryField §3.2.1"),

    /**
     * Builds getAll's key list as text and leaves out the ids it cannot quote (a quote, a double quote or a
     * backslash): those employees are missing from the result, as if absent, though get reads each of them.
     */
    GET_ALL_LEAVES_OUT_IDS_IT_CANNOT_QUOTE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Map<String, Employee> getAll(java.util.Collection<String> ids) {
            if (ids == null) {
                return delegate.getAll(null);
            }
            return delegate.getAll(ids.stream().filter(id -> id == null || id.chars().noneMatch(c -> c == '\''
                    || c == '"' || c == '\\')).toList());
        }
    }, "LimitsAndUnicode.metacharacterIds §5.7");

    static boolean isJavaName(String name) {
        return Set.of("fullName", "jobTitle", "photoKey", "createdAt", "updatedAt", "attributes").contains(name);
    }

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenRules(Function<Clock, EmployeeStore> factory, String... mustFail) {
        this.factory = factory;
        this.mustFail = List.of(mustFail);
    }

    @Override
    public EmployeeStore store(Clock clock) {
        return factory.apply(clock);
    }

    @Override
    public List<String> mustFail() {
        return mustFail;
    }

    /** A store that rewrites every employee given to create, put, update and transact before storing it. */
    static Function<Clock, EmployeeStore> rewriting(UnaryOperator<Employee> rewrite) {
        return clock -> new ForwardingEmployeeStore(memory(clock)) {
            private Employee r(Employee e) {
                return e == null ? null : rewrite.apply(e);
            }

            @Override
            public Employee create(Employee draft) {
                return delegate.create(r(draft));
            }

            @Override
            public Employee put(Employee employee) {
                return delegate.put(r(employee));
            }

            @Override
            public Employee update(Employee changed) {
                return delegate.update(r(changed));
            }
        };
    }

    static String blankToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    static String replaceSurrogates(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append('\uFFFD');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static AttributeValue mapText(AttributeValue v, UnaryOperator<String> f) {
        if (v instanceof AttributeValue.TextValue t) {
            return AttributeValue.of(f.apply(t.value()));
        } else if (v instanceof AttributeValue.ListValue l) {
            return AttributeValue.of(l.values().stream().map(x -> mapText(x, f)).toList());
        } else if (v instanceof AttributeValue.MapValue m) {
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            m.values().forEach((k, x) -> map.put(f.apply(k), mapText(x, f)));
            return AttributeValue.of(map);
        }
        return v;
    }

    static AttributeValue truncateMapNames(AttributeValue v) {
        if (v instanceof AttributeValue.ListValue l) {
            return AttributeValue.of(l.values().stream().map(BrokenRules::truncateMapNames).toList());
        } else if (v instanceof AttributeValue.MapValue m) {
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            m.values().forEach((k, x) -> map.put(k.length() > 255 ? k.substring(0, 255) : k, truncateMapNames(x)));
            return AttributeValue.of(map);
        }
        return v;
    }

    static AttributeValue nestedNumbersAsText(AttributeValue v) {
        if (v instanceof AttributeValue.NumberValue n) {
            return AttributeValue.of(n.value().toPlainString());
        } else if (v instanceof AttributeValue.ListValue l) {
            return AttributeValue.of(l.values().stream().map(BrokenRules::nestedNumbersAsText).toList());
        } else if (v instanceof AttributeValue.MapValue m) {
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            m.values().forEach((k, x) -> map.put(k, nestedNumbersAsText(x)));
            return AttributeValue.of(map);
        }
        return v;
    }
}
