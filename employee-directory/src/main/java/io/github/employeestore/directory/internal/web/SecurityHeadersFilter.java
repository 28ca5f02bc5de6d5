package io.github.employeestore.directory.internal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The security headers of every answer, set before anything else runs (so rejections carry them too):
 * <ul>
 *   <li>{@code Content-Security-Policy}: resources from the app only, no inline or other script at all, forms post
 *       to the app only, and {@code frame-ancestors 'none'}: no other site can frame a page (a framed delete
 *       confirmation would get a click the Origin check cannot see);</li>
 *   <li>{@code X-Frame-Options: DENY} for browsers without CSP level 2;</li>
 *   <li>{@code X-Content-Type-Options: nosniff};</li>
 *   <li>{@code Referrer-Policy: same-origin}: ids and filters in URLs never leave in a {@code Referer}.</li>
 * </ul>
 * Thread-safe (stateless).
 */
public class SecurityHeadersFilter extends OncePerRequestFilter {
    /** The policy of every answer. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'none'; "
            + "style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        set(response);
        chain.doFilter(request, response);
    }

    /** @param response a response to carry the headers */
    static void set(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
