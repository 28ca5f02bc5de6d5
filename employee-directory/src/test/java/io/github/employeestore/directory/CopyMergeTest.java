package io.github.employeestore.directory;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import io.github.employeestore.directory.internal.CopyCommand;
import io.github.employeestore.directory.internal.OpenedStore;
import io.github.employeestore.directory.internal.copy.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code copy --merge} into a target that holds some of the source's ids at newer, older and equal versions: the
 * target's version never goes down, a newer target employee (or one with other data at the same version) is kept and
 * counted as a conflict, an older one is replaced by the source's, and the count is printed and returned.
 */
class CopyMergeTest {
    @Test
    void theTargetsVersionNeverGoesDownAndNewerTargetDataIsKeptAndCounted(@TempDir Path dir) {
        String from = TestSupport.h2MemUrl("merge_src");
        String to = TestSupport.h2MemUrl("merge_dst");
        try (OpenedStore source = OpenedStore.open(from, true); OpenedStore target = OpenedStore.open(to, true)) {
            source.store().importAll(List.of(at("newer-in-target", 2, "Source"), at("older-in-target", 7, "Source"),
                    at("equal", 4, "Same"), at("same-version-other-data", 4, "Source"), at("only-source", 1, "Source")));
            target.store().importAll(List.of(at("newer-in-target", 5, "Target"), at("older-in-target", 3, "Target"),
                    at("equal", 4, "Same"), at("same-version-other-data", 4, "Target"), at("only-target", 9, "Target")));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            CopyCommand.Result r = new CopyCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), false, 60_000).copy(source.store(),
                    target.store(), new CopyCommand.Request(2, 2, true, false,
                            new Checkpoint(dir.resolve("cp"), from, to)));
            String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
            assertThat(r.conflicts()).as(printed).isEqualTo(2);
            assertThat(r.ok()).as(printed).isTrue();
            assertThat(printed).contains("merge conflicts: 2")
                    .contains("KEPT newer-in-target: the target holds version 5, newer than the source's 2; kept")
                    .contains("KEPT same-version-other-data: the target holds other data at the same version 4");

            EmployeeStore t = target.store();
            assertThat(t.get("newer-in-target")).map(e -> e.version() + " " + e.fullName()).contains("5 Target");
            assertThat(t.get("older-in-target")).map(e -> e.version() + " " + e.fullName()).contains("7 Source");
            assertThat(t.get("equal")).map(e -> e.version() + " " + e.fullName()).contains("4 Same");
            assertThat(t.get("same-version-other-data")).map(e -> e.version() + " " + e.fullName())
                    .contains("4 Target");
            assertThat(t.get("only-source")).map(e -> e.version() + " " + e.fullName()).contains("1 Source");
            assertThat(t.get("only-target")).map(e -> e.version() + " " + e.fullName()).contains("9 Target");
        }

        // the command line prints the same count and succeeds
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = EmployeeDirectory.run(new String[] {"copy", "--from", from, "--to", to, "--merge",
                "--checkpoint", dir.resolve("cp2").toString()}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("merge conflicts: 2");
    }

    private static Employee at(String id, long version, String name) {
        Instant t = Instant.ofEpochMilli(1_000_000L * version);
        return Employee.builder().id(id).fullName(name).version(version).createdAt(Instant.EPOCH).updatedAt(t).build();
    }
}
