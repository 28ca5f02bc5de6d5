package io.github.employeestore.tck;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No file of the repository cites a page or section that is not in the repository: every Markdown link to a file
 * (and its anchor) resolves, every mentioned {@code *.md} file exists, every {@code §} citation names a section or
 * clause of {@code CONTRACT.md}, and nothing refers to a design page kept elsewhere.
 */
class RepositoryReferencesTest {
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", "node_modules", "data", ".idea");
    private static final Pattern TEXT_FILE = Pattern.compile(
            ".*\\.(md|java|xml|properties|yml|yaml|txt|html|sh|json|sql)$|run");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern MD_MENTION = Pattern.compile("(?<![\\w/.-])([\\w./-]*[A-Za-z0-9_-]\\.md)\\b");
    private static final Pattern SECTION_CITATION = Pattern.compile("§(\\d+(?:\\.\\d+)*)");
    private static final Pattern ELSEWHERE = Pattern.compile(
            "(?i)\\bdesign (page|doc|document)\\b|\\bDESIGN\\.md\\b|\\bDESIGN §");

    @Test
    void noDanglingReferences() throws IOException {
        ContractPage contract = ContractPage.read();
        List<String> dangling = new ArrayList<>();
        for (Path file : files()) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (MalformedInputException e) {
                continue;
            }
            String where = ContractPage.ROOT.relativize(file).toString();
            String[] lines = text.split("\n", -1);
            for (int n = 0; n < lines.length; n++) {
                String line = lines[n];
                String at = where + ":" + (n + 1);
                Matcher e = ELSEWHERE.matcher(line);
                if (e.find() && !file.equals(self())) {
                    dangling.add(at + " refers to a page outside the repository (\"" + e.group() + "\")");
                }
                Matcher s = SECTION_CITATION.matcher(line);
                while (s.find()) {
                    if (!contract.exists(s.group(1)) && !file.equals(self())) {
                        dangling.add(at + " cites §" + s.group(1) + ", which CONTRACT.md does not have");
                    }
                }
                if (where.endsWith(".md")) {
                    Matcher l = MARKDOWN_LINK.matcher(line);
                    while (l.find()) {
                        checkLink(file, l.group(1), at, dangling);
                    }
                }
                Matcher m = MD_MENTION.matcher(line);
                while (m.find()) {
                    String name = m.group(1);
                    if (name.contains("://") || resolves(file, name)) {
                        continue;
                    }
                    dangling.add(at + " mentions " + name + ", which is not in the repository");
                }
            }
        }
        assertThat(dangling).as("dangling references").isEmpty();
    }

    private static Path self() {
        return ContractPage.ROOT.resolve(
                "employee-store-tck/src/test/java/io/github/employeestore/tck/RepositoryReferencesTest.java");
    }

    private static boolean resolves(Path from, String name) {
        return Files.exists(from.getParent().resolve(name)) || Files.exists(ContractPage.ROOT.resolve(name));
    }

    private static void checkLink(Path file, String target, String at, List<String> dangling) throws IOException {
        if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
            return;
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
        if (!Files.exists(resolved)) {
            dangling.add(at + " links to " + target + ", which is not in the repository");
            return;
        }
        if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
            dangling.add(at + " links to #" + anchor + ", which " + ContractPage.ROOT.relativize(resolved)
                    + " has no heading for");
        }
    }

    /** The anchors GitHub gives the headings of a Markdown file. */
    static Set<String> anchors(Path markdown) throws IOException {
        Set<String> anchors = new HashSet<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            if (!fenced && line.startsWith("#")) {
                String heading = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
                String slug = heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                String unique = slug;
                for (int i = 1; !anchors.add(unique); i++) {
                    unique = slug + "-" + i;
                }
            }
        }
        return anchors;
    }

    private static List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(ContractPage.ROOT)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> ContractPage.ROOT.relativize(p).getNameCount() > 0)
                    .filter(p -> {
                        Path rel = ContractPage.ROOT.relativize(p);
                        for (Path part : rel) {
                            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                                return false;
                            }
                        }
                        return TEXT_FILE.matcher(p.getFileName().toString()).matches();
                    })
                    .sorted()
                    .forEach(files::add);
        }
        return files;
    }
}
