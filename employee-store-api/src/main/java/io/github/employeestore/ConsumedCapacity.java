package io.github.employeestore;

/**
 * The capacity a database reports an operation consumed, in DynamoDB's units: read capacity units (RCU) and write
 * capacity units (WCU), of the table and its indexes together. Backends that have no such units (SQL, memory) report
 * none. Immutable and thread-safe.
 *
 * @param readUnits  read capacity units, at least 0
 * @param writeUnits write capacity units, at least 0
 */
public record ConsumedCapacity(double readUnits, double writeUnits) {
    /** No capacity. */
    public static final ConsumedCapacity NONE = new ConsumedCapacity(0, 0);

    /**
     * @throws IllegalArgumentException if a value is negative or not a number
     */
    public ConsumedCapacity {
        if (!(readUnits >= 0) || !(writeUnits >= 0)) {
            throw new IllegalArgumentException("capacity units must be at least 0");
        }
    }

    /**
     * @param other more capacity
     * @return the sum
     */
    public ConsumedCapacity plus(ConsumedCapacity other) {
        return new ConsumedCapacity(readUnits + other.readUnits, writeUnits + other.writeUnits);
    }
}
