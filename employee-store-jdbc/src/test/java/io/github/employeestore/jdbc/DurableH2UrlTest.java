package io.github.employeestore.jdbc;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * §6.3: the H2 URLs the provider opens with its own pool keep every returned commit across a crash of the process
 * (the crash itself is tested by the directory's {@code CrashDurabilityTest}, which kills a real process).
 */
class DurableH2UrlTest {
    @Test
    @DisplayName("§6.3 H2 file URLs the provider opens are written on every commit (WRITE_DELAY=0)")
    void embeddedFileUrlsAreWrittenOnEveryCommit() {
        assertThat(JdbcEmployeeStoreProvider.durableH2("jdbc:h2:file:/d/x"))
                .isEqualTo("jdbc:h2:file:/d/x;WRITE_DELAY=0");
        assertThat(JdbcEmployeeStoreProvider.durableH2("jdbc:h2:./data/x;MODE=MySQL"))
                .isEqualTo("jdbc:h2:./data/x;MODE=MySQL;WRITE_DELAY=0");
        assertThat(JdbcEmployeeStoreProvider.durableH2("jdbc:h2:~/x")).isEqualTo("jdbc:h2:~/x;WRITE_DELAY=0");
    }

    @Test
    @DisplayName("§6.3 a WRITE_DELAY the URL gives, in-memory and server H2 URLs are left as they are")
    void aWriteDelayOfTheUrlAndDatabasesWithoutALocalFileAreLeftAlone() {
        assertThat(JdbcEmployeeStoreProvider.durableH2("jdbc:h2:file:/d/x;write_delay=200"))
                .isEqualTo("jdbc:h2:file:/d/x;write_delay=200");
        assertThat(JdbcEmployeeStoreProvider.durableH2("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1"))
                .isEqualTo("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1");
        assertThat(JdbcEmployeeStoreProvider.durableH2("jdbc:h2:tcp://127.0.0.1/x"))
                .isEqualTo("jdbc:h2:tcp://127.0.0.1/x");
    }
}
