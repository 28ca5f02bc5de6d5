package io.github.employeestore.tck;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes every TCK failure name the clause it broke: an assertion error whose message does not start with the
 * test's clauses gets them, and the test's name, in front ({@code [§4.2.3 create: ...] expected ...}). Expected and
 * actual values, the cause and the stack trace are kept.
 */
final class ClauseInFailures implements TestExecutionExceptionHandler {
    private static final Pattern CITATIONS = Pattern.compile("^(§[0-9.]+(?:, §[0-9.]+)*) ");

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        if (!(thrown instanceof AssertionError) || String.valueOf(thrown.getMessage()).startsWith("[[§")
                || String.valueOf(thrown.getMessage()).startsWith("[§")) {
            throw thrown;
        }
        String name = context.getDisplayName();
        Matcher m = CITATIONS.matcher(name);
        String prefix = "[" + (m.find() ? name : "TCK " + name) + "] ";
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
