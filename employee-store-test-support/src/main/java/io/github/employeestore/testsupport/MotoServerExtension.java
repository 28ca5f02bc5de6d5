package io.github.employeestore.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * For test classes that need a moto server ({@link MotoDynamoDb}). Where none can be had (no {@code moto_server},
 * no Docker), the class is skipped with a reason that names {@value MotoServer#INSTALL_HINT}; on CI
 * ({@code CI=true}) it runs instead and fails in {@code @BeforeAll} with that reason, because CI must run the
 * DynamoDB tests. Before the class's own {@code @BeforeAll} methods it starts the shared server, and it resolves
 * parameters of type {@link MotoDynamoDb}. Use it through {@link MotoTest @MotoTest}.
 */
public final class MotoServerExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        MotoDynamoDb.Availability a = MotoDynamoDb.availability();
        if (a.available()) {
            return ConditionEvaluationResult.enabled(a.reason());
        }
        if (MotoDynamoDb.onCi()) {
            return ConditionEvaluationResult.enabled("CI=true: a missing moto server fails the tests");
        }
        return ConditionEvaluationResult.disabled("DynamoDB tests skipped: " + a.reason());
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
