package io.github.employeestore.spi;

import io.github.employeestore.Employee;
import io.github.employeestore.InvalidInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one folding of names for search (CONTRACT §4.20.2), identical on every backend: what a name and a search are
 * compared by, how names are ordered, and which prefixes an index stores.
 *
 * <p><b>Folding</b> maps each code point through a frozen table generated from Unicode {@value #UNICODE_VERSION}
 * (the data of Java 17; ICU4J is not used, its Unicode-3.0 licence not being on the project's allow-list) and
 * stored in this module, so that a JDK with another Unicode version folds the same way. For each code point
 * {@code c} the table holds the result of: compatibility decomposition (NFKD); case folding of each code point as
 * lower case of upper case in {@link java.util.Locale#ROOT} (full: "ß" and "STRASSE" both give "ss"/"strasse";
 * "Σ" and "ς" give "σ"); NFKD again; every nonspacing and enclosing mark (Mn, Me) removed ("Öztürk" gives
 * "ozturk"); repeated until nothing changes. Hangul syllables decompose into their jamo by the algorithm of the
 * Unicode Standard (its section 3.12). Code points unassigned in Unicode {@value #UNICODE_VERSION} (and private-use ones) fold
 * to themselves.
 *
 * <p><b>Words</b> are the maximal runs of word characters of the folded text: code points of general category L
 * (letters), N (numbers) or Mc (spacing marks) in Unicode {@value #UNICODE_VERSION}. Everything else (white space,
 * punctuation, symbols, unassigned code points) separates words.
 *
 * <p><b>Matching</b>: an employee matches a search when every word of the search is a prefix of some word of its
 * folded {@code fullName}. <b>Order</b>: by {@link #sortKey(String)} in code-point order, then {@code fullName} in
 * code-point order, then {@code id} in code-point order ({@link #ORDER}).
 *
 * <p>Thread-safe (immutable after class initialisation).
 */
public final class NameFolding {
    /** The Unicode version of the frozen table. */
    public static final String UNICODE_VERSION = "13.0";
    /** The version of the folding rules and table; a change of either changes this. */
    public static final String VERSION = "1 (Unicode " + UNICODE_VERSION + ")";
    /** The longest search text, in characters (code points), before folding. */
    public static final int MAX_QUERY_LENGTH = 200;
    /** The most distinct words a search may have. */
    public static final int MAX_QUERY_WORDS = 8;
    /** The longest word of a search, in code points after folding. */
    public static final int MAX_QUERY_WORD_LENGTH = 64;
    /** The longest sort key, in code points: longer keys are cut there (then ties go to the full name). */
    public static final int MAX_SORT_KEY_LENGTH = 200;

    /** The search order: sort key, then full name, then id, each in code-point order. */
    public static final Comparator<Employee> ORDER = Comparator
            .comparing((Employee e) -> sortKey(e.fullName()), CodePointOrder.COMPARATOR)
            .thenComparing(Employee::fullName, CodePointOrder.COMPARATOR)
            .thenComparing(Employee::id, CodePointOrder.COMPARATOR);

    static final String TABLE_RESOURCE = "name-folding-1.txt";

    private static final int HANGUL_S = 0xAC00;
    private static final int HANGUL_COUNT = 11172;
    private static final int HANGUL_T_COUNT = 28;
    private static final int HANGUL_N_COUNT = 21 * HANGUL_T_COUNT;

    private static final BitSet WORD = new BitSet(Character.MAX_CODE_POINT + 1);
    private static final String[] BMP = new String[0x10000];
    private static final Map<Integer, String> SUPPLEMENTARY = new HashMap<>();

    static {
        load();
    }

    private NameFolding() {
    }

    /**
     * @param text any text; {@code null} is not allowed
     * @return the text with every code point folded (see the class description); separators are kept as folded
     */
    public static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            appendFolded(out, cp);
        }
        return out.toString();
    }

    /**
     * @param text any text
     * @return the distinct words of the folded text, in the order they first appear; empty when it has none
     */
    public static List<String> words(String text) {
        Objects.requireNonNull(text, "text");
        String folded = fold(text);
        LinkedHashSet<String> words = new LinkedHashSet<>();
        int start = -1;
        for (int i = 0; i <= folded.length(); ) {
            int cp = i < folded.length() ? folded.codePointAt(i) : -1;
            boolean word = cp >= 0 && WORD.get(cp);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                words.add(folded.substring(start, i));
                start = -1;
            }
            i += cp >= 0 ? Character.charCount(cp) : 1;
        }
        return List.copyOf(words);
    }

    /**
     * The words of a search, checked against the limits of CONTRACT §4.20.5.
     *
     * @param text the search as typed
     * @return its distinct folded words, in order; never empty
     * @throws InvalidInputException on field {@code name} if the text is null, empty, longer than
     *                               {@value #MAX_QUERY_LENGTH} characters, not well-formed Unicode or contains
     *                               U+0000, has no word, more than {@value #MAX_QUERY_WORDS} distinct words, or a word
     *                               longer than {@value #MAX_QUERY_WORD_LENGTH} characters after folding
     */
    public static List<String> queryWords(String text) {
        if (text == null) {
            throw InvalidInputException.of("name", "is required");
        }
        List<io.github.employeestore.Violation> v = new ArrayList<>();
        EmployeeValidator.checkText("name", text, 1, MAX_QUERY_LENGTH, v);
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        List<String> words = words(text);
        if (words.isEmpty()) {
            throw InvalidInputException.of("name", "must contain a letter or digit");
        }
        if (words.size() > MAX_QUERY_WORDS) {
            throw InvalidInputException.of("name", "must have at most " + MAX_QUERY_WORDS + " words");
        }
        for (String w : words) {
            if (w.codePointCount(0, w.length()) > MAX_QUERY_WORD_LENGTH) {
                throw InvalidInputException.of("name", "words must be at most " + MAX_QUERY_WORD_LENGTH
                        + " characters after folding");
            }
        }
        return words;
    }

    /**
     * @param queryWords the folded words of a search (from {@link #queryWords(String)})
     * @param fullName   an employee's full name
     * @return whether every word of the search is a prefix of some word of the folded full name
     */
    public static boolean matches(List<String> queryWords, String fullName) {
        if (fullName == null) {
            return false;
        }
        List<String> words = words(fullName);
        for (String q : queryWords) {
            boolean found = false;
            for (String w : words) {
                if (w.startsWith(q)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param fullName an employee's full name
     * @return the folded words of the name joined by one space (U+0020, which sorts before every word character),
     *         cut to {@value #MAX_SORT_KEY_LENGTH} code points (without a trailing space); empty when the name has
     *         no word. Its code-point order (equal to its UTF-8 byte order) is the first key of {@link #ORDER}.
     */
    public static String sortKey(String fullName) {
        // one pass over the folded name (a search page checks each row's stored key against it): the words joined
        // by one space, and no space where the key is cut
        String folded = fold(Objects.requireNonNull(fullName, "fullName"));
        StringBuilder key = new StringBuilder(folded.length());
        int codePoints = 0;
        boolean inWord = false;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (!WORD.get(cp)) {
                inWord = false;
                continue;
            }
            if (!inWord && codePoints > 0) {
                if (codePoints >= MAX_SORT_KEY_LENGTH - 1) {
                    break;
                }
                key.append(' ');
                codePoints++;
            }
            if (codePoints == MAX_SORT_KEY_LENGTH) {
                break;
            }
            key.appendCodePoint(cp);
            codePoints++;
            inWord = true;
        }
        return key.toString();
    }

    /**
     * The prefixes an index stores so that a search word finds the name: every prefix of every folded word, of
     * 1 to {@code maxLength} code points. A search word longer than {@code maxLength} is looked up by its first
     * {@code maxLength} code points and then checked with {@link #matches(List, String)}.
     *
     * @param fullName  an employee's full name
     * @param maxLength the longest prefix stored, at least 1
     * @return the distinct prefixes, shortest first per word, in word order
     */
    public static Set<String> indexPrefixes(String fullName, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1");
        }
        if (fullName == null) {
            return Set.of();
        }
        LinkedHashSet<String> prefixes = new LinkedHashSet<>();
        for (String w : words(fullName)) {
            int n = w.codePointCount(0, w.length());
            for (int k = 1; k <= Math.min(n, maxLength); k++) {
                prefixes.add(w.substring(0, w.offsetByCodePoints(0, k)));
            }
        }
        return Collections.unmodifiableSet(prefixes);
    }

    /**
     * @param word a folded word
     * @param maxLength the longest prefix an index stores
     * @return the prefix of the word an index looks up: the word itself, or its first {@code maxLength} code points
     */
    public static String lookupPrefix(String word, int maxLength) {
        return word.codePointCount(0, word.length()) <= maxLength ? word
                : word.substring(0, word.offsetByCodePoints(0, maxLength));
    }

    /**
     * For a backend without {@link io.github.employeestore.Capability#SEARCH}: refuses a query with a name search, as
     * CONTRACT §4.20.9 asks.
     *
     * @param query   the query of a {@code find}
     * @param backend the backend's description, for the message
     * @throws UnsupportedOperationException if the query has a name search
     */
    public static void requireNoNameSearch(io.github.employeestore.EmployeeQuery query, String backend) {
        if (query.name().isPresent()) {
            throw new UnsupportedOperationException("a name search needs Capability.SEARCH, which " + backend
                    + " does not declare");
        }
    }

    private static void appendFolded(StringBuilder out, int cp) {
        if (cp < 0x80) {
            out.append((char) (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
            return;
        }
        if (cp >= HANGUL_S && cp < HANGUL_S + HANGUL_COUNT) {
            int s = cp - HANGUL_S;
            out.append((char) (0x1100 + s / HANGUL_N_COUNT));
            out.append((char) (0x1161 + (s % HANGUL_N_COUNT) / HANGUL_T_COUNT));
            int t = s % HANGUL_T_COUNT;
            if (t != 0) {
                out.append((char) (0x11A7 + t));
            }
            return;
        }
        String mapped = cp < 0x10000 ? BMP[cp] : SUPPLEMENTARY.get(cp);
        if (mapped == null) {
            out.appendCodePoint(cp);
        } else {
            out.append(mapped);
        }
    }

    /** @return whether the code point is a word character of the table */
    static boolean isWordCharacter(int cp) {
        return WORD.get(cp);
    }

    private static void load() {
        try (InputStream in = NameFolding.class.getResourceAsStream(TABLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + TABLE_RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                parse(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TABLE_RESOURCE, e);
        }
    }

    private static void parse(String line) {
        String[] parts = line.split(" ");
        if (parts[0].equals("w")) {
            int[] range = range(parts[1]);
            WORD.set(range[0], range[1] + 1);
            return;
        }
        if (parts[2].equals("=")) {
            StringBuilder to = new StringBuilder();
            for (int i = 3; i < parts.length; i++) {
                to.appendCodePoint(Integer.parseInt(parts[i], 16));
            }
            put(Integer.parseInt(parts[1], 16), to.toString());
            return;
        }
        String[] stepped = parts[1].split("/");
        int[] range = range(stepped[0]);
        int stride = stepped.length > 1 ? Integer.parseInt(stepped[1]) : 1;
        String delta = parts[2];
        for (int cp = range[0]; cp <= range[1]; cp += stride) {
            if (delta.equals("-")) {
                put(cp, "");
            } else {
                int d = Integer.parseInt(delta.substring(1), 16);
                put(cp, new String(Character.toChars(delta.charAt(0) == '-' ? cp - d : cp + d)));
            }
        }
    }

    private static int[] range(String s) {
        int dash = s.indexOf('-');
        return new int[]{Integer.parseInt(s.substring(0, dash), 16), Integer.parseInt(s.substring(dash + 1), 16)};
    }

    private static void put(int cp, String to) {
        if (cp < 0x10000) {
            BMP[cp] = to;
        } else {
            SUPPLEMENTARY.put(cp, to);
        }
    }
}
