package io.github.employeestore.spi;

import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreOptions;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed store URL of the form {@code scheme:path?name=value&name=value}, with percent-decoded option values, for
 * providers to share one parser. Immutable and thread-safe.
 *
 * @param scheme  the part before the first {@code ':'}, lower case
 * @param path    the part between the scheme and {@code '?'} (may be empty)
 * @param options the options of the query string merged with (and overridden by) the {@link StoreOptions}
 */
public record StoreUrl(String scheme, String path, Map<String, String> options) {

    /** Copies the options. */
    public StoreUrl {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * @param url     the URL
     * @param options options that override those in the URL
     * @return the parsed URL
     * @throws StoreConfigurationException if the URL has no scheme or a malformed query string
     */
    public static StoreUrl parse(String url, StoreOptions options) {
        int colon = url.indexOf(':');
        if (colon <= 0) {
            throw new StoreConfigurationException("store URL has no scheme: '" + describe(url) + "'");
        }
        String scheme = url.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        String rest = url.substring(colon + 1);
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        Map<String, String> merged = new LinkedHashMap<>();
        if (q >= 0 && q + 1 < rest.length()) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new StoreConfigurationException("malformed option in " + describe(url)
                            + " URL: expected name=value");
                }
                try {
                    merged.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new StoreConfigurationException("malformed percent-encoding in " + describe(url)
                            + " URL options", e);
                }
            }
        }
        merged.putAll(options.options());
        return new StoreUrl(scheme, path, merged);
    }

    /**
     * @param name an option name
     * @return its value, if given
     */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /**
     * A description of a URL that is safe to put in messages and logs: its scheme(s) only, never credentials.
     *
     * @param url a URL (may be malformed)
     * @return e.g. {@code "jdbc:mysql:"} or {@code "dynamodb:"}
     */
    public static String describe(String url) {
        if (url == null) {
            return "null";
        }
        int first = url.indexOf(':');
        if (first < 0) {
            return "(no scheme)";
        }
        int end = first + 1;
        if (url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            int second = url.indexOf(':', 5);
            if (second > 0) {
                end = second + 1;
            }
        }
        String s = url.substring(0, end);
        return s.matches("[A-Za-z0-9:+.-]*") ? s : "(malformed)";
    }
}
