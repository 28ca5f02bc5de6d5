/**
 * The Amazon DynamoDB backend of Employee Store, on the AWS SDK v2 Enhanced Client: {@code dynamodb:} URLs through
 * the {@link io.github.employeestore.spi.EmployeeStoreProvider} service, or
 * {@link io.github.employeestore.dynamodb.DynamoDbEmployeeStore#builder()}.
 */
module io.github.employeestore.dynamodb {
    requires transitive io.github.employeestore.api;
    requires transitive software.amazon.awssdk.services.dynamodb;   // Builder.client(DynamoDbClient)
    requires transitive software.amazon.awssdk.enhanced.dynamodb;   // Builder.enhancedClient(...)
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.identity.spi;
    requires software.amazon.awssdk.utils;
    requires org.slf4j;

    exports io.github.employeestore.dynamodb;

    provides io.github.employeestore.spi.EmployeeStoreProvider
            with io.github.employeestore.dynamodb.DynamoDbEmployeeStoreProvider;
}
