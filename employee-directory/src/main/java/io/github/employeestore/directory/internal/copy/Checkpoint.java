package io.github.employeestore.directory.internal.copy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a copy records how far it got, so that {@code copy --resume} continues after the last batch it wrote: a small
 * properties file holding the source cursor after the last batch whose every predecessor is written too, the counts,
 * and a fingerprint of the source and target (a hash, so that no URL or password is written down) that a resume must
 * match. Written after every batch (the batches it counts were committed by the target before) to a temporary file,
 * forced to disk and moved into place, so a crash leaves the previous or the next state, never a torn one. Thread-safe (the engine's writers record through it).
 */
public final class Checkpoint {
    /**
     * The state recorded.
     *
     * @param cursor    the source cursor after the copied prefix (empty at the start, and at the end)
     * @param copied    employees written in the prefix
     * @param failed     employees of the prefix that could not be written, unreadable ones included
     * @param unreadable employees of the prefix that the source could not read
     * @param sourceEnd  whether the prefix reaches the end of the source (nothing is left to read)
     */
    public record State(Optional<String> cursor, long copied, long failed, long unreadable, boolean sourceEnd) {
        /** @return the state of a copy that has not started */
        public static State start() {
            return new State(Optional.empty(), 0, 0, 0, false);
        }
    }

    private final Path file;
    private final String fingerprint;

    /**
     * @param file   the file
     * @param source the source URL (only its hash is written)
     * @param target the target URL (only its hash is written)
     */
    public Checkpoint(Path file, String source, String target) {
        this.file = file;
        this.fingerprint = fingerprint(source, target);
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /**
     * @return the recorded state, or empty if there is no checkpoint file
     * @throws IllegalStateException if the file belongs to a copy between other stores, or cannot be read
     */
    public Optional<State> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the checkpoint " + file + ": " + e.getMessage(), e);
        }
        if (!fingerprint.equals(p.getProperty("fingerprint"))) {
            throw new IllegalStateException("the checkpoint " + file + " belongs to a copy between other stores");
        }
        try {
            String cursor = p.getProperty("cursor", "");
            return Optional.of(new State(cursor.isEmpty() ? Optional.empty() : Optional.of(cursor),
                    Long.parseLong(p.getProperty("copied", "0")), Long.parseLong(p.getProperty("failed", "0")),
                    Long.parseLong(p.getProperty("unreadable", "0")),
                    Boolean.parseBoolean(p.getProperty("sourceEnd", "false"))));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the checkpoint " + file + " is damaged", e);
        }
    }

    /**
     * Records the state atomically.
     *
     * @param state the state
     */
    public synchronized void write(State state) {
        Properties p = new Properties();
        p.setProperty("fingerprint", fingerprint);
        p.setProperty("cursor", state.cursor().orElse(""));
        p.setProperty("copied", Long.toString(state.copied()));
        p.setProperty("failed", Long.toString(state.failed()));
        p.setProperty("unreadable", Long.toString(state.unreadable()));
        p.setProperty("sourceEnd", Boolean.toString(state.sourceEnd()));
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            java.io.StringWriter text = new java.io.StringWriter();
            p.store(text, "employee-directory copy checkpoint: continue with copy --resume");
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true); // on disk before it replaces the previous state
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + file, e);
        }
    }

    /** Removes the checkpoint (after a complete copy). */
    public synchronized void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the checkpoint " + file, e);
        }
    }

    private static String fingerprint(String source, String target) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((source.trim() + "\n" + target.trim())
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
