import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The fast runner of the assertion-deletion trial ({@code assertion-trial.py --fast}): one JVM tries many deletions.
 * For each, it compiles the TCK source file without the deleted statement (in this JVM, against the TCK's compiled
 * classes), loads the TCK's classes afresh in a class loader of their own (the changed file's classes first), and
 * runs {@code TckSelfTest} there through the JUnit Platform Launcher, with {@code tck.selfTest.only} set as the
 * Maven run of the script sets it. It prints one line per deletion: {@code index<TAB>verdict<TAB>failed tests}.
 *
 * <pre>java -cp TEST_CLASSPATH AssertionTrialRunner.java REPO DELETIONS_FILE</pre>
 *
 * where TEST_CLASSPATH holds the TCK's dependencies (not the TCK's own classes) and each line of DELETIONS_FILE is
 * {@code index<TAB>source file (relative to REPO)<TAB>start<TAB>end<TAB>Group.method or empty}.
 */
public class AssertionTrialRunner {
    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]);
        Path classes = repo.resolve("employee-store-tck/target/classes");
        Path testClasses = repo.resolve("employee-store-tck/target/test-classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classpath = classes + java.io.File.pathSeparator + System.getProperty("java.class.path");
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            Path source = repo.resolve(f[1]);
            String text = Files.readString(source);
            String changed = text.substring(0, Integer.parseInt(f[2])) + text.substring(Integer.parseInt(f[3]));
            Path out = Files.createTempDirectory("trial-classes");
            try {
                String errors = compile(javac, classpath, source, changed, out);
                if (errors != null) {
                    System.out.println(f[0] + "\tdoes not compile\t" + errors);
                    continue;
                }
                Set<String> failed = selfTest(new URL[]{out.toUri().toURL(), classes.toUri().toURL(),
                        testClasses.toUri().toURL()}, f[4]);
                System.out.println(f[0] + "\t" + (failed.isEmpty() ? "passed" : "failed") + "\t"
                        + String.join(", ", failed));
            } finally {
                delete(out);
            }
            System.out.flush();
        }
    }

    private static String compile(JavaCompiler javac, String classpath, Path source, String text, Path out)
            throws IOException {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
            JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + source.getFileName()),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return text;
                }
            };
            boolean ok = javac.getTask(null, files, diagnostics,
                    List.of("-classpath", classpath, "--release", "17", "-proc:none", "-nowarn"), null,
                    List.of(unit)).call();
            if (ok) {
                return null;
            }
            return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getMessage(null).lines().findFirst().orElse("")).findFirst().orElse("error");
        }
    }

    /** Runs TckSelfTest with the TCK's classes loaded afresh; returns the names of its failed tests. */
    private static Set<String> selfTest(URL[] urls, String only) throws Exception {
        Set<String> failed = new TreeSet<>();
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(urls, AssertionTrialRunner.class.getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            if (only.isEmpty()) {
                System.clearProperty("tck.selfTest.only");
            } else {
                System.setProperty("tck.selfTest.only", only);
            }
            Class<?> selfTest = loader.loadClass("io.github.employeestore.tck.TckSelfTest");
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(selfTest)).build();
            Launcher launcher = LauncherFactory.create();
            List<String> found = new ArrayList<>();
            launcher.execute(request, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                        String message = result.getThrowable().map(Throwable::getMessage).orElse("");
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("must fail against (\\w+)")
                                .matcher(String.valueOf(message));
                        found.add(m.find() ? "broken store " + m.group(1) + " not caught"
                                : id.getDisplayName().replaceAll("\\s+", " "));
                    }
                }
            });
            failed.addAll(found);
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
        return failed;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
