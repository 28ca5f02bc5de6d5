package io.github.employeestore.tck;

import io.github.employeestore.BackfillProgress;
import io.github.employeestore.SchemaAdmin;

import java.util.function.Consumer;

/**
 * A {@link SchemaAdmin} that forwards every call to another: the broken stores of the self-test override only the
 * call whose mistake they model.
 */
class ForwardingSchemaAdmin implements SchemaAdmin {
    private final SchemaAdmin target;

    ForwardingSchemaAdmin(SchemaAdmin target) {
        this.target = target;
    }

    @Override
    public void create() {
        target.create();
    }

    @Override
    public boolean exists() {
        return target.exists();
    }

    @Override
    public void drop() {
        target.drop();
    }

    @Override
    public BackfillProgress backfillSearchIndex(Consumer<? super BackfillProgress> progress) {
        return target.backfillSearchIndex(progress);
    }
}
