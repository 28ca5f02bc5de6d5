package io.github.employeestore.tck;

import io.github.employeestore.CreateAllResult;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeAlreadyExistsException;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.ImportResult;
import io.github.employeestore.spi.CreatePlan;
import io.github.employeestore.spi.ImportPlan;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static io.github.employeestore.tck.BrokenStores.memory;
import static io.github.employeestore.tck.BrokenStores.pause;

/** Broken bulk creates: each entry's comment names the backend mistake it models. */
enum BrokenCreateAll implements BrokenStore {
    /** Sends the stamped drafts by the replacing bulk path (BatchWriteItem, COPY ... ON CONFLICT DO UPDATE). */
    CREATE_ALL_REPLACES(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreatePlan plan = CreatePlan.of(drafts, clock);
            delegate.importAll(plan.writable().stream().map(ImportPlan.Entry::employee).toList());
            return plan.result(List.of());
        }
    }, "CreateAll.reportsAndNeverReplaces §4.21.2", "CreateAll.racesCreate §4.21.4",
            "CreateAll.racesCreateAll §4.21.4"),

    /** Reads which ids exist, then writes the others unconditionally: racing creates of one id both win. */
    CREATE_ALL_READ_THEN_WRITE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreatePlan plan = CreatePlan.of(drafts, clock);
            List<ImportPlan.Entry> writable = plan.writable();
            Map<String, Employee> stored = delegate.getAll(writable.stream().map(e -> e.employee().id()).toList());
            List<ImportResult.Failure> existing = new ArrayList<>();
            List<Employee> absent = new ArrayList<>();
            for (ImportPlan.Entry entry : writable) {
                if (stored.containsKey(entry.employee().id())) {
                    existing.add(CreatePlan.exists(entry));
                } else {
                    absent.add(entry.employee());
                }
            }
            pause();
            delegate.importAll(absent);
            return plan.result(existing);
        }
    }, "CreateAll.racesCreate §4.21.4", "CreateAll.racesCreateAll §4.21.4"),

    /** Takes the clock's instant without truncating it to milliseconds, as the bulk encoder was handed it. */
    CREATE_ALL_SUB_MILLISECOND_TIMESTAMPS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            Instant now = clock.instant();
            List<Employee> created = new ArrayList<>();
            for (Employee d : drafts) {
                Employee e = d.toBuilder().id(d.id() != null ? d.id() : java.util.UUID.randomUUID().toString())
                        .version(1).createdAt(now).updatedAt(now).build();
                delegate.create(e);
                created.add(e);
            }
            return new CreateAllResult(created.size(), created, List.of());
        }
    }, "CreateAll.createsAll §4.21.1"),

    /** Leaves invalid drafts out of the result instead of reporting them. */
    CREATE_ALL_DROPS_INVALID_DRAFTS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreateAllResult all = delegate.createAll(drafts);
            List<ImportResult.Failure> kept = all.failures().stream().filter(f -> f.violations().isEmpty()).toList();
            return new CreateAllResult(all.created().size() + kept.size(), all.created(), kept);
        }
    }, "CreateAll.reportsAndNeverReplaces §4.21.2"),

    /** Treats a null collection as an empty one. */
    CREATE_ALL_NULL_AS_EMPTY(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            return delegate.createAll(drafts == null ? List.of() : drafts);
        }
    }, "CreateAll.emptyAndNull §4.21.3"),

    /** Reports invalid drafts without looking at the table: a missing table goes unnoticed. */
    CREATE_ALL_OF_INVALID_ONLY_SKIPS_THE_TABLE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreatePlan plan = CreatePlan.of(drafts, clock);
            return plan.writable().isEmpty() ? plan.result(List.of()) : delegate.createAll(drafts);
        }
    }, "CreateAll.missingTable §4.21.3"),

    /**
     * Reports every stored id with the error of the batch's first refused row (a BatchWriteItem or COPY chunk
     * refused as a whole, whose error names one key): each failure's own id and reason are right, its error names
     * another id.
     */
    CREATE_ALL_STORED_IDS_REPORTED_WITH_THE_CHUNK_S_FIRST_ERROR(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreateAllResult all = delegate.createAll(drafts);
            Set<String> repeated = repeatedIds(drafts);
            Throwable first = all.failures().stream().map(ImportResult.Failure::cause)
                    .filter(EmployeeAlreadyExistsException.class::isInstance).findFirst().orElse(null);
            List<ImportResult.Failure> failures = all.failures().stream().map(f -> f.cause()
                    instanceof EmployeeAlreadyExistsException && !repeated.contains(f.id())
                    ? new ImportResult.Failure(f.index(), f.id(), f.reason(), f.violations(), first)
                    : f).toList();
            return new CreateAllResult(all.attempted(), all.created(), failures);
        }
    }, "CreateAll.reportsAndNeverReplaces §4.21.2"),

    /**
     * Reports a draft whose id came earlier in the same call from the pre-pass that drops repeats, which has no
     * store error to attach: the failure's reason is right, its error empty.
     */
    CREATE_ALL_REPEATS_REPORTED_WITHOUT_AN_ERROR(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreateAllResult all = delegate.createAll(drafts);
            List<Employee> inOrder = new ArrayList<>(drafts);
            Set<String> seen = new HashSet<>();
            Set<Integer> repeats = new HashSet<>();
            for (int i = 0; i < inOrder.size(); i++) {
                Employee d = inOrder.get(i);
                if (d != null && d.id() != null && !seen.add(d.id())) {
                    repeats.add(i);
                }
            }
            List<ImportResult.Failure> failures = all.failures().stream().map(f -> repeats.contains(f.index())
                    ? new ImportResult.Failure(f.index(), f.id(), f.reason(), f.violations(), null)
                    : f).toList();
            return new CreateAllResult(all.attempted(), all.created(), failures);
        }
    }, "CreateAll.reportsAndNeverReplaces §4.21.2"),

    /**
     * Reports an invalid draft with its violations as the reason ("fullName: is required"), without saying that the
     * draft was invalid: the failure's violations are right, its reason does not name its kind.
     */
    CREATE_ALL_INVALID_DRAFTS_REASON_WITHOUT_ITS_KIND(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreateAllResult all = delegate.createAll(drafts);
            List<ImportResult.Failure> failures = all.failures().stream().map(f -> f.violations().isEmpty() ? f
                    : new ImportResult.Failure(f.index(), f.id(), f.violations().stream()
                    .map(Object::toString).collect(java.util.stream.Collectors.joining("; ")), f.violations(),
                    f.cause())).toList();
            return new CreateAllResult(all.attempted(), all.created(), failures);
        }
    }, "CreateAll.reportsAndNeverReplaces §4.21.2"),

    /**
     * Reports an invalid draft by its reason alone ("invalid: ..."), without the violations that the reason was
     * written from: a caller cannot tell which field to fix without parsing text.
     */
    CREATE_ALL_INVALID_DRAFTS_WITHOUT_VIOLATIONS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreateAllResult all = delegate.createAll(drafts);
            List<ImportResult.Failure> failures = all.failures().stream().map(f -> f.violations().isEmpty() ? f
                    : new ImportResult.Failure(f.index(), f.id(), f.reason(), List.of(), f.cause())).toList();
            return new CreateAllResult(all.attempted(), all.created(), failures);
        }
    }, "CreateAll.reportsAndNeverReplaces §4.21.2"),

    /** Reports a null draft under the id {@code "null"} (the id column written with String.valueOf). */
    CREATE_ALL_NULL_DRAFT_REPORTED_UNDER_THE_ID_NULL(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreateAllResult all = delegate.createAll(drafts);
            List<ImportResult.Failure> failures = all.failures().stream().map(f -> f.id() == null
                    ? new ImportResult.Failure(f.index(), String.valueOf(f.id()), f.reason(), f.violations(),
                    f.cause())
                    : f).toList();
            return new CreateAllResult(all.attempted(), all.created(), failures);
        }
    }, "CreateAll.reportsAndNeverReplaces §4.21.2"),

    /**
     * Returns the drafts, with the ids it assigned, as createAll's created employees instead of the rows it wrote:
     * no version, no timestamps.
     */
    CREATE_ALL_RETURNS_THE_DRAFTS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreateAllResult all = delegate.createAll(drafts);
            List<Employee> created = all.created().stream()
                    .map(e -> e.toBuilder().version(0).createdAt(null).updatedAt(null).build()).toList();
            return new CreateAllResult(all.attempted(), created, all.failures());
        }
    }, "CreateAll.racesCreate §4.21.4", "CreateAll.racesCreateAll §4.21.4"),

    /**
     * Reports the drafts its validation pass refused before those its write refused (two lists joined): every
     * failure is there with its own index, but not in input order.
     */
    CREATE_ALL_INVALID_DRAFTS_REPORTED_FIRST(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreateAllResult all = delegate.createAll(drafts);
            List<ImportResult.Failure> failures = new ArrayList<>();
            all.failures().stream().filter(f -> f.cause() == null).forEach(failures::add);
            all.failures().stream().filter(f -> f.cause() != null).forEach(failures::add);
            return new CreateAllResult(all.attempted(), all.created(), failures);
        }
    }, "CreateAll.reportsAndNeverReplaces §4.21.2"),

    /**
     * Takes a duplicate key for the row its own earlier attempt wrote (a chunk resent after a lost acknowledgement,
     * made idempotent that way), and reports the stored row as created: an id another caller created is reported
     * created by this call too; nothing stored changes.
     */
    CREATE_ALL_TAKES_A_DUPLICATE_KEY_FOR_ITS_OWN_RESEND(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreateAllResult all = delegate.createAll(drafts);
            Map<String, Employee> taken = delegate.getAll(all.failures().stream()
                    .filter(f -> f.error().filter(EmployeeAlreadyExistsException.class::isInstance).isPresent())
                    .map(ImportResult.Failure::id).toList());
            List<Employee> created = new ArrayList<>(all.created());
            List<ImportResult.Failure> failures = new ArrayList<>();
            for (ImportResult.Failure f : all.failures()) {
                if (taken.containsKey(f.id())) {
                    created.add(taken.get(f.id()));
                } else {
                    failures.add(f);
                }
            }
            return new CreateAllResult(all.attempted(), created, failures);
        }
    }, "CreateAll.racesCreate §4.21.4", "CreateAll.reportsAndNeverReplaces §4.21.2", "CreateAll.racesCreateAll §4.21.4"),

    /**
     * Resends a chunk whose acknowledgement it lost and takes the duplicate key of a row the first send wrote for an
     * id that existed before: that employee is created, but reported as existing.
     */
    CREATE_ALL_REPORTS_ITS_OWN_RESENT_ROW_AS_EXISTING(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreateAllResult all = delegate.createAll(drafts);
            List<Employee> input = drafts == null ? List.of() : new ArrayList<>(drafts);
            int resent = all.created().size() <= 1000 ? -1 : all.created().size() - 1;   // in the last chunk
            while (resent >= 1000 && indexOf(input, all.created().get(resent)) < 0) {
                resent--;   // a draft with an id of its own, to report it by
            }
            if (resent < 1000) {
                return all;
            }
            Employee row = all.created().get(resent);
            List<Employee> created = new ArrayList<>(all.created());
            created.remove(resent);
            List<ImportResult.Failure> failures = new ArrayList<>(all.failures());
            failures.add(new ImportResult.Failure(indexOf(input, row), row.id(), "already exists", List.of(),
                    new EmployeeAlreadyExistsException(row.id())));
            failures.sort(java.util.Comparator.comparingInt(ImportResult.Failure::index));
            return new CreateAllResult(all.attempted(), created, failures);
        }

        private static int indexOf(List<Employee> input, Employee row) {
            for (int i = 0; i < input.size(); i++) {
                if (input.get(i) != null && row.id().equals(input.get(i).id())) {
                    return i;
                }
            }
            return -1;
        }
    }, "CreateAll.createsAll §4.21.1"),

    /**
     * Reports a stored id with the database's own words as the reason ("duplicate key value violates unique
     * constraint"), its error still the EmployeeAlreadyExistsException: the reason does not say what happened.
     */
    CREATE_ALL_EXISTING_ID_REASON_IN_THE_DATABASE_S_WORDS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            CreateAllResult all = delegate.createAll(drafts);
            List<ImportResult.Failure> failures = all.failures().stream().map(f -> f.cause()
                    instanceof EmployeeAlreadyExistsException
                    ? new ImportResult.Failure(f.index(), f.id(), "duplicate key value violates unique constraint",
                    f.violations(), f.cause()) : f).toList();
            return new CreateAllResult(all.attempted(), all.created(), failures);
        }
    }, "CreateAll.reportsAndNeverReplaces §4.21.2"),

    /**
     * Generates the missing ids as name-based UUIDs (version 3, from the name and a counter) instead of random ones:
     * distinct, but derived from the data, so they can be guessed.
     */
    CREATE_ALL_GENERATES_NAME_BASED_IDS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final java.util.concurrent.atomic.AtomicLong counter = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public CreateAllResult createAll(Collection<Employee> drafts) {
            if (drafts == null) {
                return delegate.createAll(null);
            }
            return delegate.createAll(drafts.stream().map(d -> d == null || d.id() != null ? d : d.toBuilder()
                    .id(java.util.UUID.nameUUIDFromBytes((d.fullName() + "#" + counter.incrementAndGet())
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString()).build())
                    .collect(java.util.stream.Collectors.toList()));
        }
    }, "CreateAll.createsAll §4.21.1");

    /** @return the ids that occur more than once among the drafts */
    private static Set<String> repeatedIds(Collection<Employee> drafts) {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new HashSet<>();
        for (Employee d : drafts) {
            if (d != null && d.id() != null && !seen.add(d.id())) {
                repeated.add(d.id());
            }
        }
        return repeated;
    }

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenCreateAll(Function<Clock, EmployeeStore> factory, String... mustFail) {
        this.factory = factory;
        this.mustFail = List.of(mustFail);
    }

    @Override
    public EmployeeStore store(Clock clock) {
        return factory.apply(clock);
    }

    @Override
    public List<String> mustFail() {
        return mustFail;
    }
}
