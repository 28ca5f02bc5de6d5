package io.github.employeestore.directory;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.directory.internal.web.DirectoryApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import java.util.ArrayList;
import java.util.List;

/** The directory started as the jar starts it (Spring Boot, the starter, Tomcat) on a free loopback port. */
final class RunningApp implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final String base;

    private RunningApp(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /**
     * @param storeUrl the store's URL, opened by the starter
     * @param more     more {@code --name=value} arguments
     * @return the running app
     */
    static RunningApp start(String storeUrl, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--employee-store.url=" + storeUrl));
        args.addAll(List.of(more));
        return new RunningApp(new SpringApplicationBuilder(DirectoryApplication.class)
                .run(args.toArray(String[]::new)));
    }

    /**
     * @param store a store the test made (the starter backs off; the app never closes it)
     * @return the running app
     */
    static RunningApp startOn(EmployeeStore store) {
        return new RunningApp(new SpringApplicationBuilder(DirectoryApplication.class)
                .initializers(ctx -> ((GenericApplicationContext) ctx).registerBean("employeeStore",
                        EmployeeStore.class, () -> store, bd -> bd.setDestroyMethodName("")))
                .run("--server.port=0", "--employee-store.create-schema=false"));
    }

    /** @return {@code http://127.0.0.1:PORT} */
    String base() {
        return base;
    }

    /** @return the app's store bean */
    EmployeeStore store() {
        return context.getBean(EmployeeStore.class);
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
