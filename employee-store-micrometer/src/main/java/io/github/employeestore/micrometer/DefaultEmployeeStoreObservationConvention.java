package io.github.employeestore.micrometer;

import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeNotFoundException;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreUnavailableException;
import io.github.employeestore.VersionConflictException;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default names and tags: one observation named {@value #NAME} (a timer {@code employee.store} and a long task
 * timer {@code employee.store.active} with Micrometer's default handler; a span {@code employee-store get} with a
 * tracer), tagged with
 * <ul>
 *   <li>{@code employee.store.operation}: the method ({@code create}, {@code get}, {@code get-all}, {@code update},
 *       {@code put}, {@code patch}, {@code delete}, {@code delete-versioned}, {@code list}, {@code find},
 *       {@code list-by-name}, {@code stream}, {@code count}, {@code estimated-count}, {@code import-all}, {@code create-all},
 *       {@code transact}, {@code schema.create}, {@code schema.exists}, {@code schema.backfill-search-index},
 *       {@code schema.drop});</li>
 *   <li>{@code employee.store.backend}: the backend's short name;</li>
 *   <li>{@code outcome}: {@code success}, {@code not-found}, {@code already-exists}, {@code version-conflict},
 *       {@code invalid-input}, {@code unavailable}, {@code configuration} or {@code error}.</li>
 * </ul>
 * Micrometer's meter handler adds the tag {@code error} (the exception's simple class name, or {@code none}).
 * Nothing of high cardinality: no id, no query value, no cursor.
 *
 * <p>Stateless and thread-safe; extend it to add or change tags.
 */
public class DefaultEmployeeStoreObservationConvention implements EmployeeStoreObservationConvention {
    /** The name of the observation, and of its timer. */
    public static final String NAME = "employee.store";

    private static final String OPERATION = "employee.store.operation";
    private static final String BACKEND = "employee.store.backend";
    private static final String OUTCOME = "outcome";
    /** High-cardinality key of the read capacity units a call consumed, where the backend reports them. */
    public static final String CAPACITY_READ = "employee.store.capacity.read";
    /** High-cardinality key of the write capacity units a call consumed, where the backend reports them. */
    public static final String CAPACITY_WRITE = "employee.store.capacity.write";

    /** The one shared instance. */
    public static final DefaultEmployeeStoreObservationConvention INSTANCE =
            new DefaultEmployeeStoreObservationConvention();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(EmployeeStoreObservationContext context) {
        return "employee-store " + context.operation();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(EmployeeStoreObservationContext context) {
        return KeyValues.of(KeyValue.of(OPERATION, context.operation()), KeyValue.of(BACKEND, context.backend()),
                KeyValue.of(OUTCOME, outcome(context.getError())));
    }

    /**
     * The capacity the call consumed, where the backend reports one (DynamoDB): {@value #CAPACITY_READ} and
     * {@value #CAPACITY_WRITE}, in capacity units (table and indexes), as plain decimals. High-cardinality, so they
     * reach spans and logs, not meter tags; to count capacity in a meter, register an {@code ObservationHandler}
     * that adds {@link EmployeeStoreObservationContext#consumedCapacity()} to a counter on stop.
     */
    @Override
    public KeyValues getHighCardinalityKeyValues(EmployeeStoreObservationContext context) {
        io.github.employeestore.ConsumedCapacity c = context.consumedCapacity();
        if (c == null) {
            return KeyValues.empty();
        }
        return KeyValues.of(KeyValue.of(CAPACITY_READ, java.math.BigDecimal.valueOf(c.readUnits()).toPlainString()),
                KeyValue.of(CAPACITY_WRITE, java.math.BigDecimal.valueOf(c.writeUnits()).toPlainString()));
    }

    /**
     * @param error the error of the call, or {@code null}
     * @return the outcome tag's value for it
     */
    protected String outcome(Throwable error) {
        if (error == null) {
            return "success";
        } else if (error instanceof EmployeeNotFoundException) {
            return "not-found";
        } else if (error instanceof EmployeeAlreadyExistsException) {
            return "already-exists";
        } else if (error instanceof VersionConflictException) {
            return "version-conflict";
        } else if (error instanceof InvalidInputException) {
            return "invalid-input";
        } else if (error instanceof StoreUnavailableException) {
            return "unavailable";
        } else if (error instanceof StoreConfigurationException) {
            return "configuration";
        }
        return "error";
    }
}
