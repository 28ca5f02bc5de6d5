package io.github.employeestore.spring.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code employee-store.*} properties. Mutable, as Spring binds them; not thread-safe until bound.
 */
@ConfigurationProperties(prefix = "employee-store")
public class EmployeeStoreProperties {
    /**
     * The store URL, e.g. jdbc:h2:file:./data/employees, jdbc:postgresql://host:5432/db,
     * dynamodb:Employees?region=us-east-1 or memory:. When set, the store is opened from it (and owns its pool or
     * client) even if the application has a DataSource or DynamoDbClient.
     */
    private String url;

    /**
     * Options of the store opened from the URL, e.g. user, password, table, endpoint, profile.
     */
    private Map<String, String> options = new LinkedHashMap<>();

    /**
     * The table of a store built on the application's DataSource or DynamoDbClient (default: "employees" on SQL,
     * "Employees" on DynamoDB). With a URL, use options.table.
     */
    private String table;

    /**
     * Whether to create the table and its indexes at start-up if they are missing (idempotent).
     */
    private boolean createSchema = false;

    /**
     * The employee.store.backend tag of the store's observations; by default derived from the URL scheme or the
     * JDBC dialect (h2, mysql, mariadb, postgresql, dynamodb, memory).
     */
    private String backendTag;

    /** @return the store URL, or {@code null} */
    public String getUrl() {
        return url;
    }

    /** @param url the store URL */
    public void setUrl(String url) {
        this.url = url;
    }

    /** @return the options of a store opened by URL */
    public Map<String, String> getOptions() {
        return options;
    }

    /** @param options the options of a store opened by URL */
    public void setOptions(Map<String, String> options) {
        this.options = options;
    }

    /** @return the table of a store built on an application's DataSource or client, or {@code null} */
    public String getTable() {
        return table;
    }

    /** @param table the table of a store built on an application's DataSource or client */
    public void setTable(String table) {
        this.table = table;
    }

    /** @return whether to create the schema at start-up */
    public boolean isCreateSchema() {
        return createSchema;
    }

    /** @param createSchema whether to create the schema at start-up */
    public void setCreateSchema(boolean createSchema) {
        this.createSchema = createSchema;
    }

    /** @return the backend tag of observations, or {@code null} to derive it */
    public String getBackendTag() {
        return backendTag;
    }

    /** @param backendTag the backend tag of observations */
    public void setBackendTag(String backendTag) {
        this.backendTag = backendTag;
    }
}
