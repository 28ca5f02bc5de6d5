package io.github.employeestore.directory.internal.web;

import io.github.employeestore.InvalidInputException;
import io.github.employeestore.SearchIndexNotReadyException;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.Violation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import java.util.Optional;

/**
 * The pages' errors, shown as the {@code problem} page: an invalid filter, search or page link 400, binding that
 * cannot happen (too many rows, a malformed index) 400, an unknown employee 404, an unavailable store 503, a search
 * while the store's search index is being built 503, a search on a store that cannot search 501, anything else
 * 500. Logs name the exception type, never request values. Thread-safe.
 */
@ControllerAdvice(assignableTypes = EmployeePagesController.class)
public class PageErrors {
    private static final Logger LOG = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(InvalidInputException.class)
    String invalid(InvalidInputException e, Model model, HttpServletResponse response) {
        // the search's rule as the store states it (a rule, never the value typed)
        Optional<String> search = e.violations().stream().filter(v -> v.field().equals("name"))
                .map(Violation::rule).findFirst();
        if (search.isPresent()) {
            return problem(model, response, HttpStatus.BAD_REQUEST, "Invalid search",
                    "This search cannot be run: it " + search.get() + ".");
        }
        return problem(model, response, HttpStatus.BAD_REQUEST, "Invalid request",
                "This link or filter is not valid (a value may be too long, or belong to another filter).");
    }

    @ExceptionHandler(BeansException.class)
    String binding(BeansException e, Model model, HttpServletResponse response) {
        return problem(model, response, HttpStatus.BAD_REQUEST, "Invalid form", "The form could not be read.");
    }

    @ExceptionHandler(io.github.employeestore.UnreadableEmployeeException.class)
    String unreadable(io.github.employeestore.UnreadableEmployeeException e, Model model,
                      HttpServletResponse response) {
        return problem(model, response, HttpStatus.INTERNAL_SERVER_ERROR, "Stored employee cannot be read",
                "Employee " + e.id() + " is stored in a form the directory cannot read (" + e.attribute() + " "
                        + e.problem() + "). It is left as it is; DELETE " + IdUrls.api(e.id()) + " removes it.");
    }

    @ExceptionHandler(SearchIndexNotReadyException.class)
    String searchNotReady(SearchIndexNotReadyException e, Model model, HttpServletResponse response) {
        LOG.warn("search index not ready: {}", e.getClass().getSimpleName());
        response.setHeader("Retry-After", "60");
        return problem(model, response, HttpStatus.SERVICE_UNAVAILABLE, "Search not available yet",
                "The search index of the employees stored before this version is still being built (the store's"
                        + " search backfill). Please try again later.");
    }

    @ExceptionHandler(Listings.SearchUnsupportedException.class)
    String searchUnsupported(Listings.SearchUnsupportedException e, Model model, HttpServletResponse response) {
        return problem(model, response, HttpStatus.NOT_IMPLEMENTED, "Search not available",
                "This directory's store cannot search by name.");
    }

    @ExceptionHandler({StoreUnavailableException.class, StoreConfigurationException.class})
    String unavailable(RuntimeException e, Model model, HttpServletResponse response) {
        LOG.warn("store unavailable: {}", e.getClass().getSimpleName());
        return problem(model, response, HttpStatus.SERVICE_UNAVAILABLE, "Store unavailable",
                "The employee store is not available right now. Please try again in a moment.");
    }

    @ExceptionHandler(Exception.class)
    String other(Exception e, Model model, HttpServletRequest request, HttpServletResponse response) {
        if (e instanceof ErrorResponse spring) {
            HttpStatus status = HttpStatus.resolve(spring.getStatusCode().value());
            String detail = spring.getBody().getDetail();
            return problem(model, response, status == null ? HttpStatus.BAD_REQUEST : status,
                    status == HttpStatus.NOT_FOUND ? "Not found" : "Request not accepted",
                    status == HttpStatus.NOT_FOUND && detail != null ? detail : "The request could not be served.");
        }
        LOG.error("internal error on {}: {}", request.getMethod(), e.getClass().getName());
        LOG.debug("internal error", e);
        return problem(model, response, HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
                "Something went wrong. Please try again.");
    }

    private static String problem(Model model, HttpServletResponse response, HttpStatus status, String title,
                                  String message) {
        response.setStatus(status.value());
        model.addAttribute("title", title);
        model.addAttribute("message", message);
        return "problem";
    }
}
