package io.github.employeestore.tck;

import io.github.employeestore.BackfillProgress;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Page;
import io.github.employeestore.PageRequest;
import io.github.employeestore.SchemaAdmin;
import io.github.employeestore.SearchIndexNotReadyException;
import io.github.employeestore.spi.NameFolding;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import static io.github.employeestore.tck.BrokenStores.memory;

/**
 * Broken searches, queries and cursors that one assertion of their test sees (the others of that test pass against
 * them), found by the assertion-deletion trial, as {@link BrokenLoneChecks}. Each entry's comment names the backend
 * mistake.
 */
enum BrokenLoneSearches implements BrokenStore {
    /**
     * Deletes an employee's old name from the search index on update but writes the new one only on create, put and
     * patch (the update path misses the insert): after an update, the employee is found by no name.
     */
    UPDATE_DROPS_THE_NAME_FROM_THE_INDEX(clock -> {
        Set<String> unindexed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return new ForwardingEmployeeStore(BrokenSearches.filtering(memory(clock),
                (query, e) -> !unindexed.contains(e.id()))) {
            @Override
            public Employee update(Employee changed) {
                Employee updated = delegate.update(changed);
                unindexed.add(updated.id());
                return updated;
            }

            @Override
            public Employee put(Employee employee) {
                Employee written = delegate.put(employee);
                unindexed.remove(written.id());
                return written;
            }

            @Override
            public Employee patch(String id, long expectedVersion, io.github.employeestore.EmployeePatch patch) {
                Employee patched = delegate.patch(id, expectedVersion, patch);
                unindexed.remove(patched.id());
                return patched;
            }
        };
    }, "Search.reflectsSingleWrites §4.20.6"),

    /** Indexes the job title's words along with the full name's: a name search finds an employee by its job title. */
    JOB_TITLE_WORDS_IN_THE_NAME_INDEX(clock -> alsoIndexing(memory(clock), Employee::jobTitle),
            "Search.onlyFullName §4.20.1"),

    /** Indexes the location's words along with the full name's (one search document): "zur" finds Zurich. */
    LOCATION_WORDS_IN_THE_NAME_INDEX(clock -> alsoIndexing(memory(clock), Employee::location),
            "Search.onlyFullName §4.20.1"),

    /**
     * Indexes each name word's prefixes of up to 8 characters (an edge n-gram index with {@code max_gram} 8) and looks
     * each search word up as a whole term: a search word longer than 8 characters finds no one, a whole name word too.
     */
    SEARCH_WORDS_OVER_EIGHT_CHARACTERS_FIND_NO_ONE(clock -> BrokenSearches.filtering(memory(clock),
            (query, e) -> query.nameWords().stream().allMatch(w -> w.codePointCount(0, w.length()) <= 8)),
            "Search.wordPrefixes §4.20.1"),

    /**
     * Answers a name search from the index joined to the table for the employees it can read, then reports the
     * matches it cannot read from a second query once the first is exhausted: they come after every readable match,
     * not at their place in the order ({@code listByName} is right).
     */
    UNREADABLE_MATCHES_AFTER_THE_READABLE(clock -> new RawItemStore(memory(clock)) {
        @Override
        protected Page<Employee> byName(EmployeeQuery query, PageRequest page) {
            if (query == null) {
                return super.byName(null, page);
            }
            List<Employee> readable = new java.util.ArrayList<>();
            List<io.github.employeestore.UnreadableEmployeeException> unreadable = new java.util.ArrayList<>();
            Page<Employee> p = super.byName(query, PageRequest.first(1000));
            readable.addAll(p.items());
            unreadable.addAll(p.unreadable());
            int from = page.cursor().map(Integer::parseInt).orElse(0);
            int to = Math.min(readable.size() + unreadable.size(), from + page.size());
            List<Employee> items = readable.subList(Math.min(from, readable.size()), Math.min(to, readable.size()));
            List<io.github.employeestore.UnreadableEmployeeException> bad = unreadable.subList(
                    Math.max(0, from - readable.size()), Math.max(0, to - readable.size()));
            return Page.of(items, to < readable.size() + unreadable.size() ? Integer.toString(to) : null, bad);
        }
    }, "Search.unreadableEmployeesAreReported §4.20.7"),

    /** Splits Chinese, Japanese and Korean ideographs into one word each (a unigram tokenizer): "小明" finds "王小明". */
    IDEOGRAPHS_SPLIT_INTO_WORDS(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            if (query.name().isEmpty()) {
                return delegate.find(query, page);
            }
            List<String> searched = unigrams(NameFolding.queryWords(query.name().get()));
            List<Employee> found = new java.util.ArrayList<>();
            for (Employee e : delegate.listByName(PageRequest.first(1000)).items()) {
                List<String> words = unigrams(NameFolding.words(e.fullName()));
                if (query.matches(e.toBuilder().fullName(query.name().get()).build())
                        && searched.stream().allMatch(q -> words.stream().anyMatch(w -> w.startsWith(q)))) {
                    found.add(e);
                }
            }
            return Page.of(found.subList(0, Math.min(found.size(), page.size())), null);
        }
    }, "Search.wordBoundaries §4.20.2"),

    /**
     * Continues after a cursor with an inclusive bound ({@code >=} instead of {@code >}): each page after the first
     * repeats the last employee of the page before. Another table's cursor is still rejected.
     */
    LIST_CURSOR_BOUND_INCLUSIVE(InclusiveCursors::new, "Listing.otherTableCursor §4.16.3") {
        @Override
        public EmployeeStore otherTable(Clock clock) {
            return new InclusiveCursors(super.otherTable(clock));
        }
    },

    /** Compares the job title criterion under a case-insensitive collation: "Engineer" finds "engineer". */
    JOB_TITLE_MATCHED_IGNORING_CASE(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            if (query.name().isPresent() || query.jobTitle().isEmpty()) {
                return delegate.find(query, page);
            }
            List<Employee> all;
            try (java.util.stream.Stream<Employee> s = delegate.stream()) {
                all = s.filter(e -> query.location().map(l -> l.equals(e.location())).orElse(true))
                        .filter(e -> query.jobTitle().get().equalsIgnoreCase(e.jobTitle()))
                        .sorted(java.util.Comparator.comparing(Employee::fullName).thenComparing(Employee::id))
                        .toList();
            }
            return BrokenStores.offsetPage(all, page);
        }
    }, "Queries.byJobTitleExact §3.5.2"),

    /** Runs the job title criterion through its search-text sanitizer, which strips trailing punctuation. */
    JOB_TITLE_CRITERION_SANITIZED(clock -> new ForwardingEmployeeStore(memory(clock)) {
        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            if (query.name().isPresent() || query.jobTitle().isEmpty()) {
                return delegate.find(query, page);
            }
            EmployeeQuery.Builder sanitized = EmployeeQuery.builder()
                    .jobTitle(query.jobTitle().get().replaceAll("\\p{Punct}+$", ""));
            query.location().ifPresent(sanitized::location);
            return delegate.find(sanitized.build(), page);
        }
    }, "Queries.byJobTitleExact §3.5.2"),

    /**
     * Takes a search index that does not exist yet (a table from before the search, until {@code schema().create()})
     * for an empty one in {@code find}: a name search answers no one instead of throwing; {@code listByName}, and
     * {@code find} once the index exists but is not backfilled, throw {@link SearchIndexNotReadyException}.
     */
    MISSING_SEARCH_INDEX_FINDS_NO_ONE(clock -> new Readiness(clock, Flaw.NO_ONE_WHEN_MISSING), "Search.backfill §4.20.8"),

    /**
     * Takes a search index that exists but is not backfilled yet for a ready one in {@code find}: a name search after
     * {@code schema().create()}, before the backfill, answers no one instead of throwing
     * {@link SearchIndexNotReadyException}.
     */
    HALF_BUILT_INDEX_FINDS_NO_ONE(clock -> new Readiness(clock, Flaw.NO_ONE_WHEN_HALF_BUILT), "Search.backfill §4.20.8"),

    /**
     * Serves find by location and job title from the search index's table too (one secondary structure for every
     * query): on a table without it, from before the search, those finds answer no one instead of working as before.
     */
    FIND_BY_LOCATION_NEEDS_THE_SEARCH_INDEX(clock -> new Readiness(clock, Flaw.NO_ONE_BY_LOCATION_WHEN_MISSING),
            "Search.backfill §4.20.8"),

    /**
     * Backfills the word index from a change log that its patch path does not write (a patch changes the row in
     * place): an employee patched while the index was missing is listed by name, from the table's name order, but
     * found by no word.
     */
    PATCHED_WHILE_UNINDEXED_LEFT_OUT_OF_THE_BACKFILL(clock -> new Readiness(clock, Flaw.PATCHES_LEFT_OUT_OF_THE_BACKFILL),
            "Search.backfill §4.20.8"),

    /**
     * Sets a backfill's {@code done} only after a batch that found nothing to index, returning the progress of the
     * last batch before it: a backfill that indexed employees returns and reports its final progress as not done,
     * though the index is complete and searches answer (a second backfill, indexing nothing, says done).
     */
    BACKFILL_DONE_ONLY_AFTER_AN_EMPTY_PASS(clock -> new Readiness(clock, Flaw.DONE_AFTER_AN_EMPTY_PASS),
            "Search.backfill §4.20.8"),

    /**
     * Orders {@code listByName} by a name key that only the search index's write path stores: an employee written while
     * the index was missing (on a table from before the search) has none, and the backfill fills the word index
     * only, so such employees are found by their words but left out of the listing by name.
     */
    WRITTEN_WHILE_UNINDEXED_LEFT_OUT_OF_THE_LISTING(clock -> new Readiness(clock,
            Flaw.WRITTEN_WHILE_MISSING_LEFT_OUT_OF_THE_LISTING), "Search.backfill §4.20.8"),

    /**
     * Serves {@code listByName} from the table's name order when the search index does not exist yet (a table from
     * before the search): the listing by name answers where it must throw SearchIndexNotReadyException.
     */
    LISTS_BY_NAME_WITHOUT_THE_SEARCH_INDEX(clock -> new Readiness(clock, Flaw.LISTED_BY_NAME_WHEN_MISSING),
            "Search.backfill §4.20.8"),

    /** Never calls the backfill's progress callback: it only returns the final progress. */
    BACKFILL_PROGRESS_NEVER_REPORTED(clock -> new Readiness(clock, Flaw.PROGRESS_NEVER_REPORTED),
            "Search.backfill §4.20.8"),

    /**
     * Counts as examined only the employees the backfill had to index, leaving out those written after
     * {@code schema().create()} (indexed by their write): {@code examined} is less than the employees it looked at.
     */
    BACKFILL_EXAMINED_LEAVES_OUT_THE_INDEXED(clock -> new Readiness(clock, Flaw.EXAMINED_LEAVES_OUT_THE_INDEXED),
            "Search.backfill §4.20.8"),

    /**
     * Rebuilds the index on every backfill by clearing it first, then indexes only the employees marked as not yet
     * indexed: a second backfill on a complete index leaves it empty, so name searches find no one.
     */
    SECOND_BACKFILL_EMPTIES_THE_INDEX(clock -> new Readiness(clock, Flaw.SECOND_BACKFILL_EMPTIES_THE_INDEX),
            "Search.backfill §4.20.8"),

    /**
     * Reports a backfill that found nothing to index as not done (it takes an empty pass for one that could not
     * proceed): a backfill of an index that is already complete never says done.
     */
    BACKFILL_OF_A_COMPLETE_INDEX_NOT_DONE(clock -> new Readiness(clock, Flaw.NOT_DONE_WHEN_NOTHING_WAS_INDEXED),
            "Search.backfill §4.20.8", "Search.backfillOnCompleteIndex §4.20.8"),

    /**
     * Lists from the name-key index when the table has no search index: the employees written while the search
     * index was missing have no entry there, so list() leaves them out until the index exists.
     */
    LIST_LEAVES_OUT_THE_WRITTEN_WHILE_UNINDEXED(clock -> new Readiness(clock,
            Flaw.LIST_LEAVES_OUT_THE_WRITTEN_WHILE_MISSING), "Search.backfill §4.20.8"),

    /**
     * Indexes every employee again on each backfill and counts them all as indexed: a backfill of a complete index
     * says it indexed everyone.
     */
    EVERY_BACKFILL_REPORTS_EVERYONE_INDEXED(clock -> new Readiness(clock, Flaw.EVERY_BACKFILL_INDEXES_EVERYONE),
            "Search.backfill §4.20.8"),

    /**
     * Reads a cursor given to a name search as a name position without checking its kind: one of find by location or
     * job title does not parse as such, and is taken for none, so the search starts over at its first page.
     */
    FIND_CURSOR_RESTARTS_A_NAME_SEARCH(clock -> new ForwardingEmployeeStore(memory(clock)) {
        private final Set<String> findCursors = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            if (query.name().isEmpty()) {
                Page<Employee> found = delegate.find(query, page);
                found.nextCursor().ifPresent(findCursors::add);
                return found;
            }
            if (page.cursor().filter(findCursors::contains).isPresent()) {
                return delegate.find(query, PageRequest.first(page.size()));
            }
            return delegate.find(query, page);
        }
    }, "Search.boundCursors §4.20.4"),

    /**
     * Checks a cursor's signature but not the table it names: on another table, a cursor of this one is read as a
     * position past the last employee (an empty last page) instead of being rejected.
     */
    CURSOR_OF_ANOTHER_TABLE_READ_AS_THE_END(clock -> new ForwardingEmployeeStore(memory(clock)) {
    }, "Search.boundCursors §4.20.4") {
        @Override
        public EmployeeStore otherTable(Clock clock) {
            return new ForwardingEmployeeStore(super.otherTable(clock)) {
                @Override
                public Page<Employee> listByName(PageRequest page) {
                    try {
                        return delegate.listByName(page);
                    } catch (InvalidInputException e) {
                        if (page.cursor().isPresent()
                                && e.violations().stream().anyMatch(v -> v.field().equals("cursor"))) {
                            return Page.of(List.of(), null);
                        }
                        throw e;
                    }
                }
            };
        }
    },

    /**
     * Folds the search text with a simple (one-to-one) case folding, which keeps ß, while the names were folded fully
     * when indexed (ß becomes ss): "straße" misses "Straße".
     */
    SEARCH_TEXT_KEEPS_SHARP_S(clock -> folding(memory(clock), Map.of(), Map.of(0xDF, "ß")), "Search.folding §4.20.2"),

    /**
     * Folds with a table built from older Unicode data that lower-cases the digraph Ǆ to ǆ instead of decomposing it
     * to dz: "dzemal" misses "Ǆemal".
     */
    DIGRAPH_DZ_NOT_DECOMPOSED(clock -> folding(memory(clock), Map.of(0x1C4, "ǆ", 0x1C5, "ǆ", 0x1C6, "ǆ"),
            Map.of(0x1C4, "ǆ", 0x1C5, "ǆ", 0x1C6, "ǆ")), "Search.folding §4.20.2"),

    /** Folds like a Spanish collation, where ñ is a letter of its own, not n with a mark: "nunez" misses "Ñúñez". */
    ENYE_KEPT_AS_A_LETTER(clock -> folding(memory(clock), Map.of(0xD1, "ñ", 0xF1, "ñ"), Map.of(0xD1, "ñ", 0xF1, "ñ")),
            "Search.folding §4.20.2");

    /**
     * @return the store, whose name searches keep only the employees that a folding differing from the library's in
     *         the given code points (for the names, for the search text) still matches
     */
    private static EmployeeStore folding(EmployeeStore store, Map<Integer, String> names, Map<Integer, String> search) {
        return BrokenSearches.filtering(store, (query, e) -> BrokenSearches.every(query, e,
                name -> foldedWords(name, names), text -> foldedWords(text, search)));
    }

    /** @return the store, whose name searches match the full name's words and those of another field */
    private static EmployeeStore alsoIndexing(EmployeeStore store, Function<Employee, String> field) {
        return new ForwardingEmployeeStore(store) {
            @Override
            public Page<Employee> find(EmployeeQuery query, PageRequest page) {
                if (query.name().isEmpty()) {
                    return delegate.find(query, page);
                }
                List<Employee> found = new java.util.ArrayList<>();
                for (Employee e : delegate.listByName(PageRequest.first(1000)).items()) {
                    String indexed = e.fullName() + (field.apply(e) == null ? "" : " " + field.apply(e));
                    if (NameFolding.matches(query.nameWords(), indexed)
                            && query.matches(e.toBuilder().fullName(query.name().get()).build())) {
                        found.add(e);
                    }
                }
                return Page.of(found.subList(0, Math.min(found.size(), page.size())), null);
            }
        };
    }

    /** The words, with each run of Han ideographs split into one word per ideograph. */
    private static List<String> unigrams(List<String> words) {
        List<String> out = new java.util.ArrayList<>();
        for (String word : words) {
            if (word.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
                word.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            } else {
                out.add(word);
            }
        }
        return out;
    }

    /** The words of the text folded by the library, except for the given code points, split at non-letters. */
    private static String[] foldedWords(String text, Map<Integer, String> except) {
        StringBuilder folded = new StringBuilder();
        text.codePoints().forEach(cp -> folded.append(except.containsKey(cp) ? except.get(cp)
                : NameFolding.fold(new String(Character.toChars(cp)))));
        StringBuilder words = new StringBuilder();
        folded.codePoints().forEach(cp -> words.appendCodePoint(Character.isLetterOrDigit(cp) ? cp : ' '));
        return words.toString().trim().split(" +");
    }

    /** The store of {@link #LIST_CURSOR_BOUND_INCLUSIVE}. */
    private static final class InclusiveCursors extends ForwardingEmployeeStore {
        private final Map<String, Employee> lastBefore = new java.util.concurrent.ConcurrentHashMap<>();

        InclusiveCursors(Clock clock) {
            this(memory(clock));
        }

        InclusiveCursors(EmployeeStore delegate) {
            super(delegate);
        }

        @Override
        public Page<Employee> list(PageRequest page) {
            Employee repeated = page.cursor().map(lastBefore::get).orElse(null);
            if (repeated == null || page.size() < 2) {
                return remember(delegate.list(page));
            }
            Page<Employee> rest = delegate.list(PageRequest.after(page.cursor().get(), page.size() - 1));
            List<Employee> items = new java.util.ArrayList<>(List.of(repeated));
            items.addAll(rest.items());
            return remember(Page.of(items, rest.nextCursor().orElse(null), rest.unreadable()));
        }

        private Page<Employee> remember(Page<Employee> page) {
            if (!page.items().isEmpty()) {
                page.nextCursor().ifPresent(c -> lastBefore.put(c, page.items().get(page.items().size() - 1)));
            }
            return page;
        }
    }

    /** What a {@link Readiness} store gets wrong about a search index that is missing or not backfilled. */
    private enum Flaw {
        NO_ONE_WHEN_MISSING, NO_ONE_WHEN_HALF_BUILT, DONE_AFTER_AN_EMPTY_PASS, NO_ONE_BY_LOCATION_WHEN_MISSING,
        PATCHES_LEFT_OUT_OF_THE_BACKFILL, WRITTEN_WHILE_MISSING_LEFT_OUT_OF_THE_LISTING, LISTED_BY_NAME_WHEN_MISSING,
        PROGRESS_NEVER_REPORTED, EXAMINED_LEAVES_OUT_THE_INDEXED, SECOND_BACKFILL_EMPTIES_THE_INDEX,
        NOT_DONE_WHEN_NOTHING_WAS_INDEXED, LIST_LEAVES_OUT_THE_WRITTEN_WHILE_MISSING, EVERY_BACKFILL_INDEXES_EVERYONE
    }

    /**
     * The store of the stores above on a table from before the search: its search index can be removed (its
     * {@link UnindexedTable} hook), and then a name search and {@code listByName} throw as they should until
     * {@code schema().create()} and the backfill, except where its one {@link Flaw} says otherwise.
     */
    private static final class Readiness extends ForwardingEmployeeStore {
        private final Flaw flaw;
        private final Set<String> patchedWhileMissing = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final Set<String> writtenWhileMissing = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final Set<String> writtenBeforeTheBackfill = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final java.util.concurrent.atomic.AtomicInteger backfills = new java.util.concurrent.atomic.AtomicInteger();
        private volatile boolean indexMissing;
        private volatile boolean notBackfilled;

        Readiness(Clock clock, Flaw flaw) {
            super(memory(clock));
            this.flaw = flaw;
        }

        void removeSearchIndex() {
            indexMissing = true;
            notBackfilled = true;
        }

        @Override
        public Page<Employee> find(EmployeeQuery query, PageRequest page) {
            if (query.name().isPresent() && flaw == Flaw.SECOND_BACKFILL_EMPTIES_THE_INDEX && backfills.get() > 1) {
                return Page.of(List.of(), null);
            }
            if (query.name().isPresent() && (indexMissing || notBackfilled)) {
                if (flaw == (indexMissing ? Flaw.NO_ONE_WHEN_MISSING : Flaw.NO_ONE_WHEN_HALF_BUILT)) {
                    return Page.of(List.of(), null);
                }
                throw new SearchIndexNotReadyException("the search index is not backfilled");
            }
            if (query.name().isEmpty() && indexMissing && flaw == Flaw.NO_ONE_BY_LOCATION_WHEN_MISSING) {
                return Page.of(List.of(), null);
            }
            Page<Employee> found = delegate.find(query, page);
            return query.name().isEmpty() || patchedWhileMissing.isEmpty() ? found
                    : Page.of(found.items().stream().filter(e -> !patchedWhileMissing.contains(e.id())).toList(),
                    found.nextCursor().orElse(null), found.unreadable());
        }

        @Override
        public Employee patch(String id, long expectedVersion, io.github.employeestore.EmployeePatch patch) {
            Employee patched = delegate.patch(id, expectedVersion, patch);
            if (indexMissing && flaw == Flaw.PATCHES_LEFT_OUT_OF_THE_BACKFILL) {
                patchedWhileMissing.add(id);
            }
            return patched;
        }

        @Override
        public Page<Employee> listByName(PageRequest page) {
            if (notBackfilled && !(indexMissing && flaw == Flaw.LISTED_BY_NAME_WHEN_MISSING)) {
                throw new SearchIndexNotReadyException("the search index is not backfilled");
            }
            Page<Employee> listed = delegate.listByName(page);
            return writtenWhileMissing.isEmpty() || flaw != Flaw.WRITTEN_WHILE_MISSING_LEFT_OUT_OF_THE_LISTING ? listed : Page.of(listed.items().stream()
                    .filter(e -> !writtenWhileMissing.contains(e.id())).toList(), listed.nextCursor().orElse(null),
                    listed.unreadable());
        }

        @Override
        public Page<Employee> list(PageRequest page) {
            Page<Employee> listed = delegate.list(page);
            return !indexMissing || flaw != Flaw.LIST_LEAVES_OUT_THE_WRITTEN_WHILE_MISSING ? listed
                    : Page.of(listed.items().stream().filter(e -> !writtenWhileMissing.contains(e.id())).toList(),
                    listed.nextCursor().orElse(null), listed.unreadable());
        }

        private Employee written(Employee e) {
            if (indexMissing && (flaw == Flaw.WRITTEN_WHILE_MISSING_LEFT_OUT_OF_THE_LISTING
                    || flaw == Flaw.LIST_LEAVES_OUT_THE_WRITTEN_WHILE_MISSING)) {
                writtenWhileMissing.add(e.id());
            }
            if (!indexMissing && notBackfilled) {
                writtenBeforeTheBackfill.add(e.id());
            }
            return e;
        }

        @Override
        public Employee create(Employee draft) {
            return written(delegate.create(draft));
        }

        @Override
        public Employee put(Employee employee) {
            return written(delegate.put(employee));
        }

        @Override
        public SchemaAdmin schema() {
            SchemaAdmin admin = delegate.schema();
            return new ForwardingSchemaAdmin(admin) {
                @Override
                public BackfillProgress backfillSearchIndex(Consumer<? super BackfillProgress> progress) {
                    backfills.incrementAndGet();
                    long examined = delegate.count();
                    long indexed = notBackfilled || flaw == Flaw.EVERY_BACKFILL_INDEXES_EVERYONE ? examined : 0;
                    if (flaw == Flaw.EXAMINED_LEAVES_OUT_THE_INDEXED) {
                        examined -= writtenBeforeTheBackfill.size();
                    }
                    BackfillProgress done = new BackfillProgress(examined, indexed, 0,
                            flaw == Flaw.DONE_AFTER_AN_EMPTY_PASS ? indexed == 0
                                    : flaw != Flaw.NOT_DONE_WHEN_NOTHING_WAS_INDEXED || indexed > 0);
                    notBackfilled = false;
                    if (flaw != Flaw.PROGRESS_NEVER_REPORTED) {
                        progress.accept(done);
                    }
                    return done;
                }

                @Override
                public void create() {
                    admin.create();
                    indexMissing = false;
                }

            };
        }
    }

    private final Function<Clock, EmployeeStore> factory;
    private final List<String> mustFail;

    BrokenLoneSearches(Function<Clock, EmployeeStore> factory, String... mustFail) {
        this.factory = factory;
        this.mustFail = List.of(mustFail);
    }

    @Override
    public EmployeeStore store(Clock clock) {
        return factory.apply(clock);
    }

    @Override
    public UnindexedTable unindexedTable(EmployeeStore store) {
        return store instanceof Readiness r ? r::removeSearchIndex : null;
    }

    @Override
    public List<String> mustFail() {
        return mustFail;
    }
}
