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
    /** The most seconds a client may take to send a request body (then 408 and the connection is closed). */
    private int maxBodySeconds = 10;
    /** How many list pages the server remembers for the "Previous" links. */
    private int pageTrailCapacity = 10_000;

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
