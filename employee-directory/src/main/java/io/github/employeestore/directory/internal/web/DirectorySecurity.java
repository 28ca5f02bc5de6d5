package io.github.employeestore.directory.internal.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * Who may read and who may change the directory, with Spring Security.
 * <ul>
 *   <li><b>No login configured, bound to loopback</b> (the default, {@code 127.0.0.1}): open, as a local tool —
 *       whoever can reach the port reads and writes.</li>
 *   <li><b>No login configured, bound beyond loopback</b> ({@code --host 0.0.0.0}): the app refuses to start and
 *       says how to configure a login.</li>
 *   <li><b>Logins configured</b> (on any address): users from {@code directory.security.users} (name, encoded
 *       password, role {@code viewer} or {@code editor}; a login form on the pages, HTTP Basic on the API) and/or an
 *       OIDC login ({@code spring.security.oauth2.client.registration.*}; its users read, those listed in
 *       {@code directory.security.editors} write). Viewers read the list and the API's {@code GET}s; editors also
 *       use the forms and the API's writes. A request without login: the API answers 401 (JSON, with
 *       {@code WWW-Authenticate}), pages redirect to the login; a viewer's write: 403. {@code /style.css}, the login
 *       pages and {@code /actuator/health} stay public.</li>
 * </ul>
 * Spring Security's own CSRF tokens are off: writes are guarded by {@link SameOriginFilter} (Origin and
 * {@code Sec-Fetch-Site}) and the session cookie is {@code SameSite=Strict}. Its firewall lets the encoded ids of
 * {@link IdUrls} through ({@code %2F}, {@code %5C}, {@code %25}, {@code %3B}, {@code %2E}); its headers are
 * {@link SecurityHeadersFilter}'s.
 */
@Configuration(proxyBeanMethods = false)
public class DirectorySecurity {
    static final String VIEWER = "VIEWER";
    static final String EDITOR = "EDITOR";

    @Bean
    UserDetailsService directoryUsers(DirectoryProperties properties) {
        List<UserDetails> users = new ArrayList<>();
        for (DirectoryProperties.User u : properties.getSecurity().getUsers()) {
            if (u.getName() == null || u.getName().isBlank() || u.getPassword() == null || u.getPassword().isBlank()) {
                throw new IllegalStateException("directory.security.users: every user needs a name and a password");
            }
            if (!u.getPassword().startsWith("{")) {
                throw new IllegalStateException("directory.security.users: the password of " + u.getName()
                        + " must name its encoding, e.g. {bcrypt}$2a$10$... or {noop}text");
            }
            // checked by Spring Security's delegating encoder, which reads the {id} prefix
            users.add(User.withUsername(u.getName()).password(u.getPassword()).roles(role(u.getRole())).build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    SecurityFilterChain directoryFilterChain(HttpSecurity http, DirectoryProperties properties, Environment env,
                                             ObjectProvider<ClientRegistrationRepository> oidc) throws Exception {
        boolean passwords = !properties.getSecurity().getUsers().isEmpty();
        boolean openId = oidc.getIfAvailable() != null;
        http.csrf(AbstractHttpConfigurer::disable).headers(AbstractHttpConfigurer::disable);
        if (!passwords && !openId) {
            String address = env.getProperty("server.address", "127.0.0.1");
            if (!isLoopback(address)) {
                throw new IllegalStateException("the directory would serve " + address + " (beyond this machine) "
                        + "without any login, so anyone who reaches it could change every employee. Configure "
                        + "users (directory.security.users[0].name, .password={bcrypt}..., .role=editor|viewer) or an"
                        + " OIDC login (spring.security.oauth2.client.registration.NAME.*), or serve 127.0.0.1");
            }
            http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
            return http.build();
        }
        RequestMatcher api = pathPattern("/api/**");
        AuthenticationEntryPoint apiEntry = (request, response, e) -> {
            if (passwords) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"Employee Directory\"");
            }
            ErrorBodies.write(request.getRequestURI(), response, 401, "log in to use the directory");
        };
        // pages: the login form, or straight to the identity provider when it is the only way in
        List<String> providers = new ArrayList<>();
        if (oidc.getIfAvailable() instanceof Iterable<?> registrations) {
            registrations.forEach(r -> providers.add(((org.springframework.security.oauth2.client.registration
                    .ClientRegistration) r).getRegistrationId()));
        }
        AuthenticationEntryPoint pageEntry = new LoginUrlAuthenticationEntryPoint(!passwords && providers.size() == 1
                ? "/oauth2/authorization/" + providers.get(0) : "/login");
        AccessDeniedHandler denied = (request, response, e) -> ErrorBodies.write(request.getRequestURI(), response,
                403, "your role does not allow this");
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/style.css", "/error", "/login", "/login/**", "/oauth2/**",
                                "/actuator/health").permitAll()
                        .requestMatchers(HttpMethod.GET, "/", "/api/employees", "/api/employees/*")
                        .hasAnyRole(VIEWER, EDITOR)
                        .requestMatchers(HttpMethod.HEAD, "/", "/api/employees", "/api/employees/*")
                        .hasAnyRole(VIEWER, EDITOR)
                        .anyRequest().hasRole(EDITOR))
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, x) -> {
                    if (api.matches(request)) {
                        apiEntry.commence(request, response, x);
                    } else {
                        pageEntry.commence(request, response, x);
                    }
                }).accessDeniedHandler(denied));
        if (passwords) {
            http.formLogin(f -> f.permitAll()).httpBasic(b -> b.authenticationEntryPoint(apiEntry));
        }
        if (openId) {
            Set<String> editors = new HashSet<>();
            properties.getSecurity().getEditors().forEach(n -> editors.add(n.trim().toLowerCase(Locale.ROOT)));
            http.oauth2Login(o -> o.userInfoEndpoint(u -> u.userAuthoritiesMapper(oidcRoles(editors))));
        }
        http.logout(l -> l.logoutSuccessUrl("/"));
        return http.build();
    }

    /**
     * @param editors the OIDC users (email, preferred user name or subject, lower case) who may write
     * @return the mapper giving every OIDC user the viewer role, and the editors the editor role too
     */
    public static GrantedAuthoritiesMapper oidcRoles(Set<String> editors) {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>(authorities);
            mapped.add(new SimpleGrantedAuthority("ROLE_" + VIEWER));
            for (GrantedAuthority a : authorities) {
                Map<String, Object> claims = a instanceof OidcUserAuthority o ? o.getIdToken().getClaims()
                        : a instanceof OAuth2UserAuthority o2 ? o2.getAttributes() : Map.of();
                for (String claim : List.of("email", "preferred_username", "sub")) {
                    Object v = claims.get(claim);
                    if (v instanceof String s && editors.contains(s.toLowerCase(Locale.ROOT))) {
                        mapped.add(new SimpleGrantedAuthority("ROLE_" + EDITOR));
                    }
                }
            }
            return mapped;
        };
    }

    /** The firewall, letting through the percent-encoded characters that ids may hold ({@link IdUrls}). */
    @Bean
    HttpFirewall directoryFirewall() {
        StrictHttpFirewall f = new StrictHttpFirewall();
        f.setAllowUrlEncodedSlash(true);
        f.setAllowUrlEncodedDoubleSlash(true);
        f.setAllowUrlEncodedPercent(true);
        f.setAllowUrlEncodedPeriod(true);
        f.setAllowSemicolon(true);
        f.setAllowBackSlash(true);
        return f;
    }

    /** What the firewall still refuses: 400 in the one error shape. */
    @Bean
    RequestRejectedHandler directoryRejections() {
        return (request, response, e) -> ErrorBodies.write(request.getRequestURI(), response, 400,
                "the request URL is not accepted");
    }

    private static String[] role(String role) {
        String r = role == null ? "" : role.trim().toUpperCase(Locale.ROOT);
        return switch (r) {
            case VIEWER -> new String[] {VIEWER};
            case EDITOR -> new String[] {VIEWER, EDITOR};
            default -> throw new IllegalStateException("directory.security.users: the role must be viewer or editor");
        };
    }

    static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException | SecurityException e) {
            return false;
        }
    }
}
