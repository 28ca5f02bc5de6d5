package io.github.employeestore.spring;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The versions the library is tested with, under Spring Boot's dependency management: the BOM pins the versions of
 * the build's parent POM and every published module, and this module (which imports Spring Boot's BOM, as an
 * application does) runs on those versions, not on Boot's older ones (HikariCP 7.0.2, H2 2.4.240, PostgreSQL
 * 42.7.11, ...). The README's table of tested versions is checked against the same source.
 */
class TestedVersionsTest {
    private static final Path ROOT = Path.of("..");

    /** A library class, and the BOM property that gives its jar's version. */
    private static final Map<Class<?>, String> JARS = new LinkedHashMap<>();

    static {
        JARS.put(com.zaxxer.hikari.HikariDataSource.class, "hikaricp.version");
        JARS.put(org.h2.Driver.class, "h2.version");
        JARS.put(org.postgresql.Driver.class, "postgresql.version");
        JARS.put(org.mariadb.jdbc.Driver.class, "mariadb.version");
        JARS.put(com.mysql.cj.jdbc.Driver.class, "mysql.version");
        JARS.put(org.jdbi.v3.core.Jdbi.class, "jdbi.version");
        JARS.put(org.slf4j.Logger.class, "slf4j.version");
        JARS.put(software.amazon.awssdk.services.dynamodb.DynamoDbClient.class, "aws.sdk.version");
        JARS.put(io.micrometer.observation.Observation.class, "micrometer.version");
    }

    private static Map<String, String> properties(Path pom) throws IOException {
        String xml = Files.readString(pom);
        String block = xml.substring(xml.indexOf("<properties>"), xml.indexOf("</properties>"));
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<([a-z0-9.-]+)>([^<]+)</\\1>").matcher(block);
        while (m.find()) {
            values.put(m.group(1), m.group(2));
        }
        return values;
    }

    @Test
    void theBomPinsTheParentsVersionsAndEveryPublishedModule() throws IOException {
        Map<String, String> bom = properties(ROOT.resolve("employee-store-bom/pom.xml"));
        Map<String, String> parent = properties(ROOT.resolve("pom.xml"));
        assertThat(bom).isNotEmpty();
        bom.forEach((name, version) -> assertThat(parent).as(name).containsEntry(name, version));
        String bomXml = Files.readString(ROOT.resolve("employee-store-bom/pom.xml"));
        for (String module : List.of("employee-store-api", "employee-store-tck", "employee-store-jdbc",
                "employee-store-dynamodb", "employee-store-micrometer", "employee-store-spring-boot-starter")) {
            assertThat(bomXml).contains("<artifactId>" + module + "</artifactId>");
            assertThat(Files.readString(ROOT.resolve(module).resolve("pom.xml"))).as(module + " is published")
                    .doesNotContain("<maven.install.skip>true");
        }
    }

    @Test
    void underSpringBootsDependencyManagementTheTestedVersionsAreOnTheClassPath() throws Exception {
        Map<String, String> bom = properties(ROOT.resolve("employee-store-bom/pom.xml"));
        for (Map.Entry<Class<?>, String> e : JARS.entrySet()) {
            String jar = Path.of(e.getKey().getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getFileName().toString();
            assertThat(jar).as(e.getKey().getName()).endsWith("-" + bom.get(e.getValue()) + ".jar");
        }
    }

    @Test
    void theReadmeStatesTheTestedVersions() throws IOException {
        Map<String, String> bom = properties(ROOT.resolve("employee-store-bom/pom.xml"));
        String readme = Files.readString(ROOT.resolve("README.md"));
        String section = readme.substring(readme.indexOf("### Versions under Spring Boot"));
        for (String name : List.of("hikaricp.version", "h2.version", "postgresql.version", "mariadb.version",
                "mysql.version", "slf4j.version", "junit.version")) {
            String boot = name.equals("junit.version") ? "junit-jupiter.version" : name;
            assertThat(section).as(name).contains("`<" + boot + ">" + bom.get(name) + "</" + boot + ">`");
        }
    }
}
