package io.github.employeestore.tck;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes every TCK failure name the clause it broke: an assertion error whose message does not start with the
 * test's clauses gets them, and the test's name, in front ({@code [§4.2.3 create: ...] expected ...}). Expected and
 * actual values, the cause and the stack trace are kept. An exception of the store ({@code EmployeeStoreException}
 * or {@code UnsupportedOperationException}) that escapes a test is the store failing a call the test made as the
 * contract allows it: it becomes an assertion error naming the test's clauses, with the exception as its cause. Any
 * other exception (a bug of the TCK itself) is left as it is, so that the self-test does not count it as a catch.
 */
final class ClauseInFailures implements TestExecutionExceptionHandler {
    private static final Pattern CITATIONS = Pattern.compile("^(§[0-9.]+(?:, §[0-9.]+)*) ");

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        String name = context.getDisplayName();
        Matcher m = CITATIONS.matcher(name);
        boolean cited = m.find();
        String prefix = "[" + (cited ? name : "TCK " + name) + "] ";
        String message = String.valueOf(thrown.getMessage());
        if (thrown instanceof io.github.employeestore.EmployeeStoreException
                || thrown instanceof UnsupportedOperationException) {
            AssertionError named = new AssertionFailedError(prefix + "the store threw "
                    + thrown.getClass().getSimpleName() + ": " + message, thrown);
            named.setStackTrace(thrown.getStackTrace());
            throw named;
        }
        if (!(thrown instanceof AssertionError) || cited && (message.startsWith("[" + m.group(1) + "]")
                || message.startsWith("[[" + m.group(1) + "]") || message.startsWith(prefix))) {
            throw thrown;
        }
        AssertionError named;
        if (thrown instanceof AssertionFailedError f && f.isExpectedDefined() && f.isActualDefined()) {
            named = new AssertionFailedError(prefix + f.getMessage(), f.getExpected().getValue(),
                    f.getActual().getValue(), thrown);
        } else {
            named = new AssertionFailedError(prefix + thrown.getMessage(), thrown);
        }
        named.setStackTrace(thrown.getStackTrace());
        throw named;
    }
}
