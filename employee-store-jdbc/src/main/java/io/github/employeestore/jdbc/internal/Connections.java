package io.github.employeestore.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** What the store asks of a connection after a failure. Thread-safe (stateless). */
public final class Connections {
    private Connections() {
    }

    /**
     * @param c a connection a statement failed on
     * @return whether it is closed or no longer valid (killed on the server, network lost)
     */
    public static boolean isLost(Connection c) {
        try {
            return c.isClosed() || !c.isValid(5);
        } catch (SQLException e) {
            return true;
        }
    }
}
