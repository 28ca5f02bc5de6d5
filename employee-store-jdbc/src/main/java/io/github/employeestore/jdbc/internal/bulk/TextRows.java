package io.github.employeestore.jdbc.internal.bulk;

import io.github.employeestore.Employee;
import io.github.employeestore.spi.EmployeeCodec;
import io.github.employeestore.spi.ImportPlan;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Encodes employees as the tab-separated text that PostgreSQL's {@code COPY ... FROM STDIN} (text format) and
 * MySQL/MariaDB's {@code LOAD DATA ... FIELDS TERMINATED BY '\t' ESCAPED BY '\\'} both read: one line per row, the
 * columns in {@code Sql.COLUMNS} order, UTF-8, {@code \N} for SQL NULL, and backslash escapes for backslash, tab,
 * newline and carriage return (the four characters both formats give a meaning to). The buffer is reused, and rows are
 * encoded as they are sent, so memory stays at one piece of text. Not thread-safe.
 */
final class TextRows {
    /** The size of the pieces sent to the database: large enough for few calls, small enough to stream. */
    static final int PIECE = 1 << 16;
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

    /**
     * @param rows the rows to encode
     * @return a stream that encodes the rows as it is read, about 64 KiB at a time, so that encoding overlaps with
     *         the database's loading and memory stays at one piece whatever the number of rows
     */
    InputStream stream(List<ImportPlan.Entry> rows) {
        Iterator<ImportPlan.Entry> it = rows.iterator();
        reset();
        return new InputStream() {
            private int pos;

            private boolean fill() {
                if (pos < size) {
                    return true;
                }
                TextRows.this.reset();
                pos = 0;
                while (size < PIECE && it.hasNext()) {
                    TextRows.this.append(it.next().employee());
                }
                return size > 0;
            }

            @Override
            public int read() {
                return fill() ? buf[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(len, size - pos);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                return n;
            }
        };
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
        return EmployeeCodec.badgesToJson(e.badges());
    }

    /** The one place the bulk paths encode the attributes column. */
    private static String attributesJson(Employee e) {
        return EmployeeCodec.attributesToJson(e.attributes());
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
        if (n < 0) {
            // only a timestamp before 1970 is negative; Long.MIN_VALUE has no positive counterpart
            String s = Long.toString(n);
            for (int i = 0; i < s.length(); i++) {
                put((byte) s.charAt(i));
            }
            return;
        }
        // the digits straight into the buffer, no string made
        int digits = 1;
        for (long rest = n / 10; rest > 0; rest /= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = size + digits - 1; i >= size; i--) {
            buf[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        size += digits;
    }

    private void text(String s) {
        int n = s.length();
        // the common case first: printable ASCII without a backslash, copied in one tight loop into room made once
        ensure(n);
        byte[] out = buf;
        int at = size;
        int i = 0;
        for (; i < n; i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || ch >= 0x80 || ch == '\\') {
                break;
            }
            out[at++] = (byte) ch;
        }
        size = at;
        for (; i < n; i++) {
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
