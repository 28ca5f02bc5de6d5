package io.github.employeestore.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's {@code CONTRACT.md}, parsed: its sections ({@code ## §4 ...}, {@code ### §4.2 ...}) and its
 * clauses ({@code - **§4.2.3** text}), in page order.
 */
final class ContractPage {
    /** The repository root, seen from the module directory the tests run in. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path FILE = ROOT.resolve("CONTRACT.md");

    private static final Pattern SECTION = Pattern.compile("(?m)^#{2,3} §(\\d+(?:\\.\\d+)*)\\b");
    private static final Pattern CLAUSE = Pattern.compile("(?m)^- \\*\\*§(\\d+(?:\\.\\d+)+)\\*\\* ((?:.+\\n?)(?:  .+\\n?)*)");

    final Set<String> sections = new LinkedHashSet<>();
    /** Clause number to its text (one line). */
    final Map<String, String> clauses = new LinkedHashMap<>();

    private ContractPage(String text) {
        Matcher s = SECTION.matcher(text);
        while (s.find()) {
            sections.add(s.group(1));
        }
        Matcher c = CLAUSE.matcher(text);
        while (c.find()) {
            String previous = clauses.put(c.group(1), c.group(2).replaceAll("\\s+", " ").strip());
            if (previous != null) {
                throw new IllegalStateException("CONTRACT.md numbers two clauses §" + c.group(1));
            }
        }
    }

    static ContractPage read() {
        try {
            return new ContractPage(Files.readString(FILE, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return whether {@code §number} names a section or a clause of the page */
    boolean exists(String number) {
        return sections.contains(number) || clauses.containsKey(number);
    }

    /** @return the clause's first sentence, for a table cell */
    String summary(String clause) {
        String text = clauses.get(clause);
        int end = text.indexOf(". ");
        String first = end < 0 ? text : text.substring(0, end + 1);
        if (first.length() > 110) {
            int cut = first.lastIndexOf(' ', 106);
            first = first.substring(0, cut) + " …";
        }
        return first.replace("|", "\\|");
    }
}
