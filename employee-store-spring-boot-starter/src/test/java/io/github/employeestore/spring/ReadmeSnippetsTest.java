package io.github.employeestore.spring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java block of the repository's READMEs compiles, as written, against the modules (this module's test class
 * path has all of them, Spring Boot's test support and Testcontainers): a block's own {@code import} lines are its
 * imports; a block that declares types is a source file of its own, any other block the body of a method. A block
 * that is a whole source file of the repository ({@code package ...;}) must be that file, byte for byte (it is
 * compiled, and run, by its own module).
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile("(?m)^(@\\w+.*\\n)*(public |abstract |final )*"
            + "(class|interface|record|enum|@interface) \\w+");

    record Snippet(Path readme, int line, String code) {
        String where() {
            return readme.normalize() + ":" + line;
        }
    }

    static List<Snippet> snippets() throws IOException {
        List<Path> readmes = new ArrayList<>();
        readmes.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.walk(ROOT, 3)) {
            files.filter(p -> p.getFileName().toString().equals("README.md") && !p.equals(ROOT.resolve("README.md"))
                            && !p.toString().contains("target") && !p.toString().contains("node_modules"))
                    .sorted().forEach(readmes::add);
        }
        List<Snippet> snippets = new ArrayList<>();
        for (Path readme : readmes) {
            String text = Files.readString(readme);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 2;
                snippets.add(new Snippet(readme, line, m.group(1)));
            }
        }
        return snippets;
    }

    @Test
    void everyJavaBlockOfTheReadmesCompilesAsWritten(@TempDir Path dir) throws Exception {
        List<Snippet> snippets = snippets();
        assertThat(snippets).hasSizeGreaterThanOrEqualTo(10);
        List<String> sources = new ArrayList<>();
        StringBuilder index = new StringBuilder();
        int n = 0;
        for (Snippet s : snippets) {
            if (s.code().startsWith("package ")) {
                assertWholeFileOfTheRepository(s);
                continue;
            }
            n++;
            String pkg = "readme.snippet" + n;
            StringBuilder imports = new StringBuilder();
            StringBuilder body = new StringBuilder();
            for (String line : s.code().split("\n", -1)) {
                (line.startsWith("import ") && body.toString().isBlank() ? imports : body).append(line).append('\n');
            }
            String unit = TYPE.matcher(body).find()
                    ? "package " + pkg + ";\n" + imports + body
                    : "package " + pkg + ";\n" + imports + "class Snippet {\n    void snippet() throws Exception {\n"
                    + body + "    }\n}\n";
            Path file = dir.resolve("src").resolve(pkg.replace('.', File.separatorChar)).resolve("Snippet.java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, unit);
            sources.add(file.toString());
            index.append(file).append(" <- ").append(s.where()).append('\n');
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "javac").toString(), "-proc:none", "-nowarn",
                "-d", dir.resolve("classes").toString(), "-cp", System.getProperty("java.class.path")));
        command.addAll(sources);
        Process javac = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(javac.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(javac.exitValue()).as("README snippets that do not compile (file <- README:line):\n%s\n%s",
                index, output).isZero();
    }

    private static void assertWholeFileOfTheRepository(Snippet s) throws IOException {
        String pkg = s.code().substring("package ".length(), s.code().indexOf(';')).trim();
        Matcher type = TYPE.matcher(s.code());
        assertThat(type.find()).as(s.where()).isTrue();
        String name = type.group().replaceAll(".*\\s", "");
        String relative = pkg.replace('.', '/') + "/" + name + ".java";
        try (Stream<Path> files = Files.walk(ROOT)) {
            List<Path> found = files.filter(p -> p.toString().replace(File.separatorChar, '/').endsWith(relative)
                    && !p.toString().contains("target")).toList();
            assertThat(found).as(s.where() + " is the repository's " + relative).hasSize(1);
            assertThat(Files.readString(found.get(0))).as(s.where()).isEqualTo(s.code());
        }
    }
}
