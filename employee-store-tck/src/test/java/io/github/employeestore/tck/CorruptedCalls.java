package io.github.employeestore.tck;

import io.github.employeestore.EmployeeStore;
import io.github.employeestore.memory.InMemoryEmployeeStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Which answers of the store each TCK test checks, recorded in {@value #FILE} and kept so by the self-test: a test
 * is run once to count its calls, then once per call with that call's answer corrupted ({@link CallCorruptingStore});
 * a call is <em>checked</em> when the test then fails. The file lists, per test, its calls (one letter each, in
 * order) and the checked ones. The self-test runs each listed test again with each checked call corrupted,
 * and fails when one passes: an assertion that checked that answer was removed or weakened; or when a checked call is
 * no longer made (see {@link #check}). Rewrite the file after changing a test ({@code -Dtck.writeCheckedCalls=true},
 * like the clause matrix): its diff shows which answers a change stopped checking.
 *
 * <p>Tests are run directly, not through the JUnit Platform (thousands of runs, each a few milliseconds on the
 * reference store): the kit's and the group's {@code @BeforeEach} methods, the test method, the kit's clean-up. Left
 * out, with the reason in the file: tests that call the store from several threads or not the same calls on two runs
 * (races, random histories), that need a hook the reference store has no use for (skipped), that take longer than
 * {@value #SLOW_MILLIS} ms. A {@code @TestFactory}'s dynamic tests run one after the other, as one test. A test
 * of more than {@value #ALL_CALLS_UP_TO} calls has its first and last {@value #ENDS} and {@value #BETWEEN} evenly
 * spaced between them corrupted, not all.
 */
final class CorruptedCalls {
    /** The recorded calls, relative to the TCK module. */
    static final String FILE = "src/test/resources/checked-calls.txt";
    static final long SLOW_MILLIS = 2_000;
    static final int ALL_CALLS_UP_TO = 80;
    static final int ENDS = 30;
    static final int BETWEEN = 20;
    private static final long TIMEOUT_MILLIS = 20_000;
    /**
     * How many corruptions each call has (two for those not named: the answer, and an exception about another id
     * when it throws): a page in its employees and in its cursor, an employee in its version, its full name and its
     * attributes, a batch read in its employees and in its first employee's version and attributes, a description
     * empty, too long and with credentials.
     */
    private static final Map<String, Integer> KINDS = Map.of("list", 2, "find", 2, "listByName", 2, "get", 3,
            "getAll", 3, "create", 3, "update", 3, "put", 3, "patch", 3, "description", 3);
    /** Marks the calls of the file whose second and third corruptions are checked. */
    private static final List<String> MARKS = List.of("", "second:", "third:");

    private CorruptedCalls() {
    }

    /** A TCK test method: its group's inner class of {@link EmployeeStoreTck} and the method. */
    record TestMethod(Class<?> group, Method method) {
        String name() {
            return group.getSimpleName() + "." + method.getName();
        }
    }

    /** One run: its calls, whether a call came from another thread, the failure (null if passed), its time. */
    record RunResult(List<String> calls, boolean otherThread, Throwable failure, boolean skipped, String corruption,
                     long millis) {
        boolean failed() {
            return failure != null && !skipped;
        }
    }

    /**
     * A recorded test: its calls (one letter each, {@link #letters}), and the checked calls, counted from 1;
     * {@code calls} is {@code null} for a test left out.
     */
    record Entry(String test, String calls, List<TreeSet<Integer>> checked) {
        boolean excluded() {
            return calls == null;
        }
    }

    /** The letter of each call in the file. */
    private static final Map<String, Character> LETTERS = Map.ofEntries(Map.entry("create", 'c'),
            Map.entry("get", 'g'), Map.entry("getAll", 'a'), Map.entry("update", 'u'), Map.entry("put", 'p'),
            Map.entry("delete", 'd'), Map.entry("list", 'l'), Map.entry("find", 'f'), Map.entry("listByName", 'n'),
            Map.entry("stream", 's'), Map.entry("count", 'k'), Map.entry("estimatedCount", 'e'),
            Map.entry("createAll", 'C'), Map.entry("importAll", 'I'), Map.entry("patch", 'h'),
            Map.entry("transact", 't'), Map.entry("schema.create", 'S'), Map.entry("schema.exists", 'x'),
            Map.entry("schema.drop", 'D'), Map.entry("schema.backfillSearchIndex", 'b'), Map.entry("description", 'r'));

    /** @return the calls, one letter each */
    static String letters(List<String> calls) {
        StringBuilder b = new StringBuilder(calls.size());
        for (String call : calls) {
            Character letter = LETTERS.get(call);
            if (letter == null) {
                throw new IllegalStateException("no letter for the call " + call);
            }
            b.append(letter);
        }
        return b.toString();
    }

    /** The reference store, wrapped to corrupt the answer of the call its log targets. */
    static final class Kit implements BrokenStore {
        static volatile CallCorruptingStore.Log log;

        @Override
        public String name() {
            return "CORRUPTED_CALL";
        }

        @Override
        public EmployeeStore store(Clock clock) {
            // the raw-item store: the reference store with the hook of the group on data written by others
            return new CallCorruptingStore(new RawItemStore(InMemoryEmployeeStore.builder().clock(clock).build()),
                    log);
        }

        @Override
        public ForeignItems foreignItems(EmployeeStore store) {
            return ((CallCorruptingStore) store).delegate instanceof RawItemStore raw ? raw.foreignItems() : null;
        }

        @Override
        public EmployeeStore otherTable(Clock clock) {
            return new CallCorruptingStore(InMemoryEmployeeStore.builder().name("other").clock(clock).build(), log);
        }

        @Override
        public List<String> mustFail() {
            return List.of();
        }
    }

    /** @return every {@code @Test} method of the TCK's groups, in a stable order */
    static List<TestMethod> testMethods() {
        List<TestMethod> all = new ArrayList<>();
        for (Class<?> nested : EmployeeStoreTck.class.getDeclaredClasses()) {
            if (!nested.isAnnotationPresent(Nested.class)) {
                continue;
            }
            for (Class<?> c = nested; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(Test.class)
                            || m.isAnnotationPresent(org.junit.jupiter.api.TestFactory.class)) {
                        all.add(new TestMethod(nested, m));
                    }
                }
            }
        }
        all.sort(Comparator.comparing(TestMethod::name));
        return all;
    }

    /**
     * Runs a test once against the reference store, corrupting call {@code target} (0: none).
     *
     * @param executor the thread the test runs on (replaced by the caller after a time-out)
     * @throws TimeoutException if the test ran longer than the time-out
     */
    static RunResult run(TestMethod t, int target, int kind, ExecutorService executor)
            throws TimeoutException {
        Future<RunResult> f = executor.submit(() -> runHere(t, target, kind));
        try {
            return f.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("running " + t.name() + " failed outside the test", e.getCause());
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        }
    }

    private static RunResult runHere(TestMethod t, int target, int kind) throws ReflectiveOperationException {
        CallCorruptingStore.Log log = new CallCorruptingStore.Log(target, kind);
        Kit.log = log;
        BrokenStore previous = BrokenStoreTck.current;
        BrokenStoreTck.current = new Kit();
        long start = System.nanoTime();
        Throwable failure = null;
        BrokenStoreTck kit = new BrokenStoreTck();
        try {
            kit.openStoreUnderTest();
            Constructor<?> constructor = t.group().getDeclaredConstructor(EmployeeStoreTck.class);
            constructor.setAccessible(true);
            Object group = constructor.newInstance(kit);
            TestInfo info = info(t);
            for (Method before : beforeEach(t.group())) {
                invoke(before, group, info);
            }
            // a @TestFactory's tests run one after the other, as one test
            runAll(invoke(t.method(), group, info));
        } catch (InvocationTargetException e) {
            failure = e.getCause();
        } catch (Throwable e) {
            failure = e;
        } finally {
            try {
                kit.closeStores();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
            BrokenStoreTck.current = previous;
        }
        return new RunResult(log.calls(), log.otherThread(), failure, failure instanceof TestAbortedException,
                log.corruption(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** Runs the dynamic tests a {@code @TestFactory} returned, in order; nothing for a {@code @Test}'s null. */
    private static void runAll(Object nodes) throws Throwable {
        if (nodes == null) {
            return;
        }
        java.util.Iterator<?> it = nodes instanceof java.util.stream.Stream<?> stream ? stream.iterator()
                : nodes instanceof Iterable<?> iterable ? iterable.iterator()
                : Arrays.asList((Object[]) nodes).iterator();
        while (it.hasNext()) {
            Object node = it.next();
            if (node instanceof org.junit.jupiter.api.DynamicTest test) {
                test.getExecutable().execute();
            } else if (node instanceof org.junit.jupiter.api.DynamicContainer container) {
                runAll(container.getChildren());
            }
        }
    }

    private static Object invoke(Method m, Object group, TestInfo info) throws ReflectiveOperationException {
        m.setAccessible(true);
        Object[] args = new Object[m.getParameterCount()];
        for (int i = 0; i < args.length; i++) {
            if (m.getParameterTypes()[i] != TestInfo.class) {
                throw new IllegalStateException(m + ": only TestInfo parameters are supported");
            }
            args[i] = info;
        }
        return m.invoke(group, args);
    }

    /** The {@code @BeforeEach} methods of a group, those of its superclasses first. */
    private static List<Method> beforeEach(Class<?> group) {
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = group; c != null && c != Object.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        List<Method> out = new ArrayList<>();
        for (Class<?> c : chain) {
            Arrays.stream(c.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(BeforeEach.class))
                    .sorted(Comparator.comparing(Method::getName)).forEach(out::add);
        }
        return out;
    }

    private static TestInfo info(TestMethod t) {
        DisplayName display = t.method().getAnnotation(DisplayName.class);
        String name = display != null ? display.value() : t.method().getName() + "()";
        return new TestInfo() {
            @Override
            public String getDisplayName() {
                return name;
            }

            @Override
            public Set<String> getTags() {
                return Set.of();
            }

            @Override
            public Optional<Class<?>> getTestClass() {
                return Optional.of(t.group());
            }

            @Override
            public Optional<Method> getTestMethod() {
                return Optional.of(t.method());
            }
        };
    }

    /** @return the calls corrupted for a test of {@code calls} calls, from 1 */
    static List<Integer> targets(int calls) {
        TreeSet<Integer> t = new TreeSet<>();
        if (calls <= ALL_CALLS_UP_TO) {
            for (int i = 1; i <= calls; i++) {
                t.add(i);
            }
            return List.copyOf(t);
        }
        for (int i = 1; i <= ENDS; i++) {
            t.add(i);
            t.add(calls + 1 - i);
        }
        for (int k = 1; k <= BETWEEN; k++) {
            t.add(ENDS + (int) ((long) k * (calls - 2 * ENDS) / (BETWEEN + 1)));
        }
        return List.copyOf(t);
    }

    /** Reads the recorded file: test name to entry; excluded tests are not in it. */
    static Map<String, Entry> read(Path file) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] p = line.split(" ");
            if (p[1].equals("excluded")) {
                entries.put(p[0], new Entry(p[0], null, List.of()));
                continue;
            }
            TreeSet<Integer> checked = new TreeSet<>();
            List<TreeSet<Integer>> byKind = List.of(checked, new TreeSet<>(), new TreeSet<>());
            for (int k = 2; k < p.length; k++) {
                int kind = p[k].startsWith(MARKS.get(2)) ? 2 : p[k].startsWith(MARKS.get(1)) ? 1 : 0;
                parseRanges(p[k].substring(MARKS.get(kind).length()), byKind.get(kind));
            }
            entries.put(p[0], new Entry(p[0], p[1], byKind));
        }
        return entries;
    }

    private static void parseRanges(String ranges, TreeSet<Integer> into) {
        for (String range : ranges.split(",")) {
            String[] ends = range.split("-");
            int from = Integer.parseInt(ends[0]);
            int to = ends.length > 1 ? Integer.parseInt(ends[1]) : from;
            for (int i = from; i <= to; i++) {
                into.add(i);
            }
        }
    }

    /** @return the numbers as ranges, e.g. {@code 1-3,5} */
    static String ranges(TreeSet<Integer> numbers) {
        StringBuilder b = new StringBuilder();
        Integer from = null;
        Integer last = null;
        for (int n : numbers) {
            if (last != null && n == last + 1) {
                last = n;
                continue;
            }
            if (from != null) {
                b.append(b.length() > 0 ? "," : "").append(from).append(from.equals(last) ? "" : "-" + last);
            }
            from = n;
            last = n;
        }
        if (from != null) {
            b.append(b.length() > 0 ? "," : "").append(from).append(from.equals(last) ? "" : "-" + last);
        }
        return b.toString();
    }

    /** A test's calls as recorded, or why it is left out. */
    record Recorded(Entry entry, String excluded, int corrupted) {
        String line() {
            if (excluded != null) {
                return entry.test() + " excluded " + excluded;
            }
            StringBuilder line = new StringBuilder(entry.test()).append(' ').append(entry.calls());
            for (int kind = 0; kind < MARKS.size(); kind++) {
                String checked = ranges(entry.checked().get(kind));
                if (!checked.isEmpty()) {
                    line.append(' ').append(MARKS.get(kind)).append(checked);
                }
            }
            return line.toString();
        }
    }

    /** Holds the thread tests run on, replaced after a test timed out on it. */
    static final class Runner implements AutoCloseable {
        private ExecutorService executor = newExecutor();

        /** @return the run, or {@code null} if it timed out */
        RunResult run(TestMethod t, int target, int kind) {
            try {
                return CorruptedCalls.run(t, target, kind, executor);
            } catch (TimeoutException e) {
                executor.shutdownNow();
                executor = newExecutor();
                return null;
            }
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }
    }

    /** Counts a test's calls on two runs and, unless it is left out, finds the checked calls. */
    static Recorded record(TestMethod t, Runner runner) {
        RunResult a = runner.run(t, 0, 0);
        RunResult b = runner.run(t, 0, 0);
        String why = a == null || b == null ? "timed out" : a.skipped() ? "skipped against the reference store"
                : a.failed() ? "fails against the reference store" : a.otherThread() ? "calls from several threads"
                : !a.calls().equals(b.calls()) ? "different calls on two runs" : a.calls().isEmpty() ? "no calls"
                : Math.max(a.millis(), b.millis()) > SLOW_MILLIS ? "slower than " + SLOW_MILLIS + " ms" : null;
        if (why != null) {
            return new Recorded(new Entry(t.name(), null, List.of(new TreeSet<>(), new TreeSet<>(), new TreeSet<>())),
                    why, 0);
        }
        List<TreeSet<Integer>> checked = List.of(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        int corrupted = 0;
        for (int n : targets(a.calls().size())) {
            for (int kind = 0; kind < KINDS.getOrDefault(a.calls().get(n - 1), 2); kind++) {
                RunResult r = runner.run(t, n, kind);
                if (r == null || r.corruption() == null) {
                    continue;   // timed out, or this answer has no such corruption: nothing to record
                }
                corrupted++;
                if (r.failed()) {
                    checked.get(kind).add(n);
                }
            }
        }
        return new Recorded(new Entry(t.name(), letters(a.calls()), checked), null, corrupted);
    }

    /**
     * Checks a recorded test: each checked call, corrupted, still fails it. When the test's calls changed since they
     * were recorded, the calls before and after the changed stretch (the longest common beginning and end; when calls
     * were removed, widened to the runs of calls of one kind around it) are matched to the recorded ones; a checked
     * call in the changed stretch is gone, which fails the check (the answer
     * it gave is no longer asked for: an assertion that asked for it was removed), and the matched checked calls are
     * checked at their new places.
     *
     * @return what is wrong, empty when nothing is
     */
    static List<String> check(TestMethod t, Entry recorded, Runner runner) {
        RunResult counted = runner.run(t, 0, 0);
        if (counted == null || counted.failed() || counted.skipped()) {
            return List.of(t.name() + " does not pass against the reference store: "
                    + (counted == null ? "timed out" : String.valueOf(counted.failure())));
        }
        String was = recorded.calls();
        String now = letters(counted.calls());
        int prefix = 0;
        while (prefix < was.length() && prefix < now.length() && was.charAt(prefix) == now.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < was.length() - prefix && suffix < now.length() - prefix
                && was.charAt(was.length() - 1 - suffix) == now.charAt(now.length() - 1 - suffix)) {
            suffix++;
        }
        int start = prefix;
        int end = was.length() - suffix;
        if (was.length() > now.length()) {
            // calls were removed: in a run of calls of one kind, which of them went is not known, so the whole run
            // around the changed stretch counts as changed
            while (start > 0 && start < was.length() && was.charAt(start - 1) == was.charAt(start)) {
                start--;
            }
            while (end > 0 && end < was.length() && was.charAt(end) == was.charAt(end - 1)) {
                end++;
            }
        }
        List<String> problems = new ArrayList<>();
        String rewrite = " (if the test changed on purpose, rewrite " + FILE + " with -Dtck.writeCheckedCalls=true)";
        for (int[] target : checkedTargets(recorded)) {
            int n = target[0];
            int kind = target[1];
            int place;
            if (n <= start) {
                place = n;
            } else if (n > end) {
                place = n - was.length() + now.length();
            } else {
                problems.add(t.name() + ": call " + n + " (" + was.charAt(n - 1) + ") was checked, and the test no"
                        + " longer makes it: an assertion that asked for that answer was removed" + rewrite);
                continue;
            }
            RunResult r = runner.run(t, place, kind);
            if (r != null && !r.failed()) {
                problems.add(t.name() + ": call " + place + " (" + counted.calls().get(place - 1) + ") "
                        + (kind > 0 ? "(its corruption " + (kind + 1) + ") " : "")
                        + r.corruption() + ", and the test passed: an assertion that checked this answer was removed"
                        + " or weakened" + rewrite);
            }
        }
        return problems;
    }

    /** @return the checked calls and corruptions, as (call, kind) */
    private static List<int[]> checkedTargets(Entry e) {
        List<int[]> all = new ArrayList<>();
        for (int kind = 0; kind < e.checked().size(); kind++) {
            for (int n : e.checked().get(kind)) {
                all.add(new int[] {n, kind});
            }
        }
        return all;
    }

    /**
     * Records every test and writes the file.
     *
     * @return the file's text
     */
    static String write(List<TestMethod> tests, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        int checked = 0;
        int corrupted = 0;
        int excluded = 0;
        try (Runner runner = new Runner()) {
            for (TestMethod t : tests) {
                Recorded r = record(t, runner);
                lines.add(r.line());
                checked += r.entry().checked().stream().mapToInt(TreeSet::size).sum();
                corrupted += r.corrupted();
                excluded += r.excluded() != null ? 1 : 0;
            }
        }
        String text = "# The answers of the store each TCK test checks (CorruptedCalls; TckSelfTest keeps them"
                + " checked).\n"
                + "# Per test: its calls in order, one letter each (CorruptedCalls.LETTERS), and the calls whose"
                + " corrupted"
                + " answer fails it, counted from 1.\n"
                + "# Rewrite with: mvn -B -pl employee-store-tck -am test -Dtest=TckSelfTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dtck.writeCheckedCalls=true\n"
                + String.format("# %d tests, %d left out; %d answers corrupted, %d of them checked%n", tests.size(),
                excluded, corrupted, checked)
                + String.join("\n", lines) + "\n";
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return text;
    }

    static ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "tck-corrupted-calls");
            thread.setDaemon(true);
            return thread;
        });
    }
}
