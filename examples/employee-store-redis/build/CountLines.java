import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Counts the lines of main code of the example backend, those neither blank nor comment (Java and Lua; a line with
 * code and a trailing comment counts), prints the count per file and the total, and fails past the limit, or when
 * the README does not state the same total ("**N lines of main code**").
 * Usage: {@code java CountLines.java <src/main> <limit> [README.md]}.
 */
public class CountLines {
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        int limit = Integer.parseInt(args[1]);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".lua")).sorted().toList();
        }
        int total = 0;
        for (Path file : files) {
            int count = count(Files.readAllLines(file), file.toString().endsWith(".lua"));
            System.out.printf("[line count] %5d  %s%n", count, root.relativize(file));
            total += count;
        }
        System.out.printf("[line count] %5d  main code lines in total (limit %d)%n", total, limit);
        if (total > limit) {
            System.err.printf("[line count] the example has %d lines of main code, more than %d%n", total, limit);
            System.exit(1);
        }
        if (args.length > 2) {
            java.util.regex.Matcher stated = java.util.regex.Pattern.compile("\\*\\*(\\d+) lines of main code\\*\\*")
                    .matcher(Files.readString(Path.of(args[2])));
            if (!stated.find() || Integer.parseInt(stated.group(1)) != total) {
                System.err.printf("[line count] %s must state \"**%d lines of main code**\" for the example%n",
                        args[2], total);
                System.exit(1);
            }
        }
    }

    static int count(List<String> lines, boolean lua) {
        int count = 0;
        boolean inBlock = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (inBlock) {
                int end = line.indexOf("*/");
                if (end < 0) {
                    continue;
                }
                inBlock = false;
                line = line.substring(end + 2).strip();
            }
            if (!lua && line.startsWith("/*")) {
                int end = line.indexOf("*/", 2);
                if (end < 0) {
                    inBlock = true;
                    continue;
                }
                line = line.substring(end + 2).strip();
            }
            if (line.isEmpty() || line.startsWith(lua ? "--" : "//")) {
                continue;
            }
            count++;
        }
        return count;
    }
}
