package io.github.employeestore.dynamodb;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreOptions;
import io.github.employeestore.spi.CursorCodec;
import io.github.employeestore.spi.EmployeeCodec;
import io.github.employeestore.spi.EmployeeStoreProvider;
import io.github.employeestore.spi.StoreUrl;
import io.github.employeestore.dynamodb.internal.Credentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

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
 *   <li>{@code accessKeyId} and {@code secretAccessKey} (and {@code sessionToken} for temporary credentials)
 *       &mdash; a static key pair; give them in {@link StoreOptions} (or the starter's
 *       {@code employee-store.options.*}) rather than in the URL, which applications tend to print. Never shown in
 *       a message, a log or {@link EmployeeStore#description()}</li>
 *   <li>{@code profile} &mdash; a named profile of the shared credentials and config files (not with a key
 *       pair)</li>
 *   <li>with neither, the SDK's default credentials chain (environment, system properties, web identity, profile,
 *       container, instance role); on a loopback {@code endpoint} ({@code localhost}, {@code 127.x.x.x},
 *       {@code [::1]}: a moto server or LocalStack on this machine) the environment's or system properties' keys
 *       if set, else a placeholder pair, so that no AWS credentials need to exist</li>
 *   <li>{@code table} &mdash; the table, instead of the URL's path; {@code Employees} when neither is given</li>
 * </ul>
 * The store owns the client it builds (on the URL-connection HTTP client) and closes it with itself.
 *
 * <p>Thread-safe (stateless).
 */
public final class DynamoDbEmployeeStoreProvider implements EmployeeStoreProvider {
    private static final Set<String> OPTIONS = Set.of("region", "endpoint", Credentials.PROFILE,
            Credentials.ACCESS_KEY_ID, Credentials.SECRET_ACCESS_KEY, Credentials.SESSION_TOKEN, "table", "layout",
            CursorCodec.KEY_OPTION);

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

    /** The {@code layout} option: {@code standard} (default) or {@code EmployeeDirectorySample}. */
    private static EmployeeCodec.Layout layout(String value) {
        if (value.equalsIgnoreCase("standard")) {
            return EmployeeCodec.Layout.STANDARD;
        }
        if (value.equalsIgnoreCase("EmployeeDirectorySample") || value.equalsIgnoreCase("EMPLOYEE_DIRECTORY_SAMPLE")) {
            return EmployeeCodec.Layout.EMPLOYEE_DIRECTORY_SAMPLE;
        }
        throw new StoreConfigurationException("option 'layout' of the dynamodb: URL must be 'standard' or "
                + "'EmployeeDirectorySample'");
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
        EmployeeCodec.Layout layout = layout(parsed.option("layout").orElse("standard"));
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
        // Without credentials options (and off a loopback endpoint) the client uses the SDK's default credentials
        // chain, which it creates and closes itself.
        AwsCredentialsProvider credentials = Credentials.of(parsed, endpoint);
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
                    .ownedClient(client, credentials instanceof SdkAutoCloseable c ? c : null)
                    .tableName(table)
                    .layout(layout)
                    .clock(options.clock())
                    .cursorKey(parsed.option(CursorCodec.KEY_OPTION).orElse(null))
                    .build();
        } catch (RuntimeException e) {
            client.close();
            closeQuietly(credentials);
            throw e;
        }
    }

    private static void closeQuietly(AwsCredentialsProvider credentials) {
        if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
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
