package io.github.employeestore.directory.internal.web;

import java.nio.charset.StandardCharsets;

/**
 * How an employee's id is written in the app's URLs. An id may hold any character but control characters
 * (CONTRACT §3.1.1), so it is always percent-encoded: every UTF-8 byte outside {@code A-Z a-z 0-9 - . _ ~} becomes
 * {@code %XX} ({@code ;}, {@code /}, {@code \}, {@code ?}, {@code #}, {@code %}, {@code +}, {@code &}, spaces, every
 * non-ASCII character). It is decoded exactly once, by the server, into the id itself.
 * <ul>
 *   <li>The JSON API takes it as one path segment: {@code /api/employees/ID}. The ids {@code .} and {@code ..},
 *       which a URL path would remove as dot segments, are written {@code %2E} and {@code %2E%2E}; the server
 *       reads them as ids (a client must send them as they are: browsers and some clients resolve even encoded dot
 *       segments).</li>
 *   <li>The pages take it as the query parameter {@code id}: {@code /employees/edit?id=ID},
 *       {@code /employees/delete?id=ID}, so every id works in a browser too.</li>
 * </ul>
 * Stateless and thread-safe; the pages use an instance as the model attribute {@code ids}.
 */
public final class IdUrls {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * @param id an id
     * @return the id as one path segment of the API
     */
    public static String segment(String id) {
        if (id.equals(".") || id.equals("..")) {
            return id.replace(".", "%2E");
        }
        return encode(id);
    }

    /**
     * @param id an id
     * @return the API URL path of the employee, {@code /api/employees/ID}
     */
    public static String api(String id) {
        return EmployeeApiController.PATH + "/" + segment(id);
    }

    /**
     * @param id an id
     * @return the path and query of the employee's edit page
     */
    public String edit(String id) {
        return "/employees/edit?id=" + encode(id);
    }

    /**
     * @param id an id
     * @return the path and query of the employee's delete confirmation
     */
    public String delete(String id) {
        return "/employees/delete?id=" + encode(id);
    }

    /**
     * @param text any text
     * @return its UTF-8 bytes percent-encoded, all but the unreserved characters of RFC 3986
     */
    static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(bytes.length * 3);
        for (byte x : bytes) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return b.toString();
    }
}
