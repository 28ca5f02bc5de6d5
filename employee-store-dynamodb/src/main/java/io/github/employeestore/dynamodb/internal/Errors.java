package io.github.employeestore.dynamodb.internal;

import io.github.employeestore.EmployeeStoreException;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreUnavailableException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Translates SDK exceptions into the store's exceptions. Messages name the operation, table and error code, never
 * attribute values (the service's own message can quote them, so it is not copied). Thread-safe (stateless).
 */
public final class Errors {
    private Errors() {
    }

    /**
     * @param e         an SDK exception
     * @param operation what the store was doing, e.g. {@code "get id=42"} (ids only)
     * @param table     the table name
     * @return the store exception to throw, with {@code e} as its cause
     */
    public static EmployeeStoreException translate(SdkException e, String operation, String table) {
        if (e instanceof ResourceNotFoundException) {
            return new StoreConfigurationException("DynamoDB table '" + table + "' (or one of its indexes, or its "
                    + "search index table '" + NameIndexKeys.indexTable(table) + "') does not exist; create it with "
                    + "schema().create() (" + operation + ")", e);
        }
        if (e instanceof SdkServiceException service) {
            String code = e instanceof DynamoDbException d && d.awsErrorDetails() != null
                    ? d.awsErrorDetails().errorCode() : null;
            if (service.isThrottlingException() || service.statusCode() >= 500 || isTransient(code)) {
                return new StoreUnavailableException("DynamoDB did not complete " + operation + " on table '" + table
                        + "': " + (code != null ? code : "HTTP " + service.statusCode()), e);
            }
            if ("ValidationException".equals(code) && e.getMessage() != null
                    && e.getMessage().contains("specified index")) {
                return new StoreConfigurationException("DynamoDB table '" + table + "' lacks an index that "
                        + operation + " needs; run schema().create() to add it", e);
            }
            if ("AccessDeniedException".equals(code) || "UnrecognizedClientException".equals(code)
                    || "MissingAuthenticationTokenException".equals(code)) {
                return new StoreConfigurationException("DynamoDB refused " + operation + " on table '" + table
                        + "': " + code + " (check the credentials and the IAM permissions)", e);
            }
            return new EmployeeStoreException("DynamoDB rejected " + operation + " on table '" + table + "': "
                    + (code != null ? code : "HTTP " + service.statusCode()), e);
        }
        if (e instanceof AbortedException) {
            return new StoreUnavailableException(operation + " on table '" + table + "' was interrupted", e, true);
        }
        if (e instanceof SdkClientException) {
            String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
            if (message.contains("credentials") || message.contains("unable to load region")) {
                // The SDK's message may quote profile files: it stays in the cause only.
                return new StoreConfigurationException("no usable AWS credentials or region for " + operation
                        + " on table '" + table + "' (check the profile, the environment or the instance role)", e);
            }
            return new StoreUnavailableException("DynamoDB could not be reached for " + operation + " on table '"
                    + table + "': " + e.getClass().getSimpleName(), e);
        }
        return new StoreUnavailableException("DynamoDB call failed: " + operation + " on table '" + table + "'", e);
    }

    /**
     * @param code an AWS error code
     * @return whether it names a transient condition worth retrying
     */
    public static boolean isTransient(String code) {
        return code != null && (code.equals("ProvisionedThroughputExceededException")
                || code.equals("ThrottlingException") || code.equals("RequestLimitExceeded")
                || code.equals("LimitExceededException") || code.equals("InternalServerError")
                || code.equals("ServiceUnavailable") || code.equals("TransactionInProgressException"));
    }
}
