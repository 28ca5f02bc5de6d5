package io.github.employeestore.directory.internal.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import java.io.IOException;

/**
 * {@code /error}, where the container forwards every error that no controller answered (unknown routes, methods a
 * route does not take, a body or URL it refused): the one error shape of {@link ErrorBodies}, with the status of
 * the error. Requested directly, {@code /error} is an unknown page: 404, never a 500. Thread-safe (stateless).
 */
@Controller
public class DirectoryErrorController implements ErrorController {
    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        int status = code instanceof Integer i && i >= 400 && i <= 599 ? i : 404;
        String original = uri instanceof String s ? s : request.getRequestURI();
        String message = switch (status) {
            case 404 -> ErrorBodies.wantsJson(original) ? "no such resource" : "There is no such page.";
            case 405 -> "this method is not allowed here";
            case 413 -> "the request body is too large";
            case 414 -> "the URL is too long";
            case 431 -> "the request headers are too large";
            case 500 -> "internal error";
            default -> ErrorBodies.reason(status);
        };
        ErrorBodies.write(original, response, status, message);
    }
}
