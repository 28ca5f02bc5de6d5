package com.example.employeestore.redis;

import io.github.employeestore.Capability;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.tck.EmployeeStoreTck;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/** The whole TCK against the Redis example backend, with every optional capability declared. */
class RedisEmployeeStoreTckTest extends EmployeeStoreTck {
    @Override
    protected EmployeeStore newStore(Clock clock) {
        return RedisTestSupport.emptyStore(getClass(), "main", clock);   // skipped with the reason without Redis
    }

    @Override
    protected EmployeeStore newStoreOnOtherTable(Clock clock) {
        return RedisTestSupport.emptyStore(getClass(), "other", clock);
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.of(Capability.QUERIES, Capability.TRANSACTIONS, Capability.SEARCH);
    }
}
