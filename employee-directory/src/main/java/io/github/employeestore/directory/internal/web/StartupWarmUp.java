package io.github.employeestore.directory.internal.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.thymeleaf.TemplateEngine;

import java.util.List;

/**
 * Start-up work moved off the path to the first page, onto a background thread that runs while Spring starts the
 * rest on the main thread: the static initialization of the classes the first page request would otherwise
 * initialize on its own thread (HTML escaping and HTML parsing tables, Tomcat's URL encoder, the servlet response
 * wrapper's messages), and the Thymeleaf engine's one-time initialization (its dialects, attribute definitions and
 * JavaScript serializer), started as soon as Spring has built the engine ({@link TemplateEngineInit}).
 *
 * <p>Only timing changes: class initialization is done once by the JVM whichever thread asks first, and
 * {@link TemplateEngine#getConfiguration()} initializes the engine once under its own lock; a request that needs
 * either before the background thread is done waits for it or does it itself. A failure in the background (a class
 * missing from a later version of a library, an engine that cannot initialize) is left to the request that needs
 * the same work, which reports it as it would without the warm-up.
 *
 * <p>Thread-safe.
 */
public final class StartupWarmUp {
    /** Classes whose static initializers the first {@code GET /} runs, measured with a profiler. */
    static final List<String> CLASSES = List.of(
            "org.unbescape.html.HtmlEscapeSymbols",
            "org.attoparser.HtmlNames",
            "org.attoparser.MarkupEventProcessorHandler$StandardNamesRepository",
            "org.apache.tomcat.util.buf.UEncoder$SafeCharsSet",
            "jakarta.servlet.ServletResponseWrapper");

    private StartupWarmUp() {
    }

    /** Starts initializing {@link #CLASSES} on a daemon thread and returns at once. */
    public static void initializeClasses() {
        ClassLoader loader = StartupWarmUp.class.getClassLoader();
        background("startup-warm-up-classes", () -> {
            for (String name : CLASSES) {
                try {
                    Class.forName(name, true, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    // the request that needs the class reports it
                }
            }
        });
    }

    private static void background(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Initializes the Thymeleaf engine on a daemon thread as soon as Spring has configured it. */
    static final class TemplateEngineInit implements BeanPostProcessor {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof TemplateEngine engine && !engine.isInitialized()) {
                background("startup-warm-up-templates", () -> {
                    try {
                        engine.getConfiguration();
                    } catch (RuntimeException e) {
                        // the first page calls getConfiguration() again and reports it
                    }
                });
            }
            return bean;
        }
    }
}
