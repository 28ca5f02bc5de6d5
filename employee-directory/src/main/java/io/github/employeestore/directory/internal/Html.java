package io.github.employeestore.directory.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Escaping for server-rendered HTML. Every value that reaches a page goes through {@link #text(String)} (element
 * content and quoted attribute values alike) or {@link #url(String)} (one URL component).
 *
 * <p>Stateless and thread-safe.
 */
public final class Html {
    private Html() {
    }

    /**
     * Escapes text for element content and for double- or single-quoted attribute values.
     *
     * @param s the text, or {@code null} (rendered as empty)
     * @return the escaped text
     */
    public static String text(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Encodes one URL component (a path segment or a query value); spaces become {@code %20}.
     *
     * @param s the text
     * @return the encoded text
     */
    public static String url(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
