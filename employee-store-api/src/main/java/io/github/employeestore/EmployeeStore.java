package io.github.employeestore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The repository of employee records. One interface, many databases: open one with
 * {@link EmployeeStores#open(String)} or a backend's builder, and every backend behaves the same, as the
 * technology compatibility kit ({@code employee-store-tck}) proves.
 *
 * <p>The normative contract is {@code CONTRACT.md} in the project's repository; each method cites its section.
 *
 * <p><b>Thread-safety:</b> implementations are thread-safe; share one store across the application.
 *
 * <p><b>Atomicity:</b> every method is atomic per employee unless it says otherwise. Writes use optimistic
 * concurrency: {@code version} is 1 after {@code create} and grows by one on every write, and no concurrent write is
 * ever lost.
 *
 * <p><b>Errors:</b> every method throws only unchecked {@link EmployeeStoreException}s (and
 * {@link UnsupportedOperationException} for a capability the backend does not declare): {@link InvalidInputException}
 * when the input breaks a rule of {@link Limits} (and then nothing is written), {@link StoreUnavailableException}
 * when the database cannot be reached or answered with a transient error, {@link StoreConfigurationException} when
 * the table is missing or malformed. The driver or SDK exception is always the cause.
 *
 * <p><b>Time:</b> {@code createdAt} and {@code updatedAt} come from the store's {@link java.time.Clock}, truncated to
 * milliseconds.
 */
public interface EmployeeStore extends AutoCloseable {

    /**
     * Inserts a new employee. The id existing already is decided by the database atomically (a conditional put or a
     * primary key), never by reading first: of any number of concurrent creates of one id exactly one succeeds.
     *
     * <p>Contract: {@code CONTRACT.md} §4.2.
     *
     * @param draft the employee; its id may be {@code null}, and then a random UUID is assigned. Its version and
     *              timestamps are ignored.
     * @return the stored employee: version 1, {@code createdAt == updatedAt} = now
     * @throws EmployeeAlreadyExistsException if an employee with that id exists
     * @throws InvalidInputException          if the draft breaks a rule of the model
     */
    Employee create(Employee draft);

    /**
     * Contract: {@code CONTRACT.md} §4.3.
     *
     * @param id the id
     * @return the employee, or empty if there is none with that id
     * @throws InvalidInputException       if the id is null or not a valid id
     * @throws UnreadableEmployeeException if a stored item with that id was written by other code and cannot be
     *                                     mapped to the model (it names the id and the attribute)
     */
    Optional<Employee> get(String id);

    /**
     * Reads many employees at once.
     *
     * <p>Contract: {@code CONTRACT.md} §4.4.
     *
     * @param ids up to {@link Limits#MAX_GET_ALL_IDS} ids; duplicates are read once
     * @return the employees found by id, iterating in the order of the ids given; missing ids are absent, and so are
     *         stored employees that cannot be read, which are logged at WARN (use
     *         {@link #getAll(Collection, Consumer)} to receive them)
     * @throws InvalidInputException if there are more than 1,000 ids or one is not a valid id
     */
    Map<String, Employee> getAll(Collection<String> ids);

    /**
     * Reads many employees at once, reporting each stored employee that cannot be read instead of failing: every
     * readable employee is returned, and each unreadable one (see {@link UnreadableEmployeeException}) is passed to
     * {@code unreadable}, on the caller's thread, before this method returns.
     *
     * <p>The default implementation calls {@link #getAll(Collection)}, which suits a backend whose storage holds only
     * what it wrote itself; the backends of this library override it.
     *
     * @param ids        as for {@link #getAll(Collection)}
     * @param unreadable receives each stored employee that cannot be read
     * @return the readable employees found, by id, in the order of the ids given
     * @throws InvalidInputException if there are more than 1,000 ids or one is not a valid id
     */
    default Map<String, Employee> getAll(Collection<String> ids, Consumer<? super UnreadableEmployeeException> unreadable) {
        return getAll(ids);
    }

    /**
     * Replaces a stored employee if nobody changed it since it was read.
     *
     * <p>Contract: {@code CONTRACT.md} §4.5.
     *
     * @param changed the changed employee, carrying the {@code version} it was read at. Its timestamps are ignored.
     * @return the stored employee: version + 1, {@code createdAt} kept, {@code updatedAt} = now
     * @throws EmployeeNotFoundException  if there is no employee with that id
     * @throws VersionConflictException   if the stored version is not {@code changed.version()}
     * @throws InvalidInputException      if the employee breaks a rule of the model, or has no id
     */
    Employee update(Employee changed);

    /**
     * Changes only the named fields and flexible attributes of a stored employee, if nobody changed its version
     * since it was read: a partial update. A field or attribute the patch does not name is never written, so a
     * change another program made to it (one that writes no version) is kept.
     *
     * <p>The resulting employee is validated as a whole (every rule of the model, the item size included) before
     * anything is written. A patch that changes nothing (empty, or every value already stored) writes nothing and
     * returns the stored employee, version unchanged, once the version has been checked.
     *
     * <p>The default implementation reads the employee and {@linkplain #update(Employee) updates} it wholly,
     * conditioned on the version: right for a backend whose storage holds only what it writes itself. The backends
     * of this library override it to write only the named fields.
     *
     * <p>Contract: {@code CONTRACT.md} §4.18.
     *
     * @param id              the id
     * @param expectedVersion the version the employee was read at; 0 for an employee stored without a version
     *                        (written by other code)
     * @param patch           the changes
     * @return the stored employee: version + 1, {@code createdAt} kept, {@code updatedAt} now (unchanged when the
     *         patch changes nothing)
     * @throws EmployeeNotFoundException   if there is no employee with that id
     * @throws VersionConflictException    if the stored version is not {@code expectedVersion}
     * @throws InvalidInputException       if the id is not valid, the version is negative, or a value of the patch
     *                                     or the employee it results in breaks a rule of the model
     * @throws UnreadableEmployeeException if the stored employee cannot be mapped to the model
     */
    default Employee patch(String id, long expectedVersion, EmployeePatch patch) {
        io.github.employeestore.spi.PatchPlan plan =
                io.github.employeestore.spi.PatchPlan.of(id, expectedVersion, patch, java.time.Clock.systemUTC());
        Employee stored = get(id).orElse(null);
        return plan.against(stored)
                .map(changed -> update(changed.toBuilder().version(expectedVersion).build()))
                .orElse(stored);
    }

    /**
     * Changes only the named fields and attributes, as {@link #patch(String, long, EmployeePatch)}:
     * {@code store.patch(id, version, p -> p.jobTitle("Lead").removeAttribute("nickname"))}.
     *
     * @param id              the id
     * @param expectedVersion the version the employee was read at (0 for one stored without a version)
     * @param changes         records the changes on the {@link EmployeePatch.Builder} it is given
     * @return the stored employee
     * @throws EmployeeNotFoundException if there is no employee with that id
     * @throws VersionConflictException  if the stored version is not {@code expectedVersion}
     * @throws InvalidInputException     as {@link #patch(String, long, EmployeePatch)}
     */
    default Employee patch(String id, long expectedVersion, Consumer<EmployeePatch.Builder> changes) {
        return patch(id, expectedVersion, EmployeePatch.of(changes));
    }

    /**
     * Creates or replaces an employee unconditionally, atomically: two concurrent puts of one id end with the
     * version grown by two.
     *
     * <p>Contract: {@code CONTRACT.md} §4.6.
     *
     * @param employee the employee; its version and timestamps are ignored
     * @return the stored employee: version 1 and both timestamps now if it was new; otherwise version = stored + 1,
     *         {@code createdAt} kept and {@code updatedAt} = now
     * @throws InvalidInputException if the employee breaks a rule of the model, or has no id
     */
    Employee put(Employee employee);

    /**
     * Contract: {@code CONTRACT.md} §4.7.
     *
     * @param id the id
     * @return whether an employee was deleted
     * @throws InvalidInputException if the id is not a valid id
     */
    boolean delete(String id);

    /**
     * Deletes an employee only if it has the expected version.
     *
     * <p>Contract: {@code CONTRACT.md} §4.8.
     *
     * @param id              the id
     * @param expectedVersion the version it must have
     * @throws EmployeeNotFoundException if there is no employee with that id
     * @throws VersionConflictException  if the stored version differs
     * @throws InvalidInputException     if the id is not a valid id
     */
    void delete(String id, long expectedVersion);

    /**
     * Lists every employee, page by page. Across the pages of one listing every employee appears exactly once, in
     * an order that is stable for the backend (each backend documents it; it is not necessarily sorted). Pages are
     * keyset-based: employees added or deleted between pages never make a page repeat or skip an employee that
     * existed throughout.
     *
     * <p>A stored employee that cannot be read never fails the listing: it is reported in
     * {@link Page#unreadable()} (and logged at WARN) at its place in the order, and the listing goes on past it.
     *
     * <p>Contract: {@code CONTRACT.md} §4.9.
     *
     * @param page the page to read
     * @return the page
     * @throws InvalidInputException if the cursor was tampered with or comes from another query, table or backend
     */
    Page<Employee> list(PageRequest page);

    /**
     * Finds employees by exact location and/or job title, ordered by {@code fullName} in code-point order (ties in
     * a stable order), served by an index. Optional capability {@link Capability#QUERIES}. A query with a
     * {@linkplain EmployeeQuery#name() name search} (optional capability {@link Capability#SEARCH}, CONTRACT §4.20)
     * returns the employees matching every criterion in the search order instead (see
     * {@link #listByName(PageRequest)}). Unreadable employees are
     * reported in {@link Page#unreadable()} as by {@link #list(PageRequest)}. An employee written by other code
     * without a full name (or without the location or job title asked for) is not in the index, so {@code find}
     * never returns it; {@code get}, {@code list} and {@code stream} report it as unreadable.
     *
     * <p>Contract: {@code CONTRACT.md} §4.10.
     *
     * @param query the criteria
     * @param page  the page to read
     * @return the page
     * @throws InvalidInputException         if the cursor was tampered with or comes from another query, table or
     *                                       backend
     * @throws SearchIndexNotReadyException  if the query has a name search and the search index does not yet cover
     *                                       the table (§4.20.8)
     * @throws UnsupportedOperationException if the backend does not declare {@link Capability#QUERIES}, or the query
     *                                       has a name search and it does not declare {@link Capability#SEARCH}
     */
    Page<Employee> find(EmployeeQuery query, PageRequest page);

    /**
     * Lists every employee in the search order: the directory's alphabetical page. The order, paging and cursor
     * rules are those of a {@link EmployeeQuery#byName(String) byName} find: by the folded full name
     * ({@link io.github.employeestore.spi.NameFolding#sortKey(String)}), then {@code fullName}, then {@code id}, each
     * in code-point order; keyset pages; cursors bound to this listing. Served by an index. An item written by
     * other code without a full name is not in the index and not listed here. Optional capability
     * {@link Capability#SEARCH}.
     *
     * <p>The default implementation throws {@link UnsupportedOperationException}: right for a backend without the
     * capability.
     *
     * <p>Contract: {@code CONTRACT.md} §4.20.7.
     *
     * @param page the page to read
     * @return the page
     * @throws InvalidInputException         if the cursor was tampered with or comes from another listing, table or
     *                                       backend
     * @throws SearchIndexNotReadyException  if the search index does not yet cover the table (§4.20.8)
     * @throws UnsupportedOperationException if the backend does not declare {@link Capability#SEARCH}
     */
    default Page<Employee> listByName(PageRequest page) {
        throw new UnsupportedOperationException("listByName needs Capability.SEARCH, which " + description()
                + " does not declare");
    }

    /**
     * Streams every employee lazily, page by page, in constant memory, in the order of {@link #list(PageRequest)}.
     * Nothing is read until the stream is consumed; each page is read when the previous one is used up, so the
     * stream sees writes made while it runs as {@code list} would.
     *
     * <p>Unreadable employees are skipped and logged at WARN; use {@link #stream(Consumer)} to receive them.
     *
     * <p>Contract: {@code CONTRACT.md} §4.11.
     *
     * @return the employees
     */
    Stream<Employee> stream();

    /**
     * Streams every employee as {@link #stream()} does, passing each stored employee that cannot be read to
     * {@code unreadable} when the stream reaches its place (on the thread consuming the stream).
     *
     * <p>The default implementation reads {@link #list(PageRequest)} pages of 500 and reports their
     * {@link Page#unreadable()}.
     *
     * @param unreadable receives each stored employee that cannot be read
     * @return the readable employees
     */
    default Stream<Employee> stream(Consumer<? super UnreadableEmployeeException> unreadable) {
        return io.github.employeestore.spi.PagedStream.of(this::list, 500, unreadable);
    }

    /**
     * Counts every employee exactly. Its cost grows with the table: SQL backends run {@code SELECT COUNT(*)} (a scan
     * of the primary key or a secondary index), DynamoDB a Scan with {@code Select.COUNT}, which reads every item and
     * consumes read capacity for the whole table (about 0.5 RCU per 4 KB read, eventually consistent, 1 RCU strongly
     * consistent as this store reads). For a page that shows "about N employees" use {@link #estimatedCount()}.
     *
     * <p>Contract: {@code CONTRACT.md} §4.12.
     *
     * @return the exact number of employees, unreadable ones included
     */
    long count();

    /**
     * An estimate of the number of employees that costs the same at any table size, for pages that show "about N
     * employees". It may be stale, by as much as each backend documents: DynamoDB's {@code DescribeTable} item count
     * is refreshed by DynamoDB about every six hours; PostgreSQL's table statistics ({@code pg_class.reltuples}) are
     * refreshed by {@code VACUUM}, {@code ANALYZE} and autovacuum; MariaDB/MySQL's
     * ({@code information_schema.TABLES.TABLE_ROWS}) are InnoDB's sampled estimate, refreshed by
     * {@code ANALYZE TABLE} and after about a tenth of the rows changed; H2's is its row-count estimate. A backend
     * with no statistics for the table yet (never analyzed) counts exactly instead.
     *
     * <p>The default implementation returns {@link #count()}, exact and as costly.
     *
     * <p>Contract: {@code CONTRACT.md} §4.19.
     *
     * @return the estimate, never negative
     * @throws StoreConfigurationException if the table is missing
     */
    default long estimatedCount() {
        return count();
    }

    /**
     * Bulk load for migrations: writes each employee exactly as given (id, version of at least 1, timestamps kept),
     * replacing any stored employee with that id, without version checks. Not atomic as a whole; each employee is
     * written or reported. Invalid employees (and repeated ids after their first occurrence) are reported and the
     * rest are still written.
     *
     * <p>Contract: {@code CONTRACT.md} §4.13.
     *
     * @param employees the employees; each must have an id, a version of at least 1, and both timestamps with at
     *                  most millisecond precision
     * @return what was written and what was not, with reasons; nothing is dropped silently
     * @throws StoreConfigurationException if the table is missing or malformed (nothing is written)
     * @throws StoreUnavailableException   if the connection is lost or the store is unreachable, so that the backend
     *                                     cannot tell which employees were written; those of batches the database
     *                                     confirmed stay written, and repeating the call is safe (§4.13.4). An
     *                                     employee the backend knows was not written is reported in the result
     *                                     instead
     */
    ImportResult importAll(Collection<Employee> employees);

    /**
     * Creates many new employees at once: each draft as {@link #create(Employee)} would (an id generated where it
     * has none, version 1, both timestamps from the store's clock), on the backend's bulk path. Not atomic as a whole;
     * each draft is created or reported. A draft whose id exists already &mdash; stored before, created concurrently,
     * or given earlier in the same call &mdash; is reported and the stored employee is never replaced: whether the id
     * exists is decided by the database per id, as for {@code create}, so of a {@code createAll} and any number of
     * concurrent {@code create}s and {@code createAll}s of one id exactly one creates it. Invalid drafts are reported
     * and the others are still created.
     *
     * <p>Use {@code createAll} to add new employees (a sign-up batch, a form's rows); use
     * {@link #importAll(Collection)} to restore employees exactly as they were, with their ids, versions and
     * timestamps, replacing what is stored.
     *
     * <p>The default implementation calls {@link #create(Employee)} once per draft, which is correct on any backend
     * whose {@code create} is; the backends of this library override it with their bulk path.
     *
     * <p>Contract: {@code CONTRACT.md} §4.21.
     *
     * @param drafts the drafts; ids may be {@code null}, versions and timestamps are ignored
     * @return the created employees, as stored, and every draft not created with its index, id and reason (an
     *         existing id has an {@link EmployeeAlreadyExistsException} as its error)
     * @throws InvalidInputException       if the collection itself is null (nothing is written)
     * @throws StoreConfigurationException if the table is missing or malformed (nothing is written)
     * @throws StoreUnavailableException   if the store cannot be reached, so that the backend cannot tell which drafts
     *                                     were created; those the database confirmed stay created, and repeating the
     *                                     call reports them as existing (§4.21.4)
     */
    default CreateAllResult createAll(Collection<Employee> drafts) {
        if (drafts == null) {
            throw InvalidInputException.of("drafts", "is required");
        }
        List<Employee> created = new ArrayList<>();
        List<ImportResult.Failure> failures = new ArrayList<>();
        int index = 0;
        for (Employee draft : drafts) {
            int i = index++;
            try {
                created.add(create(draft));
            } catch (EmployeeAlreadyExistsException e) {
                failures.add(new ImportResult.Failure(i, e.id(), "already exists", List.of(), e));
            } catch (InvalidInputException e) {
                failures.add(new ImportResult.Failure(i, draft == null ? null : draft.id(), "invalid: "
                        + e.violations().stream().map(Violation::toString).collect(Collectors.joining("; ")),
                        e.violations(), null));
            }
        }
        if (created.isEmpty() && failures.stream().allMatch(f -> f.cause() == null)
                && !failures.isEmpty()) {
            // §4.21.3: nothing reached the store, but a missing table is reported as such
            get(java.util.UUID.randomUUID().toString());
        }
        return new CreateAllResult(index, created, failures);
    }

    /**
     * Applies up to {@link Limits#MAX_TRANSACTION_OPERATIONS} operations on distinct ids, all or nothing. Optional
     * capability {@link Capability#TRANSACTIONS}.
     *
     * <p>Contract: {@code CONTRACT.md} §4.14.
     *
     * @param writes records the operations on the writer it is given
     * @throws EmployeeAlreadyExistsException if a create of the transaction meets an existing id (the exception of
     *                                       the first failing operation is thrown, and nothing is written)
     * @throws EmployeeNotFoundException     if an update, patch or versioned delete meets an absent id
     * @throws VersionConflictException      if an update, patch or versioned delete meets another version
     * @throws InvalidInputException         if an operation is invalid, there are too many, two share an id, or the
     *                                       employees written add up to more than
     *                                       {@link Limits#MAX_TRANSACTION_BYTES}
     * @throws UnsupportedOperationException if the backend does not declare {@link Capability#TRANSACTIONS}
     */
    void transact(Consumer<TransactionWriter> writes);

    /**
     * Contract: {@code CONTRACT.md} §4.15.
     *
     * @return the schema administration of this store's table
     */
    SchemaAdmin schema();

    /**
     * Contract: {@code CONTRACT.md} §4.17.1.
     *
     * @return the optional capabilities this backend supports
     */
    Set<Capability> capabilities();

    /**
     * Contract: {@code CONTRACT.md} §4.17.2.
     *
     * @return a short human-readable description of the backend and table (no credentials), e.g. for a page footer
     */
    String description();

    /**
     * Releases what the store created itself (a connection pool, an SDK client). Resources the application gave
     * the store (a {@code DataSource}, a {@code Jdbi}, a client) are never closed. Idempotent.
     *
     * <p>Contract: {@code CONTRACT.md} §4.17.3.
     */
    @Override
    void close();
}
