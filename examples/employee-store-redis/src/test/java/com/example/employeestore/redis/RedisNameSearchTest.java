package com.example.employeestore.redis;

import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeQuery;
import io.github.employeestore.PageRequest;
import io.github.employeestore.StoreConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the TCK cannot see of the Redis example's name search: the sorted sets it keeps per folded word prefix follow
 * every write (nothing stale is left behind), and a table of the layout before name search is refused rather than
 * searched without an index.
 */
class RedisNameSearchTest {
    @Test
    void theIndexSetsFollowEveryWriteAndNothingIsLeftBehind() {
        RedisEmployeeStore store = RedisTestSupport.emptyStore(getClass(), "sets", Clock.systemUTC());
        String prefix = "employee-store:" + table(store) + ":";
        Employee ada = store.create(Employee.builder().id("a").fullName("Ada Lovelace").location("London").build());
        assertThat(keys(prefix)).contains("w:a", "w:ad", "w:ada", "w:l", "w:lovelace", "n", "l:London");
        assertThat(names(store, "lov")).containsExactly("Ada Lovelace");

        store.update(ada.toBuilder().fullName("Zeynep Öztürk").location("İzmir").build());
        assertThat(keys(prefix)).contains("w:ozturk", "w:z", "l:İzmir").doesNotContain("w:ada", "w:lovelace",
                "l:London");
        assertThat(names(store, "lov")).isEmpty();
        assertThat(names(store, "OZ")).containsExactly("Zeynep Öztürk");

        store.put(Employee.builder().id("b").fullName("Hans Straße").build());
        assertThat(names(store, "strasse")).containsExactly("Hans Straße");
        store.transact(t -> {
            t.delete("b");
            t.create(Employee.builder().id("c").fullName("Lola Ng").build());
        });
        assertThat(names(store, "s")).isEmpty();
        assertThat(store.listByName(PageRequest.first(10)).items()).extracting(Employee::fullName)
                .containsExactly("Lola Ng", "Zeynep Öztürk");

        store.delete("a");
        store.delete("c");
        assertThat(keys(prefix)).containsExactly("schema");
    }

    @Test
    void aTableOfTheLayoutBeforeNameSearchIsRefusedNotSearchedWithoutAnIndex() {
        RedisEmployeeStore store = RedisTestSupport.emptyStore(getClass(), "old", Clock.systemUTC());
        String prefix = "employee-store:" + table(store) + ":";
        RedisTestSupport.client().set(prefix + "schema", "1");   // what the example wrote before name search
        store.schema().create();
        assertThat(store.schema().exists()).isTrue();
        assertThat(RedisTestSupport.client().get(prefix + "schema")).isEqualTo("1");
        assertThatThrownBy(() -> store.find(EmployeeQuery.byName("ada"), PageRequest.first(5)))
                .isInstanceOf(StoreConfigurationException.class).hasMessageContaining("older layout");
        assertThatThrownBy(() -> store.create(Employee.builder().fullName("Ada").build()))
                .isInstanceOf(StoreConfigurationException.class);
    }

    private static List<String> names(RedisEmployeeStore store, String q) {
        return store.find(EmployeeQuery.byName(q), PageRequest.first(10)).items().stream().map(Employee::fullName)
                .toList();
    }

    private static String table(RedisEmployeeStore store) {
        String d = store.description();
        return d.substring(d.indexOf('\'') + 1, d.lastIndexOf('\''));
    }

    private static Set<String> keys(String prefix) {
        Set<String> keys = new TreeSet<>();
        for (String k : RedisTestSupport.client().keys(prefix + "*")) {
            keys.add(k.substring(prefix.length()));
        }
        return keys;
    }
}
