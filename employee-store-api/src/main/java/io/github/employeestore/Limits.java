package io.github.employeestore;

/**
 * The portable limits of the model and of the store's calls. Every backend enforces exactly these, so any stored
 * employee can be copied to any other backend. Lengths count Unicode characters (code points), not UTF-16 units:
 * an emoji counts as one character.
 *
 * <p>Besides the numbers below, every text (id, core fields, badges, attribute names, nested map names, text values)
 * must be well-formed Unicode (no unpaired surrogates) and must not contain U+0000, which PostgreSQL cannot store.
 * Ids must not contain control characters nor begin or end with whitespace.
 */
public final class Limits {
    /** Maximum characters of an id. */
    public static final int MAX_ID_LENGTH = 128;
    /** Maximum characters of a full name. */
    public static final int MAX_FULL_NAME_LENGTH = 200;
    /** Maximum characters of a job title. */
    public static final int MAX_JOB_TITLE_LENGTH = 200;
    /** Maximum characters of a location. */
    public static final int MAX_LOCATION_LENGTH = 200;
    /** Maximum number of badges. */
    public static final int MAX_BADGES = 50;
    /** Maximum characters of one badge. */
    public static final int MAX_BADGE_LENGTH = 64;
    /** Maximum characters of a photo key. */
    public static final int MAX_PHOTO_KEY_LENGTH = 1024;
    /** Maximum number of flexible attributes. */
    public static final int MAX_ATTRIBUTES = 100;
    /** Maximum characters of an attribute name (names match {@code [A-Za-z_][A-Za-z0-9_]{0,63}}). */
    public static final int MAX_ATTRIBUTE_NAME_LENGTH = 64;
    /** Maximum characters of a name inside a map value. */
    public static final int MAX_MAP_NAME_LENGTH = 255;
    /**
     * Maximum nesting depth of an attribute value. A text, number or boolean has depth 1; a list or map has depth 1
     * plus the greatest depth of its elements (1 when empty).
     */
    public static final int MAX_ATTRIBUTE_DEPTH = 16;
    /** Maximum significant digits of a number (as DynamoDB). */
    public static final int MAX_NUMBER_DIGITS = 38;
    /** Smallest decimal exponent of a non-zero number's magnitude: {@code 1E-130} (as DynamoDB). */
    public static final int MIN_NUMBER_EXPONENT = -130;
    /** Largest decimal exponent of a number's magnitude: below {@code 1E+126} (as DynamoDB). */
    public static final int MAX_NUMBER_EXPONENT = 125;
    /**
     * Maximum size in bytes of an employee serialised as a DynamoDB item (350 KiB; DynamoDB's own limit is 400 KB).
     * See {@link io.github.employeestore.spi.ItemSize} for how it is computed.
     */
    public static final int MAX_ITEM_BYTES = 350 * 1024;
    /** Maximum page size. */
    public static final int MAX_PAGE_SIZE = 1000;
    /** Maximum number of ids given to {@code getAll}. */
    public static final int MAX_GET_ALL_IDS = 1000;
    /** Maximum number of operations in one transaction. */
    public static final int MAX_TRANSACTION_OPERATIONS = 100;
    /**
     * Maximum total size of the employees one transaction writes (creates, updates and puts), each measured by
     * {@link io.github.employeestore.spi.ItemSize}: DynamoDB's transaction limit, enforced by every backend so that a
     * transaction accepted by one is accepted by all.
     */
    public static final long MAX_TRANSACTION_BYTES = 4_000_000L;
    /**
     * The longest id, in bytes of UTF-8, of an item any backend stores, including items written by other programs:
     * DynamoDB's partition-key limit (2,048 bytes). The model's own ids are shorter ({@link #MAX_ID_LENGTH}
     * characters), but a table may hold longer ones written by others, and a cursor must be able to continue after
     * any of them (CONTRACT §4.16.2).
     */
    public static final int MAX_STORED_ID_BYTES = 2048;
    /**
     * The longest full name, in bytes of UTF-8, of an item in an index a {@code find} cursor continues in,
     * including items written by other programs: DynamoDB's sort-key limit (1,024 bytes).
     */
    public static final int MAX_STORED_NAME_BYTES = 1024;
    /**
     * Maximum length of a cursor the store accepts. Cursors the stores issue are at most 1,024 characters whenever
     * the last item's id and full name fit in 740 bytes of UTF-8 (for example any id of up to 128 ASCII characters
     * with a name of up to 200 characters of the Basic Multilingual Plane), and at most 4,120 characters for any
     * position a backend can store: an id of {@link #MAX_STORED_ID_BYTES} and a full name of
     * {@link #MAX_STORED_NAME_BYTES}, written by another program.
     */
    public static final int MAX_CURSOR_LENGTH = 4200;
    /**
     * The highest version an employee can have: 2<sup>53</sup>&minus;1, the largest integer that JSON readers,
     * JavaScript and DynamoDB clients all read exactly (CONTRACT §4.1.2). {@code importAll} reports a higher version;
     * a write of an employee stored at this version is rejected ({@code InvalidInputException}, field
     * {@code version}, nothing written) rather than wrapped; an item written by other code with a higher version is
     * unreadable.
     */
    public static final long MAX_VERSION = (1L << 53) - 1;
    /** Earliest timestamp any backend can store. */
    public static final java.time.Instant MIN_TIMESTAMP = java.time.Instant.parse("1970-01-01T00:00:00Z");
    /** Latest timestamp any backend can store. */
    public static final java.time.Instant MAX_TIMESTAMP = java.time.Instant.parse("9999-12-31T23:59:59.999Z");

    private Limits() {
    }
}
