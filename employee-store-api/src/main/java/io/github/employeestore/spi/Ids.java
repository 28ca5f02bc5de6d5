package io.github.employeestore.spi;

import java.util.UUID;

/**
 * Id generation shared by every backend. Thread-safe.
 */
public final class Ids {
    private Ids() {
    }

    /** @return a new random id: a type-4 UUID in its canonical 36-character form */
    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
