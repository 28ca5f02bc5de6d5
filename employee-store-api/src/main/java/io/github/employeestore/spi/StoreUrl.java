package io.github.employeestore.spi;

import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreOptions;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed store URL, for providers to share one parser. Two forms are understood:
 * <ul>
 *   <li>hierarchical, {@code scheme://[user[:password]@]host[:port][/path][?options]}: {@link #host()} and
 *       {@link #port()} are set, {@link #path()} is what follows the first {@code '/'} after the authority (without
 *       that {@code '/'}); user and password become the options {@code user} and {@code password}. A host may be
 *       an IPv6 literal in brackets ({@code [::1]});</li>
 *   <li>opaque, {@code scheme:path[?options]} (e.g. {@code dynamodb:Employees?region=eu-west-1},
 *       {@code rocksdb:/var/data/my%20dir} or {@code memory:}): {@link #host()} is {@code null}, {@link #port()}
 *       {@code -1}, and {@link #path()} is everything between the scheme and {@code '?'};</li>
 *   <li>local, {@code scheme:///path[?options]} (an empty authority, as in {@code file:///tmp/x}): like the opaque
 *       form, with {@link #path()} the absolute path from its first {@code '/'} ({@code /path}).</li>
 * </ul>
 * The path of every form is percent-decoded ({@code '+'} stays itself there), and so is user info.
 * Options are {@code name=value} pairs separated by {@code '&'}, percent-decoded ({@code '+'} is a space there, as
 * in a form's query string); the {@link StoreOptions} given to
 * {@link #parse(String, StoreOptions)} are merged in and override them. The scheme is lower-cased.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scheme  the part before the first {@code ':'}, lower case
 * @param host    the host of a hierarchical URL (brackets of an IPv6 literal removed), or {@code null}
 * @param port    the port of a hierarchical URL, or {@code -1} when none is given
 * @param path    the path: of a hierarchical URL, after the authority and its {@code '/'}; of an opaque URL, between
 *                the scheme and {@code '?'}; of a local URL ({@code scheme:///path}), from the third {@code '/'};
 *                percent-decoded in every form; may be empty
 * @param options the options of the query string (and user info) merged with, and overridden by, the
 *                {@link StoreOptions}
 */
public record StoreUrl(String scheme, String host, int port, String path, Map<String, String> options) {

    /** Copies the options. */
    public StoreUrl {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * An opaque URL.
     *
     * @param scheme  the scheme
     * @param path    the path
     * @param options the options
     */
    public StoreUrl(String scheme, String path, Map<String, String> options) {
        this(scheme, null, -1, path, options);
    }

    /**
     * @param url     the URL
     * @param options options that override those in the URL
     * @return the parsed URL
     * @throws StoreConfigurationException if the URL has no scheme, a malformed authority or port, or a malformed
     *                                     query string (the message never repeats the URL beyond its scheme)
     */
    public static StoreUrl parse(String url, StoreOptions options) {
        int colon = url == null ? -1 : url.indexOf(':');
        if (colon <= 0) {
            throw new StoreConfigurationException("store URL has no scheme: '" + describe(url) + "'");
        }
        String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = url.substring(colon + 1);
        int q = rest.indexOf('?');
        String beforeQuery = q < 0 ? rest : rest.substring(0, q);
        Map<String, String> merged = new LinkedHashMap<>();
        String host = null;
        int port = -1;
        String path = beforeQuery;
        if (beforeQuery.startsWith("///")) {
            path = beforeQuery.substring(2);
        } else if (beforeQuery.startsWith("//")) {
            String hierarchical = beforeQuery.substring(2);
            int slash = hierarchical.indexOf('/');
            String authority = slash < 0 ? hierarchical : hierarchical.substring(0, slash);
            path = slash < 0 ? "" : hierarchical.substring(slash + 1);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                String userInfo = authority.substring(0, at);
                authority = authority.substring(at + 1);
                int c = userInfo.indexOf(':');
                merged.put("user", decode(c < 0 ? userInfo : userInfo.substring(0, c), url));
                if (c >= 0) {
                    merged.put("password", decode(userInfo.substring(c + 1), url));
                }
            }
            String portText = null;
            if (authority.startsWith("[")) {
                int close = authority.indexOf(']');
                if (close < 0) {
                    throw new StoreConfigurationException("malformed host in " + describe(url) + " URL");
                }
                host = authority.substring(1, close);
                String after = authority.substring(close + 1);
                if (after.startsWith(":")) {
                    portText = after.substring(1);
                } else if (!after.isEmpty()) {
                    throw new StoreConfigurationException("malformed host in " + describe(url) + " URL");
                }
            } else {
                int c = authority.indexOf(':');
                host = c < 0 ? authority : authority.substring(0, c);
                portText = c < 0 ? null : authority.substring(c + 1);
            }
            if (host.isEmpty()) {
                throw new StoreConfigurationException(describe(url) + " URL has no host");
            }
            if (portText != null) {
                port = parsePort(portText, url);
            }
        }
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
                merged.put(decodeForm(pair.substring(0, eq), url), decodeForm(pair.substring(eq + 1), url));
            }
        }
        merged.putAll(options.options());
        return new StoreUrl(scheme, host, port, decode(path, url), merged);
    }

    private static int parsePort(String text, String url) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new StoreConfigurationException("malformed port in " + describe(url) + " URL");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new StoreConfigurationException("port out of range (1-65535) in " + describe(url) + " URL");
        }
        return port;
    }

    /** Percent-decodes a path or user info, where {@code '+'} is itself. */
    private static String decode(String text, String url) {
        return decodeForm(text.replace("+", "%2B"), url);
    }

    /** Percent-decodes an option name or value, where {@code '+'} is a space (as in a form's query string). */
    private static String decodeForm(String text, String url) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new StoreConfigurationException("malformed percent-encoding in " + describe(url) + " URL", e);
        }
    }

    /**
     * @param name an option name
     * @return its value, if given
     */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /**
     * @param defaultHost the host to use when the URL names none
     * @return the host, or {@code defaultHost}
     */
    public String hostOr(String defaultHost) {
        return host != null && !host.isEmpty() ? host : defaultHost;
    }

    /**
     * @param defaultPort the port to use when the URL gives none
     * @return the port, or {@code defaultPort}
     */
    public int portOr(int defaultPort) {
        return port > 0 ? port : defaultPort;
    }

    /** @return the scheme and host and port, never user info, path or options (which may carry secrets) */
    @Override
    public String toString() {
        return "StoreUrl[" + scheme + ":" + (host == null ? "" : "//" + host + (port > 0 ? ":" + port : ""))
                + ", options=" + options.keySet() + "]";
    }

    private static final java.util.regex.Pattern USER_INFO = java.util.regex.Pattern.compile("//[^/\\s@?#]*@");
    private static final java.util.regex.Pattern SECRET_OPTION = java.util.regex.Pattern.compile(
            "(?i)([?&;](?:password|passwd|pwd|secret|token|credentials?|[a-z_]*key)=)[^&;\\s]*");

    /**
     * Removes credentials from every URL in a text, for descriptions and messages (§4.17.2): the user-info part of
     * an authority in every shape ({@code //user:password@}, {@code //:password@}, {@code //user@},
     * {@code //user:@}) and the values of options that carry secrets ({@code password}, {@code pwd},
     * {@code secret}, {@code token}, {@code credentials}, any {@code ...key}).
     *
     * @param text a text that may contain URLs
     * @return the text with {@code //} kept before the host and every secret option's value replaced by
     *         {@code ***}
     */
    public static String withoutCredentials(String text) {
        if (text == null) {
            return null;
        }
        return SECRET_OPTION.matcher(USER_INFO.matcher(text).replaceAll("//")).replaceAll("$1***");
    }

    /**
     * @param text a text, e.g. a store's description
     * @return whether it contains the user-info part of a URL in any shape ({@code user:password@},
     *         {@code :password@}, {@code user@})
     */
    public static boolean hasUserInfo(String text) {
        return text != null && USER_INFO.matcher(text).find();
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
