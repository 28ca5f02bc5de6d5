package io.github.employeestore.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The first position of each id seen, in little memory: the ids' UTF-8 bytes in one growing array, and an
 * open-addressing table of ints, about 30 bytes an id besides its text (a {@code HashMap<String, Integer>} takes
 * about 110 for a short id). What lets {@code importAll} report repeated ids of a million-employee input without
 * holding the input. Exact: ids are compared by their bytes, never by hash alone. Not thread-safe.
 */
public final class IdIndex {
    private byte[] text = new byte[1 << 12];
    private int textSize;
    /** Per id: where its bytes start in {@link #text}, how many, its hash, its first position. */
    private int[] starts = new int[256];
    private int[] lengths = new int[256];
    private int[] hashes = new int[256];
    private int[] positions = new int[256];
    private int size;
    /** Slots: 0 empty, else the id's number + 1. */
    private int[] slots = new int[512];

    /**
     * Records the id's position unless the id was seen before.
     *
     * @param id       the id
     * @param position its position in the input
     * @return the position it was first seen at, or -1 if it is new (and now recorded)
     */
    public int putIfAbsent(String id, int position) {
        if (!isAscii(id)) {
            return putIfAbsent(id.getBytes(StandardCharsets.UTF_8), position);
        }
        // an ASCII id (the common case) is its own UTF-8: hashed, compared and stored from its chars, no copy made
        int length = id.length();
        int hash = 1;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + (byte) id.charAt(i); // as Arrays.hashCode of its UTF-8 bytes
        }
        int mask = slots.length - 1;
        int slot = mix(hash) & mask;
        while (slots[slot] != 0) {
            int n = slots[slot] - 1;
            if (hashes[n] == hash && lengths[n] == length && sameAscii(starts[n], id)) {
                return positions[n];
            }
            slot = (slot + 1) & mask;
        }
        int start = reserve(length);
        for (int i = 0; i < length; i++) {
            text[start + i] = (byte) id.charAt(i);
        }
        record(start, length, hash, position);
        slots[slot] = size;
        if (size * 2 > slots.length) {
            rehash();
        }
        return -1;
    }

    private int putIfAbsent(byte[] bytes, int position) {
        int hash = Arrays.hashCode(bytes);
        int mask = slots.length - 1;
        int slot = mix(hash) & mask;
        while (slots[slot] != 0) {
            int n = slots[slot] - 1;
            if (hashes[n] == hash && lengths[n] == bytes.length
                    && Arrays.equals(text, starts[n], starts[n] + lengths[n], bytes, 0, bytes.length)) {
                return positions[n];
            }
            slot = (slot + 1) & mask;
        }
        int start = reserve(bytes.length);
        System.arraycopy(bytes, 0, text, start, bytes.length);
        record(start, bytes.length, hash, position);
        slots[slot] = size;
        if (size * 2 > slots.length) {
            rehash();
        }
        return -1;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private boolean sameAscii(int start, String id) {
        for (int i = 0; i < id.length(); i++) {
            if (text[start + i] != (byte) id.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** @return how many distinct ids were recorded */
    public int size() {
        return size;
    }

    /** Makes room for {@code length} more bytes of text; returns where they go. */
    private int reserve(int length) {
        if (textSize + length > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, textSize + length));
        }
        int start = textSize;
        textSize += length;
        return start;
    }

    private void record(int start, int length, int hash, int position) {
        if (size == starts.length) {
            int grown = size * 2;
            starts = Arrays.copyOf(starts, grown);
            lengths = Arrays.copyOf(lengths, grown);
            hashes = Arrays.copyOf(hashes, grown);
            positions = Arrays.copyOf(positions, grown);
        }
        starts[size] = start;
        lengths[size] = length;
        hashes[size] = hash;
        positions[size] = position;
        size++;
    }

    private void rehash() {
        int[] grown = new int[slots.length * 2];
        int mask = grown.length - 1;
        for (int n = 0; n < size; n++) {
            int slot = mix(hashes[n]) & mask;
            while (grown[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            grown[slot] = n + 1;
        }
        slots = grown;
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
