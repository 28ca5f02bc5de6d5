package io.github.employeestore.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Full names with a realistic distribution, for search tests and benchmarks: a given name drawn by its count among
 * the US Social Security Administration's 2010 baby names (34,073 names) and a surname drawn by its share among the
 * 10,000 most frequent surnames of the US 1990 census (both public domain; see the {@code README.md} of the resource
 * folder {@code names} beside this class). The census lists surnames in capitals; they are title-cased here
 * ({@code SMITH} becomes {@code Smith}, and {@code MCDONALD} becomes {@code Mcdonald}: the original capitalisation is
 * not recoverable). Name {@code i} is the same on every run (drawn with a generator seeded by {@code i}), so lists of
 * a million cost no memory. Neither list has accents or non-Latin names. Thread-safe (immutable after loading).
 */
public final class RealNames {
    private static final RealNames INSTANCE = new RealNames();

    private final String[] given;
    private final double[] givenCumulative;
    private final String[] surnames;
    private final double[] surnameCumulative;

    private RealNames() {
        List<String[]> g = rows("names/given-names-us-ssa-2010.tsv", 3);
        given = new String[g.size()];
        givenCumulative = new double[g.size()];
        double sum = 0;
        for (int i = 0; i < g.size(); i++) {
            given[i] = g.get(i)[0];
            sum += Double.parseDouble(g.get(i)[2]);
            givenCumulative[i] = sum;
        }
        List<String[]> s = rows("names/surnames-us-census-1990.tsv", 2);
        surnames = new String[s.size()];
        surnameCumulative = new double[s.size()];
        sum = 0;
        for (int i = 0; i < s.size(); i++) {
            String upper = s.get(i)[0];
            surnames[i] = upper.charAt(0) + upper.substring(1).toLowerCase(Locale.ROOT);
            sum += Double.parseDouble(s.get(i)[1]);
            surnameCumulative[i] = sum;
        }
    }

    /** @return the names, loaded once */
    public static RealNames get() {
        return INSTANCE;
    }

    /**
     * @param i a number
     * @return full name number {@code i}: "Given Surname"
     */
    public String fullName(int i) {
        SplittableRandom random = new SplittableRandom(0x5eed_0000_0000L + i);
        return draw(given, givenCumulative, random) + " " + draw(surnames, surnameCumulative, random);
    }

    /** @return how many given names and surnames the lists hold */
    public int[] sizes() {
        return new int[] {given.length, surnames.length};
    }

    private static String draw(String[] names, double[] cumulative, SplittableRandom random) {
        double r = random.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, r);
        return names[Math.min(i < 0 ? -i - 1 : i, names.length - 1)];
    }

    private static List<String[]> rows(String resource, int columns) {
        try (InputStream in = Objects.requireNonNull(RealNames.class.getResourceAsStream(resource), resource);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String[]> rows = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    String[] cells = line.split("\t");
                    if (cells.length != columns) {
                        throw new IllegalStateException(resource + ": not " + columns + " columns: " + line);
                    }
                    rows.add(cells);
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
