package io.github.employeestore.spi;

import io.github.employeestore.Employee;
import io.github.employeestore.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NameFoldingTest {

    @Test
    void storedTableIsWhatTheGeneratorMakesOnJava17() throws IOException {
        assumeTrue(Runtime.version().feature() == 17,
                "the table is generated from Java 17's Unicode 13.0 data; this JDK has another Unicode version");
        String stored;
        try (InputStream in = NameFolding.class.getResourceAsStream(NameFolding.TABLE_RESOURCE)) {
            stored = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(stored).isEqualTo(NameFoldingTableGenerator.generate());
    }

    @Test
    void everyCodePointFoldsAsTheGeneratorSaysAndFoldingIsIdempotent() {
        assumeTrue(Runtime.version().feature() == 17, "compares with Java 17's Unicode 13.0 data");
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String one = new String(Character.toChars(cp));
            if (!NameFoldingTableGenerator.assigned(cp)) {
                assertThat(NameFolding.fold(one)).isEqualTo(one);
                assertThat(NameFolding.isWordCharacter(cp)).isFalse();
                continue;
            }
            String expected = NameFoldingTableGenerator.fold(cp);
            assertThat(NameFolding.fold(one)).as("U+%04X", cp).isEqualTo(expected);
            assertThat(NameFolding.fold(expected)).as("idempotent U+%04X", cp).isEqualTo(expected);
            assertThat(NameFolding.isWordCharacter(cp)).as("word U+%04X", cp)
                    .isEqualTo(NameFoldingTableGenerator.wordType(cp));
        }
    }

    @Test
    void foldsCaseFullyRemovesMarksAndDecomposesCompatibilityForms() {
        assertThat(NameFolding.fold("Straße")).isEqualTo("strasse");
        assertThat(NameFolding.fold("STRASSE")).isEqualTo("strasse");
        assertThat(NameFolding.fold("ẞ")).isEqualTo("ss");
        assertThat(NameFolding.fold("Öztürk")).isEqualTo("ozturk");
        assertThat(NameFolding.fold("Ǆemal")).isEqualTo("dzemal");
        assertThat(NameFolding.fold("ﬁona")).isEqualTo("fiona");
        assertThat(NameFolding.fold("Ｊｏｓé")).isEqualTo("jose");
        assertThat(NameFolding.fold("ΣΟΦΟΣ")).isEqualTo(NameFolding.fold("σοφος")).isEqualTo(NameFolding.fold("σοφοσ"));
        assertThat(NameFolding.fold("İlker")).isEqualTo("ilker");
        assertThat(NameFolding.fold("Dvořák")).isEqualTo("dvorak");
        assertThat(NameFolding.fold("김")).isEqualTo("\u1100\u1175\u11b7");
        assertThat(NameFolding.fold("Ⅻ")).isEqualTo("xii");
    }

    @Test
    void wordsSplitAtWhiteSpaceAndPunctuationAndAreDistinct() {
        assertThat(NameFolding.words("Lovelace, Ada")).containsExactly("lovelace", "ada");
        assertThat(NameFolding.words("Jean-Luc O’Neil")).containsExactly("jean", "luc", "o", "neil");
        assertThat(NameFolding.words("ada ADA Ada")).containsExactly("ada");
        assertThat(NameFolding.words("  --- ")).isEmpty();
        assertThat(NameFolding.words("R2-D2\u00a0x")).containsExactly("r2", "d2", "x");
        assertThat(NameFolding.words("王小明")).containsExactly("王小明");
        assertThat(NameFolding.words("देवनागरी नाम")).hasSize(2);
        assertThat(NameFolding.words("a😀b")).containsExactly("a", "b");
    }

    @Test
    void matchesWhenEveryQueryWordPrefixesSomeNameWord() {
        assertThat(NameFolding.matches(NameFolding.queryWords("ada lov"), "Ada Lovelace")).isTrue();
        assertThat(NameFolding.matches(NameFolding.queryWords("ada lov"), "Lovelace, Ada")).isTrue();
        assertThat(NameFolding.matches(NameFolding.queryWords("lo"), "Lola Ng")).isTrue();
        assertThat(NameFolding.matches(NameFolding.queryWords("ove"), "Ada Lovelace")).isFalse();
        assertThat(NameFolding.matches(NameFolding.queryWords("ada x"), "Ada Lovelace")).isFalse();
        assertThat(NameFolding.matches(NameFolding.queryWords("Oz"), "Öztürk")).isTrue();
        assertThat(NameFolding.matches(NameFolding.queryWords("STRASSE"), "Hans Straße")).isTrue();
        assertThat(NameFolding.matches(NameFolding.queryWords("a"), null)).isFalse();
    }

    @Test
    void queryLimitsAreTypedErrorsOnName() {
        assertInvalid(null);
        assertInvalid("");
        assertInvalid(" ,;- ");
        assertInvalid("a".repeat(201));
        assertInvalid("a b c d e f g h i");
        assertInvalid("a".repeat(65));
        assertInvalid("a\u0000b");
        assertInvalid("a\ud800");
        assertThat(NameFolding.queryWords("a b c d e f g h a")).hasSize(8);
        assertThat(NameFolding.queryWords("a".repeat(64))).hasSize(1);
        assertThat(NameFolding.queryWords("xy ".repeat(66) + "zz")).hasSize(2);
    }

    private static void assertInvalid(String text) {
        assertThatThrownBy(() -> NameFolding.queryWords(text)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations().get(0).field()).isEqualTo("name"));
    }

    @Test
    void sortKeyJoinsFoldedWordsAndOrdersWordByWord() {
        assertThat(NameFolding.sortKey("Lovelace, Ada")).isEqualTo("lovelace ada");
        assertThat(NameFolding.sortKey("ada ada")).isEqualTo("ada ada");
        assertThat(NameFolding.sortKey("!!")).isEmpty();
        assertThat(CodePointOrder.compare(NameFolding.sortKey("Ada Lovelace"), NameFolding.sortKey("Adam"))).isNegative();
        String longName = "ﷺ".repeat(20);
        assertThat(NameFolding.sortKey(longName).codePointCount(0, NameFolding.sortKey(longName).length()))
                .isLessThanOrEqualTo(NameFolding.MAX_SORT_KEY_LENGTH);
        assertThat(NameFolding.sortKey(longName)).doesNotEndWith(" ");
        Employee a = Employee.builder().id("2").fullName("ada").build();
        Employee b = Employee.builder().id("1").fullName("Ada").build();
        Employee c = Employee.builder().id("3").fullName("Ada").build();
        Employee d = Employee.builder().id("0").fullName("Adam").build();
        assertThat(List.of(d, c, a, b).stream().sorted(NameFolding.ORDER).toList()).containsExactly(b, c, a, d);
    }

    /**
     * The one-pass sort key against its definition: the folded words (with repeats) joined by one space, cut to
     * the limit, without a trailing space; on names drawn from word and separator pieces, and on names whose
     * words end exactly at, one before and one after the cut.
     */
    @Test
    void sortKeyIsTheJoinedWordsCut() {
        String[] pieces = {"a", "Ada", "ß", "Ǆ", "ﷺ", "𝒜", "é", "e\u0301", "李", "한", "-", " ", ", ", "\t", "'", "¡",
                "\uD800", "x".repeat(NameFolding.MAX_SORT_KEY_LENGTH - 1)};
        java.util.Random random = new java.util.Random(20261207);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder name = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                name.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = name.toString();
            assertThat(NameFolding.sortKey(s)).as("%s", s).isEqualTo(definedSortKey(s));
        }
        for (int words = NameFolding.MAX_SORT_KEY_LENGTH - 3; words <= NameFolding.MAX_SORT_KEY_LENGTH + 3; words++) {
            for (String separator : List.of(" ", " - ")) {
                String s = String.join(separator, java.util.Collections.nCopies(words / 2, "b")) + separator + "cc";
                assertThat(NameFolding.sortKey(s)).as("%d words", words).isEqualTo(definedSortKey(s));
                String t = "d".repeat(words);
                assertThat(NameFolding.sortKey(t + " e")).isEqualTo(definedSortKey(t + " e"));
            }
        }
    }

    private static String definedSortKey(String fullName) {
        String folded = NameFolding.fold(fullName);
        List<String> words = new java.util.ArrayList<>();
        int start = -1;
        for (int i = 0; i <= folded.length(); ) {
            int cp = i < folded.length() ? folded.codePointAt(i) : -1;
            boolean word = cp >= 0 && NameFolding.isWordCharacter(cp);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                words.add(folded.substring(start, i));
                start = -1;
            }
            i += cp >= 0 ? Character.charCount(cp) : 1;
        }
        String joined = String.join(" ", words);
        if (joined.codePointCount(0, joined.length()) > NameFolding.MAX_SORT_KEY_LENGTH) {
            joined = joined.substring(0, joined.offsetByCodePoints(0, NameFolding.MAX_SORT_KEY_LENGTH)).stripTrailing();
        }
        return joined;
    }

    @Test
    void indexPrefixesCoverEveryWordUpToTheLength() {
        assertThat(NameFolding.indexPrefixes("Ada Lovelace", 4))
                .containsExactly("a", "ad", "ada", "l", "lo", "lov", "love");
        assertThat(NameFolding.indexPrefixes("Ada Adams", 3)).containsExactly("a", "ad", "ada");
        assertThat(NameFolding.indexPrefixes(null, 3)).isEmpty();
        assertThatThrownBy(() -> NameFolding.indexPrefixes("a", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(NameFolding.lookupPrefix("lovelace", 4)).isEqualTo("love");
        assertThat(NameFolding.lookupPrefix("lov", 4)).isEqualTo("lov");
    }
}
