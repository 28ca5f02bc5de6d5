package io.github.employeestore.spi;

import io.github.employeestore.StoreConfigurationException;
import io.github.employeestore.StoreOptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreUrlTest {
    private static StoreUrl parse(String url) {
        return StoreUrl.parse(url, StoreOptions.defaults());
    }

    @Test
    void hierarchicalUrlsHaveHostPortPathAndOptions() {
        StoreUrl url = parse("Redis://127.0.0.1:6380/3?table=staff&timeout=2s");
        assertThat(url.scheme()).isEqualTo("redis");
        assertThat(url.host()).isEqualTo("127.0.0.1");
        assertThat(url.port()).isEqualTo(6380);
        assertThat(url.path()).isEqualTo("3");
        assertThat(url.option("table")).contains("staff");
        assertThat(url.option("timeout")).contains("2s");
        StoreUrl bare = parse("redis://cache.internal");
        assertThat(bare.port()).isEqualTo(-1);
        assertThat(bare.portOr(6379)).isEqualTo(6379);
        assertThat(bare.path()).isEmpty();
        assertThat(parse("redis://[::1]:7000/").host()).isEqualTo("::1");
        assertThat(parse("redis://[::1]:7000/").port()).isEqualTo(7000);
    }

    @Test
    void userInfoBecomesOptionsThatStoreOptionsOverrideAndToStringHidesThem() {
        StoreUrl url = StoreUrl.parse("redis://app:s%40cr+t@h:1/0?password=ignored",
                StoreOptions.builder().option("table", "t").build());
        assertThat(url.option("user")).contains("app");
        assertThat(url.option("password")).contains("ignored");
        assertThat(parse("redis://app:s%40cr+t@h:1/0").option("password")).contains("s@cr+t");
        assertThat(url.option("table")).contains("t");
        assertThat(url.toString()).doesNotContain("ignored").doesNotContain("s@cr").contains("h:1");
    }

    @Test
    void opaqueUrlsKeepTheirPath() {
        StoreUrl url = parse("dynamodb:Employees?region=eu-west-1");
        assertThat(url.host()).isNull();
        assertThat(url.hostOr("localhost")).isEqualTo("localhost");
        assertThat(url.path()).isEqualTo("Employees");
        assertThat(parse("memory:").path()).isEmpty();
        assertThat(parse("jdbc:mysql://h:3306/db?user=u").path()).isEqualTo("mysql://h:3306/db");
        assertThat(parse("x:a?q=a+b").option("q")).contains("a b");
    }

    @Test
    void bothFormsArePercentDecodedAndAnEmptyAuthorityIsALocalPath() {
        assertThat(parse("rocksdb:/tmp/my%20dir").path()).isEqualTo("/tmp/my dir");
        assertThat(parse("rocksdb:/tmp/a+b%2Bc").path()).isEqualTo("/tmp/a+b+c");
        assertThat(parse("redis://h:1/my%20db").path()).isEqualTo("my db");
        StoreUrl local = parse("rocksdb:///var/data/my%20dir?table=staff");
        assertThat(local.host()).isNull();
        assertThat(local.port()).isEqualTo(-1);
        assertThat(local.path()).isEqualTo("/var/data/my dir");
        assertThat(local.option("table")).contains("staff");
        assertThat(parse("rocksdb:///").path()).isEqualTo("/");
        assertThatThrownBy(() -> parse("rocksdb:/tmp/%zz")).isInstanceOf(StoreConfigurationException.class)
                .hasMessageNotContaining("%zz");
    }

    @Test
    void credentialsOfEveryShapeAreFoundAndRemoved() {
        for (String url : new String[]{"redis://:s3cr3t@cache:6379/0", "redis://app:s3cr3t@cache",
                "jdbc:postgresql://app@db.internal/hr", "jdbc:mysql://app:@db/hr", "http://a%40b:p%3Aw@[::1]:80/x"}) {
            String text = "table 'employees' at " + url;
            assertThat(StoreUrl.hasUserInfo(text)).as(url).isTrue();
            String clean = StoreUrl.withoutCredentials(text);
            assertThat(StoreUrl.hasUserInfo(clean)).as(url).isFalse();
            assertThat(clean).doesNotContain("s3cr3t").doesNotContain("app").doesNotContain("p%3Aw")
                    .contains("table 'employees' at ");
        }
        assertThat(StoreUrl.withoutCredentials("redis://cache:6379/0")).isEqualTo("redis://cache:6379/0");
        assertThat(StoreUrl.hasUserInfo("jdbc:h2:mem:x (table 'employees')")).isFalse();
        assertThat(StoreUrl.withoutCredentials("jdbc:mysql://db/hr?user=u&password=pw&accessKey=AK&x=1"))
                .isEqualTo("jdbc:mysql://db/hr?user=u&password=***&accessKey=***&x=1");
    }

    @Test
    void malformedUrlsAreConfigurationErrorsThatDoNotRepeatTheUrl() {
        for (String bad : new String[]{"redis://h:99999", "redis://h:port", "redis://:6379", "redis://[::1",
                "redis://h/x?novalue", "redis://h/x?a=%zz", "no-scheme", ":x"}) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(StoreConfigurationException.class)
                    .hasMessageNotContaining("99999").hasMessageNotContaining("%zz");
        }
    }
}
