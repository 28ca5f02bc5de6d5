package io.github.employeestore.micrometer.internal;

import io.github.employeestore.SchemaAdmin;

/** A {@link SchemaAdmin} whose calls are observed as {@code schema.*}. Thread-safe as the delegate. */
public final class ObservedSchemaAdmin implements SchemaAdmin {
    private final SchemaAdmin delegate;
    private final StoreObservations observations;

    /**
     * @param delegate     the schema admin of the wrapped store
     * @param observations where the calls are observed
     */
    public ObservedSchemaAdmin(SchemaAdmin delegate, StoreObservations observations) {
        this.delegate = delegate;
        this.observations = observations;
    }

    @Override
    public void create() {
        observations.run("schema.create", delegate::create);
    }

    @Override
    public boolean exists() {
        return observations.observe("schema.exists", delegate::exists);
    }

    @Override
    public io.github.employeestore.BackfillProgress backfillSearchIndex(
            java.util.function.Consumer<? super io.github.employeestore.BackfillProgress> progress) {
        return observations.observe("schema.backfill-search-index", () -> delegate.backfillSearchIndex(progress));
    }

    @Override
    public void drop() {
        observations.run("schema.drop", delegate::drop);
    }
}
