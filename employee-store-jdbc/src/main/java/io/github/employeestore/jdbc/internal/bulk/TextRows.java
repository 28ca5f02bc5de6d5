package io.github.employeestore.jdbc.internal.bulk;

import io.github.employeestore.Employee;
import io.github.employeestore.jdbc.internal.JsonCodec;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes employees as the tab-separated text that PostgreSQL's {@code COPY ... FROM STDIN} (text format) and
 * MySQL/MariaDB's {@code LOAD DATA ... FIELDS TERMINATED BY '\t' ESCAPED BY '\\'} both read: one line per row, the
 * columns in {@code Sql.COLUMNS} order, UTF-8, {@code \N} for SQL NULL, and backslash escapes for backslash, tab,
 * newline and carriage return (the four characters both formats give a meaning to). The buffer is reused from chunk
 * to chunk, so memory stays at one chunk's text. Not thread-safe.
 */
final class TextRows {
    private byte[] buf = new byte[1 << 16];
    private int size;

    /** Empties the buffer, keeping its capacity. */
    void reset() {
        size = 0;
    }

    /** @return the number of bytes encoded since the last reset */
    int size() {
        return size;
    }

    /** @return the encoded bytes (valid up to {@link #size()}) */
    byte[] bytes() {
        return buf;
    }

    /** @return a stream over the encoded bytes, without copying them */
    InputStream stream() {
        return new ByteArrayInputStream(buf, 0, size);
    }

    /**
     * Appends one employee as one line.
     *
     * @param e the employee, valid, with version and timestamps
     */
    void append(Employee e) {
        text(e.id());
        tab();
        text(e.fullName());
        tab();
        nullable(e.jobTitle());
        tab();
        nullable(e.location());
        tab();
        text(badgesJson(e));
        tab();
        nullable(e.photoKey());
        tab();
        text(attributesJson(e));
        tab();
        number(e.version());
        tab();
        number(e.createdAt().toEpochMilli());
        tab();
        number(e.updatedAt().toEpochMilli());
        put((byte) '\n');
    }

    /** The one place the bulk paths encode the JSON columns (the same encoding the single-row statements bind). */
    private static String badgesJson(Employee e) {
        return JsonCodec.writeBadges(e.badges());
    }

    /** The one place the bulk paths encode the attributes column. */
    private static String attributesJson(Employee e) {
        return JsonCodec.writeAttributes(e.attributes());
    }

    private void tab() {
        put((byte) '\t');
    }

    private void nullable(String s) {
        if (s == null) {
            put((byte) '\\');
            put((byte) 'N');
        } else {
            text(s);
        }
    }

    private void number(long n) {
        String s = Long.toString(n);
        for (int i = 0; i < s.length(); i++) {
            put((byte) s.charAt(i));
        }
    }

    private void text(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                switch (ch) {
                    case '\\' -> escaped('\\');
                    case '\t' -> escaped('t');
                    case '\n' -> escaped('n');
                    case '\r' -> escaped('r');
                    default -> put((byte) ch);
                }
            } else {
                // the rest of the string through the JDK's encoder (surrogate pairs included), then escapes again
                byte[] utf8 = s.substring(i).getBytes(StandardCharsets.UTF_8);
                ensure(utf8.length * 2);
                for (byte b : utf8) {
                    switch (b) {
                        case '\\' -> escaped('\\');
                        case '\t' -> escaped('t');
                        case '\n' -> escaped('n');
                        case '\r' -> escaped('r');
                        default -> buf[size++] = b;
                    }
                }
                return;
            }
        }
    }

    private void escaped(char c) {
        put((byte) '\\');
        put((byte) c);
    }

    private void put(byte b) {
        if (size == buf.length) {
            ensure(1);
        }
        buf[size++] = b;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
