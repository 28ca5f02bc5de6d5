package io.github.employeestore.directory.internal.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code application/x-www-form-urlencoded} text (a query string or a form body) strictly: a malformed
 * percent-escape or bytes that are not well-formed UTF-8 are an error, never a silent U+FFFD or a dropped
 * parameter. Stateless.
 */
final class StrictParameters {
    /**
     * The most parameters of one request, query and form body together: the same limit for both (the edit form has
     * at most 100 attribute rows of 3 fields, 50 badges and a few buttons).
     */
    static final int MAX_PARAMETERS = 1_000;

    private StrictParameters() {
    }

    /**
     * @param raw the raw text, {@code null} for none
     * @param into where the parameters go, in order
     * @throws MalformedException naming what is wrong (never the value), or when {@code into} would hold more than
     *                            {@link #MAX_PARAMETERS} values
     */
    static void parse(byte[] raw, Map<String, List<String>> into) {
        if (raw == null || raw.length == 0) {
            return;
        }
        int count = into.values().stream().mapToInt(List::size).sum();
        int start = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == '&') {
                if (i > start) {
                    if (++count > MAX_PARAMETERS) {
                        throw new MalformedException("a request may carry at most " + MAX_PARAMETERS
                                + " parameters (query and form together)");
                    }
                    int eq = -1;
                    for (int j = start; j < i; j++) {
                        if (raw[j] == '=') {
                            eq = j;
                            break;
                        }
                    }
                    String name = decode(raw, start, eq < 0 ? i : eq);
                    String value = eq < 0 ? "" : decode(raw, eq + 1, i);
                    into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
                start = i + 1;
            }
        }
    }

    /** @return a new, ordered parameter map */
    static Map<String, List<String>> newMap() {
        return new LinkedHashMap<>();
    }

    private static String decode(byte[] raw, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = raw[i];
            if (b == '+') {
                out[n++] = ' ';
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw new MalformedException("a percent-escape is cut short");
                }
                int hi = Character.digit(raw[i + 1], 16);
                int lo = Character.digit(raw[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw new MalformedException("a percent-escape is not two hexadecimal digits");
                }
                out[n++] = (byte) (hi * 16 + lo);
                i += 2;
            } else {
                out[n++] = b;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedException("the text is not well-formed UTF-8");
        }
    }

    /** Input that is not well-formed form encoding: 400. */
    static final class MalformedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }
}
