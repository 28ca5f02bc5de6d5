package io.github.employeestore.directory.internal.web;

import jakarta.servlet.http.HttpServletRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads request bodies with a byte limit. Stateless. */
final class RequestBodies {
    private RequestBodies() {
    }

    /**
     * @param request  the request
     * @param maxBytes the most bytes accepted
     * @return the body's bytes
     * @throws TooLargeException if the body is larger
     * @throws IOException       if the client stopped sending (or was too slow: the server's read timeout)
     */
    static byte[] read(HttpServletRequest request, int maxBytes) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            throw new TooLargeException(maxBytes);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + n > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    /** A request body over the limit: 413. */
    static final class TooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLargeException(int maxBytes) {
            super("request body larger than " + maxBytes + " bytes");
        }
    }
}
