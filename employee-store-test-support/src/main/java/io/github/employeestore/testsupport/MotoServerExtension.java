package io.github.employeestore.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * For test classes that need a moto server ({@link MotoDynamoDb}). Where none can be had (no {@code moto_server},
 * no Docker), the class is skipped with a reason that names {@value MotoServer#INSTALL_HINT}; on CI
 * ({@code CI=true}) it runs instead and fails in {@code @BeforeAll} with that reason, because CI must run the
 * DynamoDB tests. Before the class's own {@code @BeforeAll} methods it starts the shared server, and it resolves
 * parameters of type {@link MotoDynamoDb}. The reason of a skip is also printed once per test JVM on standard error.
 * Use it through {@link MotoTest @MotoTest}.
 */
public final class MotoServerExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {
    private static final AtomicBoolean SAID = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        MotoDynamoDb.Availability a = MotoDynamoDb.availability();
        if (a.available()) {
            return ConditionEvaluationResult.enabled(a.reason());
        }
        if (MotoDynamoDb.onCi()) {
            return ConditionEvaluationResult.enabled("CI=true: a missing moto server fails the tests");
        }
        String reason = "DynamoDB tests skipped: " + a.reason();
        if (SAID.compareAndSet(false, true)) {
            // once per test JVM on the console too, where build tools do not print the reasons of skipped tests
            System.err.println(reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        MotoDynamoDb.shared();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MotoDynamoDb.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return MotoDynamoDb.shared();
    }
}
