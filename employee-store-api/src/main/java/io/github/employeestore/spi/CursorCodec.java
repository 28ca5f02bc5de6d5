package io.github.employeestore.spi;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Limits;
import io.github.employeestore.Page;
import io.github.employeestore.UnreadableEmployeeException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Encodes and checks the cursors of {@code list} and {@code find}, for every backend to reuse.
 *
 * <p>A cursor carries a page's position as a list of key values (for example the last id, or the last full name
 * and id). It is URL-safe base64 without padding, compressed when it is long and that makes it shorter, and
 * sealed with a 96-bit HMAC-SHA256 tag over the position and its <em>binding</em>: the backend, the table, the
 * operation and the query's criteria. A cursor that was altered, truncated, or issued for another backend, table or
 * query fails the check and is rejected with {@link InvalidInputException} on field {@code cursor} &mdash; never a
 * wrong page.
 *
 * <p>The tag protects integrity, not secrecy: a cursor holds its key values in readable form (base64), so do not
 * treat cursors as secret. The tag key is, by default, a constant of this library, so that cursors stay valid across
 * restarts and across the instances of a stateless web tier; the check then stops corruption and mix-ups, but anyone
 * who reads this source could mint a cursor that chooses where a listing starts. A deployment that wants cursors
 * only it can issue gives every instance the same secret as the store option {@value #KEY_OPTION} (see
 * {@link #forStore(String, String, String)}): cursors then survive restarts as long as the key stays the same.
 * Either way, every key value decoded from a cursor is checked before a backend sees it (well-formed Unicode, no
 * U+0000, and for the positions of {@link #listAfterId} and {@link #findAfter} a non-empty id of at most
 * {@link Limits#MAX_STORED_ID_BYTES} and a non-empty full name of at most {@link Limits#MAX_STORED_NAME_BYTES} bytes),
 * so that even a forged position is an {@link InvalidInputException}, never a driver error; the model's stricter
 * rules on ids and names are not applied, because an item written by another program may break them and a listing
 * must continue after it (CONTRACT §4.16.2). See {@link Limits#MAX_CURSOR_LENGTH} for sizes.
 *
 * <p>Immutable and thread-safe.
 */
public final class CursorCodec {
    private static final byte RAW = 1;
    private static final byte DEFLATED = 2;
    private static final int TAG_BYTES = 12;
    private static final int MAX_PAYLOAD = 8 * 1024;
    /**
     * Payloads up to this many bytes are not compressed: the position of a page of ordinary names and ids is a few
     * dozen bytes, which compression hardly shortens, while setting up a compressor costs more than the rest of the
     * cursor; longer positions (ids and names written by others, up to the limits) are compressed when that makes
     * them shorter, which keeps every cursor within {@link Limits#MAX_CURSOR_LENGTH}.
     */
    private static final int COMPRESS_ABOVE = 160;
    private static final byte[] DEFAULT_KEY = "io.github.employeestore/cursor/v1".getBytes(StandardCharsets.UTF_8);

    /** The store option (URL or {@link io.github.employeestore.StoreOptions}) that carries a per-deployment key. */
    public static final String KEY_OPTION = "cursorKey";

    /** The shortest per-deployment key accepted, in characters. */
    public static final int MIN_KEY_LENGTH = 16;

    private final String binding;
    private final SecretKeySpec key;
    /** An initialized MAC that each tag clones (cheaper than looking the algorithm up and keying it again). */
    private final Mac prototype;

    private CursorCodec(String binding, byte[] key) {
        this.binding = binding;
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.prototype = newMac();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /**
     * A codec sealing with the library's default key, which every instance and every restart shares.
     *
     * @param backend a stable name of the backend kind, e.g. {@code "jdbc"} or {@code "dynamodb"}
     * @param table   the table (or other namespace) the store reads
     * @return a codec whose cursors are valid only for that backend and table
     */
    public static CursorCodec forStore(String backend, String table) {
        return forStore(backend, table, null);
    }

    /**
     * A codec sealing with a per-deployment key: give every instance that serves the same store the same key, and
     * cursors are valid across instances and restarts, while nobody without the key can mint one.
     *
     * @param backend a stable name of the backend kind, e.g. {@code "jdbc"} or {@code "dynamodb"}
     * @param table   the table (or other namespace) the store reads
     * @param key     the secret (the value of option {@value #KEY_OPTION}), at least {@value #MIN_KEY_LENGTH}
     *                characters; {@code null} for the library's default key
     * @return a codec whose cursors are valid only for that backend, table and key
     * @throws io.github.employeestore.StoreConfigurationException if the key is shorter than
     *                                                             {@value #MIN_KEY_LENGTH} characters
     */
    public static CursorCodec forStore(String backend, String table, String key) {
        if (key != null && key.length() < MIN_KEY_LENGTH) {
            throw new io.github.employeestore.StoreConfigurationException("option " + KEY_OPTION
                    + " must have at least " + MIN_KEY_LENGTH + " characters");
        }
        return new CursorCodec(Objects.requireNonNull(backend, "backend") + '\u0000'
                + Objects.requireNonNull(table, "table"),
                key == null ? DEFAULT_KEY : ("key\u0000" + key).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param position the key values of the last item of a {@code list} page
     * @return the cursor
     */
    public String encodeList(List<String> position) {
        return encode(context("list", null), position);
    }

    /**
     * @param cursor        a cursor from {@link #encodeList(List)}
     * @param expectedParts how many key values the position has
     * @return the position; every key value is well-formed Unicode without U+0000
     * @throws InvalidInputException if the cursor is not a genuine {@code list} cursor of this store
     */
    public List<String> decodeList(String cursor, int expectedParts) {
        return decode(context("list", null), cursor, expectedParts);
    }

    /**
     * Decodes the cursor of a {@code list} page positioned by id, as {@link #listPage(List, int)} makes.
     *
     * @param page the requested page
     * @return the id to continue after, or {@code null} for the first page: a stored id (see
     *         {@link #storedId(String)}), which may be longer than the model allows when another program wrote it
     * @throws InvalidInputException if the cursor is not a genuine {@code list} cursor of this store
     */
    public String listAfterId(io.github.employeestore.PageRequest page) {
        return page.cursor().map(c -> storedId(decodeList(c, 1).get(0))).orElse(null);
    }

    /**
     * @param query    the query of the page
     * @param position the key values of the last item of a {@code find} page
     * @return the cursor
     */
    public String encodeFind(EmployeeQuery query, List<String> position) {
        return encode(context("find", query), position);
    }

    /**
     * @param query         the query of the requested page
     * @param cursor        a cursor from {@link #encodeFind(EmployeeQuery, List)}
     * @param expectedParts how many key values the position has
     * @return the position; every key value is well-formed Unicode without U+0000
     * @throws InvalidInputException if the cursor is not a genuine cursor of this query on this store
     */
    public List<String> decodeFind(EmployeeQuery query, String cursor, int expectedParts) {
        return decode(context("find", query), cursor, expectedParts);
    }

    /**
     * Decodes the cursor of a {@code find} page as {@link #findPage(EmployeeQuery, List, int)} makes it.
     *
     * @param query the query of the requested page
     * @param page  the requested page
     * @return the full name and id to continue after, or {@code null} for the first page: a non-empty full name
     *         of at most {@link Limits#MAX_STORED_NAME_BYTES} bytes and a stored id (see {@link #storedId(String)});
     *         either may be outside the model's rules when another program wrote the item
     * @throws InvalidInputException if the cursor is not a genuine cursor of this query on this store
     */
    public List<String> findAfter(EmployeeQuery query, io.github.employeestore.PageRequest page) {
        return page.cursor().map(c -> {
            List<String> position = decodeFind(query, c, 2);
            String name = position.get(0);
            if (name.isEmpty() || utf8Length(name) > Limits.MAX_STORED_NAME_BYTES) {
                throw invalid();
            }
            storedId(position.get(1));
            return position;
        }).orElse(null);
    }

    /**
     * Encodes the position of a page in the search order (CONTRACT §4.20.4): of a {@code find} with a name search,
     * or of {@code listByName}.
     *
     * @param query    the query of the page (with a name search), or {@code null} for {@code listByName}
     * @param position the last employee's {@link NameFolding#sortKey(String) sort key}, full name and id
     * @return the cursor, bound to the query (or to {@code listByName}), backend and table
     */
    public String encodeName(EmployeeQuery query, List<String> position) {
        return encode(nameContext(query), position);
    }

    /**
     * Decodes the cursor of a page in the search order, as {@link #namePageOf(EmployeeQuery, List, int)} makes it.
     *
     * @param query the query of the requested page (with a name search), or {@code null} for {@code listByName}
     * @param page  the requested page
     * @return the sort key, full name and id to continue after, or {@code null} for the first page: a sort key of at
     *         most {@link NameFolding#MAX_SORT_KEY_LENGTH} code points (possibly empty), a non-empty full name of at
     *         most {@link Limits#MAX_STORED_NAME_BYTES} bytes and a stored id (see {@link #storedId(String)})
     * @throws InvalidInputException if the cursor is not a genuine cursor of this query (or listing) on this store
     */
    public List<String> nameAfter(EmployeeQuery query, io.github.employeestore.PageRequest page) {
        return page.cursor().map(c -> {
            List<String> position = decode(nameContext(query), c, 3);
            String key = position.get(0);
            String name = position.get(1);
            if (key.codePointCount(0, key.length()) > NameFolding.MAX_SORT_KEY_LENGTH || name.isEmpty()
                    || utf8Length(name) > Limits.MAX_STORED_NAME_BYTES) {
                throw invalid();
            }
            storedId(position.get(2));
            return position;
        }).orElse(null);
    }

    /**
     * Builds a page in the search order from the employees a backend read ahead, as {@link #listPage(List, int)}.
     *
     * @param query     the query of the page (with a name search), or {@code null} for {@code listByName}
     * @param readAhead the employees in the search order, at least {@code size + 1} of them when more may follow
     * @param size      the page size
     * @return the page, its cursor positioned after its last employee's sort key, full name and id
     */
    public Page<Employee> namePage(EmployeeQuery query, List<Employee> readAhead, int size) {
        if (readAhead.size() <= size) {
            return Page.of(readAhead, null);
        }
        List<Employee> items = readAhead.subList(0, size);
        Employee last = items.get(size - 1);
        return Page.of(items, encodeName(query, namePosition(last.fullName(), last.id())));
    }

    /**
     * Builds a page in the search order from stored employees read ahead, readable or not, as
     * {@link #findPageOf(EmployeeQuery, List, int)}; each must have a full name (an index holds only such).
     *
     * @param query     the query of the page (with a name search), or {@code null} for {@code listByName}
     * @param readAhead the stored employees in the search order
     * @param size      the page size
     * @return the page
     */
    public Page<Employee> namePageOf(EmployeeQuery query, List<StoredEmployee> readAhead, int size) {
        boolean more = readAhead.size() > size;
        List<StoredEmployee> rows = more ? readAhead.subList(0, size) : readAhead;
        String cursor = null;
        if (more) {
            StoredEmployee last = rows.get(size - 1);
            cursor = encodeName(query, namePosition(Objects.requireNonNull(last.fullName(), "fullName"), last.id()));
        }
        return split(query == null ? "listByName" : "find", rows, cursor);
    }

    /**
     * @param fullName a full name
     * @param id       an id
     * @return the position of that employee in the search order: sort key, full name, id
     */
    public static List<String> namePosition(String fullName, String id) {
        return List.of(NameFolding.sortKey(fullName), fullName, id);
    }

    private String nameContext(EmployeeQuery query) {
        if (query != null && query.name().isEmpty()) {
            throw new IllegalArgumentException("a query without a name search has no search order");
        }
        return query == null ? context("listByName", null) : context("find", query);
    }

    /**
     * Checks an id decoded from a cursor as an id a backend can hold: not the model's id rules (§3.1.1), which an
     * item written by another program may break (a DynamoDB key of 200 characters), but those of storage: not
     * empty, at most {@link Limits#MAX_STORED_ID_BYTES} bytes of UTF-8 (already well-formed and without U+0000).
     */
    private static String storedId(String id) {
        if (id.isEmpty() || utf8Length(id) > Limits.MAX_STORED_ID_BYTES) {
            throw invalid();
        }
        return id;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Builds a {@code list} page from the rows a backend read ahead: when there are more rows than the page size,
     * the page holds the first {@code size} and a cursor after the last of them; otherwise it is the last page.
     *
     * @param readAhead the rows in list order, at least {@code size + 1} of them when more may follow
     * @param size      the page size
     * @return the page, its cursor positioned after its last employee's id
     */
    public Page<Employee> listPage(List<Employee> readAhead, int size) {
        return listPage(readAhead, size, e -> List.of(e.id()));
    }

    /**
     * Builds a {@code list} page from the rows a backend read ahead, positioned by the backend's own order key: a
     * backend that lists in another order than by id (a hash order, a sort key, an insertion sequence) gives the
     * key values that locate an employee in that order, and decodes them with {@link #decodeList(String, int)}.
     *
     * @param readAhead the rows in the backend's list order, at least {@code size + 1} of them when more may follow
     * @param size      the page size
     * @param orderKey  the key values of an employee in the list order (always the same number of them)
     * @return the page, its cursor positioned after its last employee's order key
     */
    public Page<Employee> listPage(List<Employee> readAhead, int size, Function<Employee, List<String>> orderKey) {
        if (readAhead.size() <= size) {
            return Page.of(readAhead, null);
        }
        List<Employee> items = readAhead.subList(0, size);
        return Page.of(items, encodeList(orderKey.apply(items.get(size - 1))));
    }

    /**
     * Builds a {@code find} page from the rows a backend read ahead, as {@link #listPage(List, int)} does.
     *
     * @param query     the query of the page
     * @param readAhead the rows in find order (full name, then a stable tie order)
     * @param size      the page size
     * @return the page, its cursor positioned after its last employee's full name and id
     */
    public Page<Employee> findPage(EmployeeQuery query, List<Employee> readAhead, int size) {
        if (readAhead.size() <= size) {
            return Page.of(readAhead, null);
        }
        List<Employee> items = readAhead.subList(0, size);
        Employee last = items.get(size - 1);
        return Page.of(items, encodeFind(query, List.of(last.fullName(), last.id())));
    }

    /**
     * Builds a {@code list} page from stored employees read ahead, readable or not: as {@link #listPage(List, int)},
     * with each unreadable one counted at its place, reported in {@link Page#unreadable()} and logged at WARN.
     *
     * @param readAhead the stored employees in list order, at least {@code size + 1} of them when more may follow
     * @param size      the page size
     * @return the page
     */
    public Page<Employee> listPageOf(List<StoredEmployee> readAhead, int size) {
        return listPageOf(readAhead, size, row -> List.of(row.id()));
    }

    /**
     * Builds a {@code list} page from stored employees read ahead, readable or not, positioned by the backend's own
     * order key, as {@link #listPage(List, int, Function)} does.
     *
     * @param readAhead the stored employees in the backend's list order
     * @param size      the page size
     * @param orderKey  the key values of a stored employee in the list order (always the same number of them)
     * @return the page
     */
    public Page<Employee> listPageOf(List<StoredEmployee> readAhead, int size,
                                     Function<StoredEmployee, List<String>> orderKey) {
        boolean more = readAhead.size() > size;
        List<StoredEmployee> rows = more ? readAhead.subList(0, size) : readAhead;
        String cursor = more ? encodeList(orderKey.apply(rows.get(size - 1))) : null;
        return split("list", rows, cursor);
    }

    /**
     * Builds a {@code find} page from stored employees read ahead, readable or not, as
     * {@link #listPageOf(List, int)} does; each must have a full name (an index holds only such).
     *
     * @param query     the query of the page
     * @param readAhead the stored employees in find order
     * @param size      the page size
     * @return the page
     */
    public Page<Employee> findPageOf(EmployeeQuery query, List<StoredEmployee> readAhead, int size) {
        boolean more = readAhead.size() > size;
        List<StoredEmployee> rows = more ? readAhead.subList(0, size) : readAhead;
        String cursor = null;
        if (more) {
            StoredEmployee last = rows.get(size - 1);
            cursor = encodeFind(query, List.of(Objects.requireNonNull(last.fullName(), "fullName"), last.id()));
        }
        return split("find", rows, cursor);
    }

    private static Page<Employee> split(String operation, List<StoredEmployee> rows, String cursor) {
        List<Employee> items = new ArrayList<>(rows.size());
        List<UnreadableEmployeeException> unreadable = new ArrayList<>(0);
        for (StoredEmployee row : rows) {
            if (row.isReadable()) {
                items.add(row.employee());
            } else {
                StoredEmployee.warn(operation, row.unreadable());
                unreadable.add(row.unreadable());
            }
        }
        return Page.of(items, cursor, unreadable);
    }

    private String context(String operation, EmployeeQuery query) {
        StringBuilder sb = new StringBuilder(binding).append('\u0000').append(operation);
        if (query != null) {
            sb.append('\u0000').append(query.location().map(l -> "L" + l).orElse("-"));
            sb.append('\u0000').append(query.jobTitle().map(t -> "T" + t).orElse("-"));
            if (query.name().isPresent()) {
                // bound to the folded words: searches that fold alike have the same results and share cursors
                sb.append('\u0000').append('N').append(String.join(" ", query.nameWords()));
            }
        }
        return sb.toString();
    }

    private String encode(String context, List<String> position) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeVarint(body, position.size());
        for (String part : position) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            writeVarint(body, bytes.length);
            body.writeBytes(bytes);
        }
        byte[] raw = body.toByteArray();
        byte[] deflated = raw.length > COMPRESS_ABOVE ? deflate(raw) : raw;
        byte format = deflated.length < raw.length ? DEFLATED : RAW;
        byte[] payload = format == DEFLATED ? deflated : raw;
        byte[] out = new byte[1 + payload.length + TAG_BYTES];
        out[0] = format;
        System.arraycopy(payload, 0, out, 1, payload.length);
        System.arraycopy(tag(context, out, 1 + payload.length), 0, out, 1 + payload.length, TAG_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    private List<String> decode(String context, String cursor, int expectedParts) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > Limits.MAX_CURSOR_LENGTH) {
            throw invalid();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (bytes.length < 1 + TAG_BYTES) {
            throw invalid();
        }
        int end = bytes.length - TAG_BYTES;
        byte[] expected = tag(context, bytes, end);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, end, bytes.length))) {
            throw invalid();
        }
        byte[] payload = Arrays.copyOfRange(bytes, 1, end);
        if (bytes[0] == DEFLATED) {
            payload = inflate(payload);
        } else if (bytes[0] != RAW) {
            throw invalid();
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        int count = readVarint(in);
        if (count != expectedParts) {
            throw invalid();
        }
        List<String> parts = new ArrayList<>(count);
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        for (int i = 0; i < count; i++) {
            int length = readVarint(in);
            if (length > in.remaining()) {
                throw invalid();
            }
            ByteBuffer slice = in.slice().limit(length);
            in.position(in.position() + length);
            try {
                CharBuffer chars = decoder.decode(slice);
                String part = chars.toString();
                if (part.indexOf('\u0000') >= 0) {
                    throw invalid();
                }
                parts.add(part);
            } catch (CharacterCodingException e) {
                throw invalid();
            }
        }
        if (in.hasRemaining()) {
            throw invalid();
        }
        return parts;
    }

    private static InvalidInputException invalid() {
        return InvalidInputException.of("cursor",
                "is not a cursor of this query on this store (altered, or from another query, table or backend)");
    }

    private byte[] tag(String context, byte[] data, int length) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            mac = newMac();   // a provider whose MAC cannot be cloned
        }
        mac.update(context.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(data, 0, length);
        return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(raw);
            deflater.finish();
            byte[] buffer = new byte[raw.length + 64];
            int n = deflater.deflate(buffer);
            return deflater.finished() ? Arrays.copyOf(buffer, n) : raw;
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] deflated) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(deflated);
            byte[] buffer = new byte[MAX_PAYLOAD];
            int n = inflater.inflate(buffer);
            if (!inflater.finished()) {
                throw invalid();
            }
            return Arrays.copyOf(buffer, n);
        } catch (DataFormatException e) {
            throw invalid();
        } finally {
            inflater.end();
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        while ((value & ~0x7F) != 0) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    private static int readVarint(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            if (!in.hasRemaining()) {
                throw invalid();
            }
            byte b = in.get();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    throw invalid();
                }
                return value;
            }
        }
        throw invalid();
    }
}
