package io.github.employeestore.dynamodb;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreOptions;
import io.github.employeestore.spi.EmployeeStoreProvider;
import io.github.employeestore.spi.StoreUrl;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * Opens {@code dynamodb:TABLE} URLs, for example {@code dynamodb:Employees?region=eu-west-1}. Options (in the URL's
 * query string or in {@link StoreOptions}, which win):
 * <ul>
 *   <li>{@code region} &mdash; the AWS region; otherwise the SDK's default region chain ({@code AWS_REGION}, the
 *       profile, instance metadata), and {@code us-east-1} when only an {@code endpoint} is given</li>
 *   <li>{@code endpoint} &mdash; an endpoint override for any DynamoDB-compatible endpoint, e.g.
 *       {@code http://127.0.0.1:5000} for a moto server, {@code http://localhost:4566} for LocalStack, or a ScyllaDB
 *       Alternator</li>
 *   <li>{@code profile} &mdash; a named profile of the shared credentials and config files; otherwise the SDK's
 *       default credentials chain (environment, system properties, web identity, profile, container, instance
 *       role)</li>
 *   <li>{@code table} &mdash; the table, instead of the URL's path; {@code Employees} when neither is given</li>
 * </ul>
 * The store owns the client it builds (on the URL-connection HTTP client) and closes it with itself.
 *
 * <p>Thread-safe (stateless).
 */
public final class DynamoDbEmployeeStoreProvider implements EmployeeStoreProvider {
    private static final Set<String> OPTIONS = Set.of("region", "endpoint", "profile", "table");

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public DynamoDbEmployeeStoreProvider() {
    }

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public boolean supports(String url) {
        return url != null && url.regionMatches(true, 0, "dynamodb:", 0, 9);
    }

    @Override
    public EmployeeStore open(String url, StoreOptions options) {
        StoreUrl parsed = StoreUrl.parse(url, options);
        for (String name : parsed.options().keySet()) {
            if (!OPTIONS.contains(name)) {
                throw new StoreConfigurationException("unknown option '" + name + "' in dynamodb: URL; known: "
                        + OPTIONS);
            }
        }
        String table = parsed.option("table").orElse(parsed.path().isEmpty() ? "Employees" : parsed.path());
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
        URI endpoint = null;
        if (parsed.option("endpoint").isPresent()) {
            try {
                endpoint = new URI(parsed.option("endpoint").get());
            } catch (URISyntaxException e) {
                throw new StoreConfigurationException("option 'endpoint' of the dynamodb: URL is not a URI", e);
            }
            if (endpoint.getScheme() == null || endpoint.getHost() == null) {
                throw new StoreConfigurationException("option 'endpoint' of the dynamodb: URL must be an absolute "
                        + "http(s) URI");
            }
            builder.endpointOverride(endpoint);
        }
        builder.region(region(parsed, endpoint != null));
        // Without a profile the client uses the SDK's default credentials chain, which it creates and closes itself.
        ProfileCredentialsProvider credentials = parsed.option("profile")
                .map(p -> ProfileCredentialsProvider.builder().profileName(p).build())
                .orElse(null);
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        DynamoDbClient client;
        try {
            client = builder.build();
        } catch (SdkClientException | IllegalArgumentException e) {
            closeQuietly(credentials);
            throw new StoreConfigurationException("cannot build the DynamoDB client: " + e.getMessage(), e);
        }
        try {
            return DynamoDbEmployeeStore.builder()
                    .ownedClient(client, credentials)
                    .tableName(table)
                    .clock(options.clock())
                    .build();
        } catch (RuntimeException e) {
            client.close();
            closeQuietly(credentials);
            throw e;
        }
    }

    private static void closeQuietly(ProfileCredentialsProvider credentials) {
        if (credentials != null) {
            credentials.close();
        }
    }

    private static Region region(StoreUrl parsed, boolean hasEndpoint) {
        if (parsed.option("region").isPresent()) {
            String r = parsed.option("region").get();
            if (!r.matches("[a-z0-9-]{1,64}")) {
                throw new StoreConfigurationException("option 'region' of the dynamodb: URL is not a region name");
            }
            return Region.of(r);
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException e) {
            if (hasEndpoint) {
                return Region.US_EAST_1;
            }
            throw new StoreConfigurationException("no AWS region for the dynamodb: URL: add ?region=... or set "
                    + "AWS_REGION", e);
        }
    }
}
