package io.github.employeestore.directory.internal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cross-site request and DNS-rebinding defence, as Spring Security's origin checks do it:
 * <ul>
 *   <li>every request's {@code Host} must name one of the app's own names ({@code directory.server-names}, plus the
 *       loopback names), else 421 Misdirected Request: a page of another site that rebinds its DNS name to this
 *       machine cannot talk to the app;</li>
 *   <li>a write ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) with an {@code Origin} must come from the
 *       app's own origin (same scheme, host and port as the checked {@code Host}), else 403;</li>
 *   <li>a write without {@code Origin} but with {@code Sec-Fetch-Site} must say {@code same-origin} or {@code none},
 *       else 403. Clients that send neither (curl, scripts) are not browsers and are let through.</li>
 * </ul>
 * Thread-safe.
 */
public class SameOriginFilter extends OncePerRequestFilter {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private final Set<String> names = new HashSet<>();

    /** @param serverNames the app's own host names, besides the loopback ones */
    public SameOriginFilter(List<String> serverNames) {
        names.addAll(List.of("localhost", "127.0.0.1", "[::1]"));
        serverNames.forEach(n -> names.add(n.trim().toLowerCase(Locale.ROOT)));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String host = request.getHeader("Host");
        if (host == null || !names.contains(hostName(host))) {
            StrictRequestFilter.reject(request, response, 421, "this server does not answer to that host name");
            return;
        }
        if (!SAFE.contains(request.getMethod())) {
            String origin = request.getHeader("Origin");
            if (origin != null) {
                if (!sameOrigin(origin, request.getScheme(), host)) {
                    StrictRequestFilter.reject(request, response, 403, "cross-site requests are not accepted");
                    return;
                }
            } else {
                String site = request.getHeader("Sec-Fetch-Site");
                if (site != null && !site.equals("same-origin") && !site.equals("none")) {
                    StrictRequestFilter.reject(request, response, 403, "cross-site requests are not accepted");
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static String hostName(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(0, end + 1) : h;
        }
        int colon = h.lastIndexOf(':');
        return colon >= 0 ? h.substring(0, colon) : h;
    }

    private static boolean sameOrigin(String origin, String scheme, String hostHeader) {
        try {
            URI o = URI.create(origin.trim());
            if (o.getScheme() == null || o.getHost() == null || !o.getScheme().equalsIgnoreCase(scheme)) {
                return false;
            }
            int defaultPort = scheme.equalsIgnoreCase("https") ? 443 : 80;
            String expected = authority(hostHeader.trim().toLowerCase(Locale.ROOT), defaultPort);
            String actual = (o.getHost() + ":" + (o.getPort() < 0 ? defaultPort : o.getPort())).toLowerCase(Locale.ROOT);
            return expected.equals(actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String authority(String host, int defaultPort) {
        String name = hostName(host);
        String rest = host.substring(name.length());
        return name + ":" + (rest.startsWith(":") && rest.length() > 1 ? rest.substring(1) : defaultPort);
    }
}
