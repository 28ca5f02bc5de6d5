package io.github.employeestore.dynamodb.internal;

import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.spi.StoreUrl;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The credentials of a store opened by a {@code dynamodb:} URL, from its options: a static key pair
 * ({@value #ACCESS_KEY_ID} and {@value #SECRET_ACCESS_KEY}, optionally {@value #SESSION_TOKEN}), or a named
 * {@value #PROFILE}; with neither, on a loopback endpoint (a moto server or LocalStack on this machine), the
 * environment's or system properties' keys if set, else a placeholder pair (such endpoints accept any); otherwise
 * {@code null}, for the SDK's default chain. No value is ever put in a message. Thread-safe (stateless).
 */
public final class Credentials {
    /** Option: the access key id of a static key pair. */
    public static final String ACCESS_KEY_ID = "accessKeyId";
    /** Option: the secret access key of a static key pair. */
    public static final String SECRET_ACCESS_KEY = "secretAccessKey";
    /** Option: the session token of temporary credentials, with the key pair. */
    public static final String SESSION_TOKEN = "sessionToken";
    /** Option: a profile of the shared credentials and config files. */
    public static final String PROFILE = "profile";
    /** The placeholder key of a loopback endpoint without credentials. */
    static final String PLACEHOLDER = "local-endpoint";

    private Credentials() {
    }

    /**
     * @param parsed   the URL and options
     * @param endpoint the endpoint override, or {@code null}
     * @return the credentials provider, or {@code null} for the SDK's default chain
     * @throws StoreConfigurationException when half a key pair, a token without keys, or both keys and a profile
     *                                     are given (naming the options, never their values)
     */
    public static AwsCredentialsProvider of(StoreUrl parsed, URI endpoint) {
        Optional<String> id = parsed.option(ACCESS_KEY_ID);
        Optional<String> secret = parsed.option(SECRET_ACCESS_KEY);
        Optional<String> token = parsed.option(SESSION_TOKEN);
        Optional<String> profile = parsed.option(PROFILE);
        if (id.isPresent() != secret.isPresent()) {
            throw new StoreConfigurationException("option '" + (id.isPresent() ? SECRET_ACCESS_KEY : ACCESS_KEY_ID)
                    + "' is missing: a static key pair needs both '" + ACCESS_KEY_ID + "' and '" + SECRET_ACCESS_KEY
                    + "'");
        }
        if (token.isPresent() && id.isEmpty()) {
            throw new StoreConfigurationException("option '" + SESSION_TOKEN + "' needs '" + ACCESS_KEY_ID + "' and '"
                    + SECRET_ACCESS_KEY + "'");
        }
        if (id.isPresent() && profile.isPresent()) {
            throw new StoreConfigurationException("give either a static key pair ('" + ACCESS_KEY_ID + "', '"
                    + SECRET_ACCESS_KEY + "') or a '" + PROFILE + "', not both");
        }
        if (id.isPresent()) {
            if (id.get().isBlank() || secret.get().isBlank()) {
                throw new StoreConfigurationException("options '" + ACCESS_KEY_ID + "' and '" + SECRET_ACCESS_KEY
                        + "' must not be blank");
            }
            AwsCredentials keys = token.isPresent()
                    ? AwsSessionCredentials.create(id.get(), secret.get(), token.get())
                    : AwsBasicCredentials.create(id.get(), secret.get());
            return StaticCredentialsProvider.create(keys);
        }
        if (profile.isPresent()) {
            return ProfileCredentialsProvider.builder().profileName(profile.get()).build();
        }
        if (endpoint != null && isLoopback(endpoint.getHost())) {
            return AwsCredentialsProviderChain.builder().reuseLastProviderEnabled(true).credentialsProviders(
                    SystemPropertyCredentialsProvider.create(), EnvironmentVariableCredentialsProvider.create(),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(PLACEHOLDER, PLACEHOLDER))).build();
        }
        return null;
    }

    /**
     * @param host a host name or literal address (IPv6 in brackets), or {@code null}
     * @return whether it names this machine's loopback interface, decided without a DNS lookup
     */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("[::1]") || h.equals("::1")
                || h.matches("127(\\.\\d{1,3}){3}");
    }
}
