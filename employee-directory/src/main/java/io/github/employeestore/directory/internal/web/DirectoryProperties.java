package io.github.employeestore.directory.internal.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.ArrayList;
import java.util.List;

/** The {@code directory.*} settings of the web app. Mutable while Spring binds it. */
@ConfigurationProperties(prefix = "directory")
public class DirectoryProperties {
    /**
     * The host names the app answers to (the Host header, and the Origin of forms and API writes, must name one):
     * a defence against DNS rebinding and cross-site requests. Loopback names are always accepted.
     */
    private List<String> serverNames = new ArrayList<>();
    /** The most bytes of employees one JSON list response carries; the rest is behind its next cursor. */
    private int maxResponseBytes = 2 * 1024 * 1024;
    /** The most bytes of a request body (a form or an employee's JSON). */
    private int maxRequestBytes = 1024 * 1024;
    /** The most employees one {@code POST /api/employees:batch} may carry (its body is bounded as any body). */
    private int maxBatchEmployees = 1000;
    /** The most seconds a client may take to send a request body (then 408 and the connection is closed). */
    private int maxBodySeconds = 10;
    /** How many list pages the server remembers for the "Previous" links. */
    private int pageTrailCapacity = 10_000;
    /** Who may read and who may change the directory ({@link DirectorySecurity}). */
    private final Security security = new Security();

    /** @return the login settings */
    public Security getSecurity() {
        return security;
    }

    /** The {@code directory.security.*} settings. Mutable while Spring binds it. */
    public static class Security {
        /** Users who log in with a password (a form on the pages, HTTP Basic on the API). */
        private List<User> users = new ArrayList<>();
        /**
         * Users of the OIDC login who may change the directory (their email, else preferred user name, else
         * subject); every other OIDC user may read it.
         */
        private List<String> editors = new ArrayList<>();

        public List<User> getUsers() {
            return users;
        }

        public void setUsers(List<User> users) {
            this.users = users;
        }

        public List<String> getEditors() {
            return editors;
        }

        public void setEditors(List<String> editors) {
            this.editors = editors;
        }
    }

    /** One configured user. Mutable while Spring binds it. */
    public static class User {
        /** The login name. */
        private String name;
        /** The password with its encoding, as Spring Security stores them: {@code {bcrypt}$2a$...} or {@code {noop}...}. */
        private String password;
        /** {@code viewer} (reads) or {@code editor} (reads and writes). */
        private String role = "viewer";

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getRole() {
            return role;
        }

        public void setRole(String role) {
            this.role = role;
        }
    }

    public List<String> getServerNames() {
        return serverNames;
    }

    public void setServerNames(List<String> serverNames) {
        this.serverNames = serverNames;
    }

    public int getMaxResponseBytes() {
        return maxResponseBytes;
    }

    public void setMaxResponseBytes(int maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    public int getMaxRequestBytes() {
        return maxRequestBytes;
    }

    public void setMaxRequestBytes(int maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    public int getMaxBatchEmployees() {
        return maxBatchEmployees;
    }

    public void setMaxBatchEmployees(int maxBatchEmployees) {
        this.maxBatchEmployees = maxBatchEmployees;
    }

    public int getMaxBodySeconds() {
        return maxBodySeconds;
    }

    public void setMaxBodySeconds(int maxBodySeconds) {
        this.maxBodySeconds = maxBodySeconds;
    }

    public int getPageTrailCapacity() {
        return pageTrailCapacity;
    }

    public void setPageTrailCapacity(int pageTrailCapacity) {
        this.pageTrailCapacity = pageTrailCapacity;
    }
}
