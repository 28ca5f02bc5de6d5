package io.github.employeestore.spi;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CodePointOrderTest {
    private static int oracle(String a, String b) {
        return Integer.signum(Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
    }

    @Test
    void supplementaryCharactersSortAfterTheRestOfTheBmp() {
        String emoji = "\uD83D\uDE00";
        assertThat(CodePointOrder.compare(emoji, "\uFFFD")).isPositive();
        assertThat(emoji.compareTo("\uFFFD")).as("String.compareTo differs").isNegative();
        assertThat(CodePointOrder.compare("\uE000", "\uD800\uDC00")).isNegative();
    }

    @Test
    void agreesWithCodePointArraysOnRandomStrings() {
        Random random = new Random(1);
        int[] pool = {0x41, 0x61, 0xE9, 0x4E2D, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(5);
            for (int j = 0; j < n; j++) {
                sb.appendCodePoint(pool[random.nextInt(pool.length)]);
            }
            strings.add(sb.toString());
        }
        for (String a : strings) {
            for (String b : strings) {
                assertThat(Integer.signum(CodePointOrder.compare(a, b))).as("%s vs %s", a, b).isEqualTo(oracle(a, b));
            }
        }
    }

    @Test
    void prefixSortsFirstAndEqualIsZero() {
        assertThat(CodePointOrder.compare("abc", "abcd")).isNegative();
        assertThat(CodePointOrder.compare("abc", "abc")).isZero();
        assertThat(CodePointOrder.compare("", "a")).isNegative();
    }
}
