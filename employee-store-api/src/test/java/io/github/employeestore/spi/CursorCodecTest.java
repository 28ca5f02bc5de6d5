package io.github.employeestore.spi;

import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.InvalidInputException;
import io.github.employeestore.Limits;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorCodecTest {
    private final CursorCodec codec = CursorCodec.forStore("jdbc", "employees");

    @Test
    void roundTripsPositions() {
        List<String> position = List.of("Zoë 中村 \uD83D\uDE00", "id-'\"\\%_#:");
        EmployeeQuery query = EmployeeQuery.byLocation("Seattle");
        assertThat(codec.decodeFind(query, codec.encodeFind(query, position), 2)).isEqualTo(position);
        assertThat(codec.decodeList(codec.encodeList(List.of("x")), 1)).containsExactly("x");
        assertThat(codec.decodeList(codec.encodeList(List.of("")), 1)).containsExactly("");
    }

    @Test
    void isBoundToBackendTableOperationAndQuery() {
        String list = codec.encodeList(List.of("a"));
        EmployeeQuery seattle = EmployeeQuery.byLocation("Seattle");
        String find = codec.encodeFind(seattle, List.of("n", "a"));
        assertThatThrownBy(() -> CursorCodec.forStore("dynamodb", "employees").decodeList(list, 1))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> CursorCodec.forStore("jdbc", "other").decodeList(list, 1))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> codec.decodeFind(seattle, list, 1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> codec.decodeList(find, 2)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> codec.decodeFind(EmployeeQuery.byJobTitle("Seattle"), find, 2))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> codec.decodeFind(EmployeeQuery.builder().location("Seattle").jobTitle("x").build(),
                find, 2)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> codec.decodeList(list, 2)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void everySingleBitFlipIsRejected() {
        String cursor = codec.encodeList(List.of("employee-00042"));
        byte[] bytes = Base64.getUrlDecoder().decode(cursor);
        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] copy = bytes.clone();
                copy[i] ^= (byte) (1 << bit);
                String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(copy);
                assertThatThrownBy(() -> codec.decodeList(tampered, 1)).isInstanceOf(InvalidInputException.class);
            }
        }
    }

    @Test
    void garbageIsRejectedAsInvalidInput() {
        for (String bad : List.of("", "!", "====", "a", "AAAA", "not base64 at all", "x".repeat(3000))) {
            assertThatThrownBy(() -> codec.decodeList(bad, 1)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("cursor");
        }
    }

    @Test
    void cursorsAreUrlSafeAndWithinTheDocumentedSizes() {
        Random random = new Random(3);
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 128; i++) {
            id.append((char) ('!' + random.nextInt(94)));
        }
        StringBuilder cjk = new StringBuilder();
        StringBuilder emoji = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            cjk.append((char) (0x4E00 + random.nextInt(0x5000)));
            emoji.appendCodePoint(0x1F300 + random.nextInt(0x300));
        }
        EmployeeQuery q = EmployeeQuery.byJobTitle("t");
        String typicalWorst = codec.encodeFind(q, List.of(cjk.toString(), id.toString()));
        assertThat(typicalWorst).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(1024);
        StringBuilder emojiId = new StringBuilder();
        for (int i = 0; i < 128; i++) {
            emojiId.appendCodePoint(0x20000 + random.nextInt(0xA000));
        }
        String absoluteWorst = codec.encodeFind(q, List.of(emoji.toString(), emojiId.toString()));
        assertThat(absoluteWorst.length()).isLessThanOrEqualTo(Limits.MAX_CURSOR_LENGTH);
        assertThat(codec.decodeFind(q, absoluteWorst, 2)).containsExactly(emoji.toString(), emojiId.toString());
    }

    @Test
    void cursorsCarryTheLongestIdsAndNamesAnotherProgramCanStore() {
        Random random = new Random(5);
        StringBuilder id = new StringBuilder();
        while (id.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                < Limits.MAX_STORED_ID_BYTES - 3) {
            id.appendCodePoint(0x10000 + random.nextInt(0x90000));
        }
        StringBuilder name = new StringBuilder();
        while (name.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                < Limits.MAX_STORED_NAME_BYTES - 3) {
            name.appendCodePoint(0x10000 + random.nextInt(0x90000));
        }
        assertThat(id.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .hasSize(Limits.MAX_STORED_ID_BYTES);
        EmployeeQuery q = EmployeeQuery.byLocation("l");
        String list = codec.encodeList(List.of(id.toString()));
        String find = codec.encodeFind(q, List.of(name.toString(), id.toString()));
        assertThat(find.length()).isGreaterThan(2048).isLessThanOrEqualTo(4120)
                .isLessThanOrEqualTo(Limits.MAX_CURSOR_LENGTH);
        assertThat(codec.listAfterId(io.github.employeestore.PageRequest.after(list, 10))).isEqualTo(id.toString());
        assertThat(codec.findAfter(q, io.github.employeestore.PageRequest.after(find, 10)))
                .containsExactly(name.toString(), id.toString());
        // a 200-character ASCII id, as a DynamoDB table written by another program may hold (above the model's 128)
        String foreign = "f".repeat(200);
        assertThat(codec.listAfterId(io.github.employeestore.PageRequest.after(codec.encodeList(List.of(foreign)), 1)))
                .isEqualTo(foreign);
        assertThat(codec.findAfter(q, io.github.employeestore.PageRequest.after(
                codec.encodeFind(q, List.of("  ", foreign)), 1))).containsExactly("  ", foreign);
        // past the storage bounds no backend can have issued the position: rejected as any forged cursor
        String tooLong = "x".repeat(Limits.MAX_STORED_ID_BYTES + 1);
        assertThatThrownBy(() -> codec.listAfterId(io.github.employeestore.PageRequest.after(
                codec.encodeList(List.of(tooLong)), 1))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> codec.findAfter(q, io.github.employeestore.PageRequest.after(
                codec.encodeFind(q, List.of("n".repeat(Limits.MAX_STORED_NAME_BYTES + 1), "id")), 1)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> codec.listAfterId(io.github.employeestore.PageRequest.after(
                codec.encodeList(List.of("")), 1))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void listPagesArePositionedByTheBackendsOwnOrderKey() {
        List<io.github.employeestore.Employee> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rows.add(io.github.employeestore.Employee.builder().id("id" + i).fullName("N").version(i + 1).build());
        }
        io.github.employeestore.Page<io.github.employeestore.Employee> page =
                codec.listPage(rows, 3, e -> List.of("7", Long.toString(e.version()), e.id()));
        assertThat(page.items()).hasSize(3);
        assertThat(codec.decodeList(page.nextCursor().orElseThrow(), 3)).containsExactly("7", "3", "id2");
        assertThat(codec.listPage(rows, 4, e -> List.of(e.id())).nextCursor()).isEmpty();
        List<StoredEmployee> stored = rows.stream().map(StoredEmployee::readable).toList();
        assertThat(codec.decodeList(codec.listPageOf(stored, 3, r -> List.of("k" + r.employee().version()))
                .nextCursor().orElseThrow(), 1)).containsExactly("k3");
        String byId = codec.listPage(rows, 2).nextCursor().orElseThrow();
        assertThat(codec.listAfterId(io.github.employeestore.PageRequest.after(byId, 5))).isEqualTo("id1");
        assertThat(codec.listAfterId(io.github.employeestore.PageRequest.first(5))).isNull();
    }

    @Test
    void forgedPositionsAreInvalidInputNeverPassedOn() {
        // with the library's default key anyone can seal a position; what it carries is still checked as input
        String nul = codec.encodeList(List.of("a\u0000b"));
        assertThatThrownBy(() -> codec.decodeList(nul, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cursor");
        // a position another program's item can have (an id the model would refuse) is continued, not rejected
        String paddedId = codec.encodeList(List.of(" padded "));
        assertThat(codec.listAfterId(io.github.employeestore.PageRequest.after(paddedId, 5))).isEqualTo(" padded ");
        EmployeeQuery q = EmployeeQuery.byLocation("Seattle");
        for (List<String> forged : List.of(List.of("", "id"), List.of("Name", ""),
                List.of("Name", "x".repeat(Limits.MAX_STORED_ID_BYTES + 1)), List.of("Na\u0000me", "id"))) {
            String cursor = codec.encodeFind(q, forged);
            assertThatThrownBy(() -> codec.findAfter(q, io.github.employeestore.PageRequest.after(cursor, 5)))
                    .as(forged.toString()).isInstanceOf(InvalidInputException.class);
        }
        String good = codec.encodeFind(q, List.of("Ada", "id-1"));
        assertThat(codec.findAfter(q, io.github.employeestore.PageRequest.after(good, 5)))
                .containsExactly("Ada", "id-1");
    }

    @Test
    void aPerDeploymentKeySealsCursorsThatOnlyThatKeyOpensAndStaysStable() {
        CursorCodec keyed = CursorCodec.forStore("jdbc", "employees", "a deployment secret of 32 chars");
        String cursor = keyed.encodeList(List.of("id7"));
        assertThat(CursorCodec.forStore("jdbc", "employees", "a deployment secret of 32 chars")
                .decodeList(cursor, 1)).containsExactly("id7");
        assertThatThrownBy(() -> codec.decodeList(cursor, 1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> CursorCodec.forStore("jdbc", "employees", "another secret of 32 characters")
                .decodeList(cursor, 1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> keyed.decodeList(codec.encodeList(List.of("id7")), 1))
                .isInstanceOf(InvalidInputException.class);
        // the default key is stable across instances (and restarts): a stateless web tier keeps working
        assertThat(CursorCodec.forStore("jdbc", "employees").decodeList(codec.encodeList(List.of("x")), 1))
                .containsExactly("x");
        assertThatThrownBy(() -> CursorCodec.forStore("jdbc", "employees", "short"))
                .isInstanceOf(io.github.employeestore.StoreConfigurationException.class)
                .hasMessageNotContaining("short");
    }
}
