package io.github.employeestore.directory;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.EmployeeStores;
import io.github.employeestore.ImportResult;

import java.util.ArrayList;
import java.util.List;

/**
 * A child process of {@link CrashDurabilityTest}: opens the store of its URL as the app opens it, writes through
 * {@code importAll} then {@code transact}, says "imported N" and "transacted" as each call returns, and waits to be
 * killed.
 */
final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        EmployeeStore store = EmployeeStores.open(args[0]);
        store.schema().create();
        int n = Integer.parseInt(args[1]);
        List<Employee> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(Employee.builder().id(String.format("imp-%05d", i)).fullName("Imported " + i).version(3)
                    .createdAt(java.time.Instant.EPOCH).updatedAt(java.time.Instant.EPOCH)
                    .build());
        }
        ImportResult result = store.importAll(batch);
        System.out.println("imported " + result.written() + (result.isComplete() ? "" : " " + result.failures()));
        store.transact(w -> {
            for (int i = 0; i < 50; i++) {
                w.create(Employee.builder().id(String.format("tx-%03d", i)).fullName("Transacted " + i).build());
            }
            w.put(Employee.builder().id("imp-00000").fullName("Changed in the transaction").build());
            w.delete("imp-00001");
        });
        System.out.println("transacted");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
