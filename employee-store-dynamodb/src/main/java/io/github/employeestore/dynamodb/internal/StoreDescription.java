package io.github.employeestore.dynamodb.internal;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

/** The description of a DynamoDB store, for messages and logs. Stateless. */
public final class StoreDescription {
    private StoreDescription() {
    }

    /**
     * "Amazon DynamoDB table 'T'", or "DynamoDB-compatible endpoint http://host:port, table 'T'" when the client has
     * an endpoint override (a moto server, LocalStack, ScyllaDB Alternator): scheme, host and port only, never user
     * information, path or query.
     *
     * @param client the store's client
     * @param table  the table
     * @return the description
     */
    public static String of(DynamoDbClient client, String table) {
        URI endpoint;
        try {
            endpoint = client.serviceClientConfiguration().endpointOverride().orElse(null);
        } catch (RuntimeException e) {
            endpoint = null;   // a client implementation without a configuration to report
        }
        if (endpoint == null || endpoint.getHost() == null) {
            return "Amazon DynamoDB table '" + table + "'";
        }
        String port = endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort();
        return "DynamoDB-compatible endpoint " + endpoint.getScheme() + "://" + endpoint.getHost() + port + ", table '"
                + table + "'";
    }
}
