package io.github.employeestore.spi;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class IdIndexTest {
    @Test
    void firstPositionOfEachIdExactlyAsAHashMapWouldTell() {
        IdIndex index = new IdIndex();
        Map<String, Integer> expected = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            // a small id space, so that ids repeat; texts of every length and some beyond ASCII
            int n = random.nextInt(60_000);
            String id = (n % 3 == 0 ? "é" : "") + "id-" + n + (n % 5 == 0 ? "😀" : "");
            Integer first = expected.putIfAbsent(id, i);
            assertThat(index.putIfAbsent(id, i)).as("id %s at %d", id, i).isEqualTo(first == null ? -1 : first);
        }
        assertThat(index.size()).isEqualTo(expected.size());
    }

    @Test
    void idsWithTheSameJavaHashAreKeptApart() {
        IdIndex index = new IdIndex();
        // "Aa" and "BB" share String.hashCode; their UTF-8 bytes differ
        assertThat(index.putIfAbsent("Aa", 0)).isEqualTo(-1);
        assertThat(index.putIfAbsent("BB", 1)).isEqualTo(-1);
        assertThat(index.putIfAbsent("Aa", 2)).isZero();
        assertThat(index.putIfAbsent("BB", 3)).isEqualTo(1);
        assertThat(index.putIfAbsent("", 4)).isEqualTo(-1);
        assertThat(index.putIfAbsent("", 5)).isEqualTo(4);
    }
}
