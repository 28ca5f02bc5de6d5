package io.github.employeestore.directory.internal.web;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The Employee Directory as a Spring Boot application: the {@code EmployeeStore} bean comes from the Employee Store
 * starter ({@code employee-store.url}), the pages and the JSON API are Spring MVC controllers, the filters check
 * hosts, origins and the encoding of every request first.
 *
 * <p>No {@code @Bean} method calls another, so the configuration classes are not proxied
 * ({@code proxyBeanMethods = false}): start-up generates no CGLIB subclass.
 */
@SpringBootApplication(proxyBeanMethods = false)
@EnableConfigurationProperties(DirectoryProperties.class)
public class DirectoryApplication {
    /** The Thymeleaf engine initialized in the background while the rest starts ({@link StartupWarmUp}). */
    @Bean
    static org.springframework.beans.factory.config.BeanPostProcessor templateEngineWarmUp() {
        return new StartupWarmUp.TemplateEngineInit();
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
        FilterRegistrationBean<SecurityHeadersFilter> r = new FilterRegistrationBean<>(new SecurityHeadersFilter());
        r.setOrder(Ordered.HIGHEST_PRECEDENCE);
        r.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ERROR);
        return r;
    }

    @Bean
    FilterRegistrationBean<SameOriginFilter> sameOriginFilter(DirectoryProperties properties) {
        FilterRegistrationBean<SameOriginFilter> r =
                new FilterRegistrationBean<>(new SameOriginFilter(properties.getServerNames()));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return r;
    }

    /**
     * Ids may contain {@code /} and {@code \}: the API takes them percent-encoded in one path segment, so Tomcat
     * passes {@code %2F} and {@code %5C} through undecoded and Spring MVC decodes the segment once
     * ({@link IdUrls}).
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashesInIds() {
        return connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            connector.setEncodedReverseSolidusHandling("passthrough");
        };
    }

    /** Tomcat's own error answers in the app's one shape ({@link ContainerErrorValve}). */
    @Bean
    org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory> containerErrors() {
        return factory -> factory.addContextCustomizers(context -> ((org.apache.catalina.core.StandardHost)
                context.getParent()).setErrorReportValveClass(ContainerErrorValve.class.getName()));
    }

    @Bean
    FilterRegistrationBean<StrictRequestFilter> strictRequestFilter(DirectoryProperties properties) {
        FilterRegistrationBean<StrictRequestFilter> r =
                new FilterRegistrationBean<>(new StrictRequestFilter(properties.getMaxRequestBytes()));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        r.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ASYNC);
        return r;
    }

    /** Request bodies read without a thread, within a deadline ({@link BodyBufferingFilter}). */
    @Bean
    FilterRegistrationBean<BodyBufferingFilter> bodyBufferingFilter(DirectoryProperties properties) {
        FilterRegistrationBean<BodyBufferingFilter> r = new FilterRegistrationBean<>(new BodyBufferingFilter(
                properties.getMaxRequestBytes(), properties.getMaxBodySeconds() * 1000L));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
        r.setAsyncSupported(true);
        r.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ASYNC);
        return r;
    }
}
