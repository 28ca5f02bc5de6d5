package io.github.employeestore.directory;

import io.github.employeestore.AttributeValue;
import io.github.employeestore.Employee;
import io.github.employeestore.EmployeeStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The pages in a real browser: Debian's headless Chromium driven through its chromedriver, against the directory on
 * embedded H2. Screenshots go to {@code target/screenshots}. Without Chromium the tests are skipped with the reason,
 * except on CI ({@code CI} set), where that is a failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserTest {
    private static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");

    private RunningApp app;
    private EmployeeStore store;
    private ChromeDriver driver;
    private ChromeDriverService service;
    private Path profile;
    private String base;
    private Path screenshots;
    private String skipReason;

    @BeforeAll
    void start() throws IOException {
        boolean present = Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
        if (!present) {
            String reason = CHROMIUM + " or " + CHROMEDRIVER + " is missing: install Debian's chromium and "
                    + "chromium-driver (apt-get install chromium chromium-driver) to run the browser tests";
            if (System.getenv("CI") != null) {
                fail(reason);
            }
            skipReason = reason;
            System.err.println("BrowserTest skipped: " + reason);
            return;
        }
        screenshots = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(screenshots);
        app = RunningApp.start(TestSupport.h2MemUrl("browser"));
        store = app.store();
        base = app.base();

        // never Selenium Manager: the driver and the browser are given explicitly, nothing is downloaded
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        System.setProperty("se.avoidStats", "true");
        profile = Files.createTempDirectory("chromium-profile");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,1000", "--user-data-dir=" + profile);
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @BeforeEach
    void requireBrowser() {
        Assumptions.assumeTrue(skipReason == null, skipReason);
    }

    @AfterAll
    void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (app != null) {
            app.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    @Test
    void addAnEmployeeAndSeeItListedWithBadgesAttributesAndTheBackendInTheFooter() {
        String location = "Lon-" + UUID.randomUUID().toString().substring(0, 6);
        driver.get(base + "/");
        assertThat(text("#footer")).contains("Backend:").contains("H2");
        click("#add");
        type("#fullName", "Ada Lovelace");
        type("#jobTitle", "Analyst");
        type("#location", location);
        type("#badge-0", "mentor");
        type("#badge-1", "speaker");
        setRow(0, "shirtSize", "text", "M");
        click("#add-row");
        setRow(1, "deskFloor", "number", "3.50");
        shot("01-add-form");
        click("#save");

        assertThat(text("#notice")).contains("added");
        WebElement row = rowOf("Ada Lovelace");
        assertThat(row.findElement(By.cssSelector(".jobTitle")).getText()).isEqualTo("Analyst");
        assertThat(row.findElement(By.cssSelector(".location")).getText()).isEqualTo(location);
        assertThat(row.findElements(By.cssSelector(".badge")).stream().map(WebElement::getText))
                .containsExactly("mentor", "speaker");
        assertThat(row.findElement(By.cssSelector(".attributes")).getText()).contains("shirtSize", "M", "deskFloor",
                "3.5");
        shot("02-list-after-add");

        Employee stored = store.find(io.github.employeestore.EmployeeQuery.byLocation(location),
                io.github.employeestore.PageRequest.first(10)).items().get(0);
        assertThat(stored.attributes()).isEqualTo(Map.of("shirtSize", AttributeValue.of("M"),
                "deskFloor", AttributeValue.of(new BigDecimal("3.5"))));
        assertThat(stored.badges()).containsExactly("mentor", "speaker");
    }

    @Test
    void invalidInputShowsEachViolationNextToItsFieldAndKeepsWhatWasTyped() {
        String longTitle = "T".repeat(201);
        driver.get(base + "/employees/new");
        type("#fullName", "   ");
        type("#jobTitle", longTitle);
        type("#location", "Paris <b>bold</b>");
        setRow(0, "9lives", "text", "cat");
        click("#add-row");
        setRow(1, "height", "number", "tall");
        click("#save");

        assertThat(text("#errors")).contains("correct the fields");
        assertThat(text("#fullName-error")).contains("must not be blank");
        assertThat(text("#jobTitle-error")).contains("at most 200 characters");
        assertThat(text("#attr-0-error")).contains("name must start with a letter");
        assertThat(text("#attr-1-error")).contains("must be a number");
        assertThat(driver.findElements(By.id("location-error"))).isEmpty();
        // what the user typed is kept, exactly
        assertThat(value("#fullName")).isEqualTo("   ");
        assertThat(value("#jobTitle")).isEqualTo(longTitle);
        assertThat(value("#location")).isEqualTo("Paris <b>bold</b>");
        assertThat(rowNames()).startsWith("9lives", "height");
        assertThat(new Select(driver.findElement(By.cssSelector("#attr-row-1 select"))).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo("number");
        shot("03-invalid-input");
        long before = store.count();

        type("#fullName", "Paul Fixed");
        type("#jobTitle", "Engineer");
        setRow(0, "lives", "number", "9");
        setRow(1, "height", "number", "1.80");
        click("#save");
        assertThat(text("#notice")).contains("added");
        assertThat(store.count()).isEqualTo(before + 1);
        assertThat(rowOf("Paul Fixed").findElement(By.cssSelector(".location")).getText())
                .isEqualTo("Paris <b>bold</b>");
    }

    @Test
    void filtersByLocationAndJobTitleAndPagesWithNextAndPrevious() {
        String location = "Oslo-" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 30; i++) {
            store.create(Employee.builder().fullName(String.format("Filtered %02d", i)).location(location)
                    .jobTitle(i % 3 == 0 ? "Designer" : "Engineer").build());
        }
        driver.get(base + "/");
        type("#filter-location", location);
        click("#filter-apply");
        List<String> page1 = names();
        assertThat(page1).hasSize(25).isSorted();
        assertThat(page1.get(0)).isEqualTo("Filtered 00");
        assertThat(text("#page-number")).isEqualTo("Page 1");
        assertThat(driver.findElements(By.id("prev"))).isEmpty();
        shot("04-filtered-page-1");
        click("#next");
        assertThat(text("#page-number")).isEqualTo("Page 2");
        assertThat(names()).containsExactly("Filtered 25", "Filtered 26", "Filtered 27", "Filtered 28",
                "Filtered 29");
        assertThat(driver.findElements(By.id("next"))).isEmpty();
        assertThat(value("#filter-location")).isEqualTo(location);
        click("#prev");
        assertThat(names()).isEqualTo(page1);

        type("#filter-jobTitle", "Designer");
        click("#filter-apply");
        assertThat(names()).hasSize(10).allMatch(n -> Integer.parseInt(n.substring(9)) % 3 == 0);
        driver.findElements(By.cssSelector("td.jobTitle")).forEach(td -> assertThat(td.getText()).isEqualTo("Designer"));
        shot("05-filtered-by-location-and-title");
        click("#filter-clear");
        assertThat(value("#filter-location")).isEmpty();

        // the unfiltered list pages too: next then previous gives the same first page
        driver.get(base + "/");
        List<String> first = names();
        assertThat(first).hasSize(25);
        click("#next");
        assertThat(names()).doesNotContainAnyElementsOf(first);
        click("#prev");
        assertThat(names()).isEqualTo(first);
    }

    @Test
    void searchFindsAccentedAndNonLatinNamesByTheStartOfAnyWordInAnyCase() {
        String location = "Search-" + UUID.randomUUID().toString().substring(0, 6);
        // names no other test of this class uses: they all share one directory
        for (String name : List.of("Zeynep Öztürk", "Hans Straße", "Ada King Lovelace", "Lovelace, Ada", "Lola Ng",
                "Δημήτρης Παπαδόπουλος", "Пётр Чайковский", "山田 太郎", "Åsa Ørsted-Ångström")) {
            store.create(Employee.builder().fullName(name).location(location).jobTitle("Searcher").build());
        }
        driver.get(base + "/");
        assertThat(text("#filter-apply")).isEqualTo("Search");
        search("oz", location);
        assertThat(names()).containsExactly("Zeynep Öztürk");
        shot("12-search-accent");
        assertThat(value("#search-q")).isEqualTo("oz");
        assertThat(value("#filter-location")).isEqualTo(location);
        search("STRASSE", location);
        assertThat(names()).containsExactly("Hans Straße");
        search("ada lov", location);
        assertThat(names()).containsExactly("Ada King Lovelace", "Lovelace, Ada");
        search("lo", location);
        assertThat(names()).containsExactly("Ada King Lovelace", "Lola Ng", "Lovelace, Ada");
        search("ΠΑΠΑ", location);
        assertThat(names()).containsExactly("Δημήτρης Παπαδόπουλος");
        search("петр чайк", location);
        assertThat(names()).containsExactly("Пётр Чайковский");
        search("山田", location);
        assertThat(names()).containsExactly("山田 太郎");
        search("angstrom asa", location);
        assertThat(names()).containsExactly("Åsa Ørsted-Ångström");
        shot("13-search-non-latin");
        search("nobody-here", location);
        assertThat(names()).isEmpty();
        assertThat(text("#empty")).isEqualTo("No employee matches this search.");

        // without a location the search covers the whole directory
        search("öztürk", "");
        assertThat(names()).contains("Zeynep Öztürk");
        click("#filter-clear");
        assertThat(value("#search-q")).isEmpty();

        // a search with no letter or digit is refused with the rule, the value typed is not shown back
        search("!!! ---", "");
        assertThat(text("h1")).isEqualTo("Invalid search");
        shot("14-invalid-search");
    }

    @Test
    void theDirectoryIsListedAlphabeticallyAndSearchResultsPageWithNextAndPrevious() {
        String tag = "Pagesearch" + UUID.randomUUID().toString().substring(0, 4);
        // created out of order, with accents and case that the order folds away
        for (int i = 29; i >= 0; i--) {
            store.create(Employee.builder().fullName((i % 2 == 0 ? "Élan " : "elan ") + tag + " "
                    + String.format("%02d", i)).build());
        }
        driver.get(base + "/");
        assertThat(text("#order")).isEqualTo("In alphabetical order");
        List<String> first = names();
        assertThat(first).hasSize(25);
        // the search order: the folded name (case and accents aside), then the name in code-point order
        assertThat(first).isSortedAccordingTo(java.util.Comparator.comparing(
                io.github.employeestore.spi.NameFolding::sortKey, io.github.employeestore.spi.CodePointOrder.COMPARATOR)
                .thenComparing(io.github.employeestore.spi.CodePointOrder.COMPARATOR));

        search(tag.toLowerCase(java.util.Locale.ROOT), "");
        List<String> page1 = names();
        assertThat(page1).hasSize(25);
        for (int i = 0; i < 25; i++) {
            assertThat(page1.get(i)).endsWith(String.format(" %02d", i));
        }
        click("#next");
        assertThat(text("#page-number")).isEqualTo("Page 2");
        assertThat(names()).hasSize(5).allMatch(n -> n.contains(tag));
        assertThat(value("#search-q")).isEqualTo(tag.toLowerCase(java.util.Locale.ROOT));
        assertThat(driver.findElements(By.id("next"))).isEmpty();
        shot("15-search-page-2");
        click("#prev");
        assertThat(names()).isEqualTo(page1);
    }

    @Test
    void editsSaveAndAConflictingEditShowsTheCurrentDataInsteadOfOverwriting() {
        Employee e = store.create(Employee.builder().fullName("Grace Hopper").jobTitle("Officer")
                .location("Arlington").build());
        driver.get(base + "/employees/edit?id=" + e.id());
        assertThat(value("#version")).isEqualTo("1");
        type("#jobTitle", "Rear Admiral");
        click("#save");
        assertThat(text("#notice")).contains("saved");
        assertThat(store.get(e.id()).orElseThrow().jobTitle()).isEqualTo("Rear Admiral");

        // two people edit: the browser reads version 2, someone else writes version 3
        driver.get(base + "/employees/edit?id=" + e.id());
        assertThat(value("#version")).isEqualTo("2");
        Employee v2 = store.get(e.id()).orElseThrow();
        store.update(v2.toBuilder().jobTitle("Commodore").build());
        type("#location", "Washington");
        click("#save");

        assertThat(text("#conflict")).contains("Someone else changed this employee").contains("version 3");
        assertThat(value("#jobTitle")).isEqualTo("Commodore");
        assertThat(value("#location")).isEqualTo("Arlington");
        assertThat(value("#version")).isEqualTo("3");
        shot("06-conflicting-edit");
        Employee after = store.get(e.id()).orElseThrow();
        assertThat(after.version()).isEqualTo(3);
        assertThat(after.location()).isEqualTo("Arlington");
        assertThat(after.jobTitle()).isEqualTo("Commodore");

        // saving again from the current data works
        type("#location", "Washington");
        click("#save");
        Employee v4 = store.get(e.id()).orElseThrow();
        assertThat(v4.version()).isEqualTo(4);
        assertThat(v4.location()).isEqualTo("Washington");
        assertThat(v4.jobTitle()).isEqualTo("Commodore");
    }

    @Test
    void customAttributesCanBeAddedAndRemovedPerEmployee() {
        Employee e = store.create(Employee.builder().fullName("Alan Turing").location("Manchester")
                .attribute("office", AttributeValue.of("B12"))
                .attribute("teaRounds", AttributeValue.of(7))
                .attribute("projects", AttributeValue.of(List.of(AttributeValue.of("ACE"), AttributeValue.of(1946))))
                .build());
        driver.get(base + "/employees/edit?id=" + e.id());
        assertThat(rowNames()).containsExactly("office", "projects", "teaRounds", "");
        assertThat(value("#attr-row-1 input.attr-value")).isEqualTo("[\"ACE\",1946]");
        // remove "office", add "remote" = true
        click("#attr-row-0 .remove-row");
        assertThat(rowNames()).containsExactly("projects", "teaRounds", "");
        setRow(2, "remote", "boolean", "true");
        click("#add-row");
        setRow(3, "shoeSize", "number", "44.5");
        shot("07-custom-attributes");
        click("#save");
        assertThat(text("#notice")).contains("saved");

        Employee after = store.get(e.id()).orElseThrow();
        assertThat(after.attributes()).isEqualTo(Map.of(
                "projects", AttributeValue.of(List.of(AttributeValue.of("ACE"), AttributeValue.of(1946))),
                "teaRounds", AttributeValue.of(7),
                "remote", AttributeValue.of(true),
                "shoeSize", AttributeValue.of(new BigDecimal("44.5"))));
        driver.get(base + "/?location=Manchester");
        assertThat(rowOf("Alan Turing").findElement(By.cssSelector(".attributes")).getText())
                .contains("remote", "yes", "shoeSize", "44.5", "teaRounds", "7").doesNotContain("office");
    }

    @Test
    void deleteAsksFirstAndDoesNotDeleteWhatSomeoneElseChanged() {
        Employee e = store.create(Employee.builder().fullName("Edsger Dijkstra").location("Austin").build());
        driver.get(base + "/?location=Austin");
        click(rowOf("Edsger Dijkstra").findElement(By.linkText("Delete")));
        assertThat(text("#delete-form")).contains("Delete Edsger Dijkstra");
        // someone else changes it meanwhile: the delete is refused and the current data shown
        store.update(store.get(e.id()).orElseThrow().toBuilder().jobTitle("Professor").build());
        click("#confirm-delete");
        assertThat(text("#conflict")).contains("not deleted");
        assertThat(text("#delete-form")).contains("Professor");
        assertThat(store.get(e.id())).isPresent();
        shot("08-delete-conflict");
        click("#confirm-delete");
        assertThat(text("#notice")).contains("deleted");
        assertThat(store.get(e.id())).isEmpty();
        driver.get(base + "/?location=Austin");
        assertThat(driver.findElements(By.cssSelector("tr.employee"))).isEmpty();
        shot("09-after-delete");
    }

    @Test
    void valuesAreEscapedNotExecuted() {
        String name = "<img src=x onerror=alert(1)> & \"Bobby\" <script>alert(2)</script>";
        store.create(Employee.builder().fullName(name).location("Escape-City")
                .attribute("note", AttributeValue.of("</td><b>bold?</b>")).build());
        driver.get(base + "/?location=Escape-City");
        WebElement row = rowOf(name);
        assertThat(row.findElement(By.cssSelector(".attributes")).getText()).contains("</td><b>bold?</b>");
        assertThat(driver.findElements(By.cssSelector("td img"))).isEmpty();
        assertThat(driver.getPageSource()).doesNotContain("<script>alert(2)");
    }

    @Test
    void anEditFormSentBackUntouchedSavesNothing() {
        // everything the old form changed on its own: outer spaces, a badge with a comma, trailing zeros, JSON
        Employee e = store.create(Employee.builder().fullName("  Grace Brewster ").jobTitle(" Rear Admiral")
                .location("Arlington  ").photoKey(" photos/grace.jpg ").badges(java.util.Set.of("a,b", " navy "))
                .attribute("height", AttributeValue.of(new BigDecimal("1.50")))
                .attribute("note", AttributeValue.of("  two  spaces  "))
                .attribute("projects", AttributeValue.of(List.of(AttributeValue.of("COBOL"),
                        AttributeValue.of(new BigDecimal("1959")))))
                .build());
        driver.get(base + "/employees/edit?id=" + e.id());
        shot("10-untouched-edit-form");
        click("#save");
        assertThat(text("#notice")).contains("Nothing was changed");
        Employee after = store.get(e.id()).orElseThrow();
        assertThat(after.version()).isEqualTo(e.version());
        assertThat(after).isEqualTo(e);
    }

    @Test
    void anEditFormOfEveryAttributeKindSentBackUntouchedSavesNothing() {
        Employee e = store.create(TestSupport.everyKind("Kinds Untouched"));
        driver.get(base + "/employees/edit?id=" + e.id());
        shot("11-every-kind-edit-form");
        // what the form cannot edit is shown, read-only
        String readOnly = text("#read-only-attributes");
        assertThat(readOnly).contains("nothing", "blob", "emptyBlob", "texts", "numbers", "blobs", "list", "map",
                "multiline", "{\"$b\":\"AAH+/yI8\"}");
        assertThat(driver.findElements(By.cssSelector("input.attr-name"))).extracting(n -> n.getDomProperty("value"))
                .contains("text", "number", "huge", "flag", "plainList", "tagLike")
                .doesNotContain("nothing", "blob", "texts", "multiline", "list", "map");
        click("#save");
        assertThat(text("#notice")).contains("Nothing was changed");
        Employee after = store.get(e.id()).orElseThrow();
        assertThat(after.version()).isEqualTo(e.version());
        assertThat(after.attributes()).isEqualTo(e.attributes());
        assertThat(after).isEqualTo(e);

        // an edit of one field keeps every attribute the form cannot edit exactly
        driver.get(base + "/employees/edit?id=" + e.id());
        type("#jobTitle", "Every Kind, Edited");
        click("#save");
        Employee edited = store.get(e.id()).orElseThrow();
        assertThat(edited.version()).isEqualTo(e.version() + 1);
        assertThat(edited.jobTitle()).isEqualTo("Every Kind, Edited");
        assertThat(edited.attributes()).isEqualTo(e.attributes());
    }

    @Test
    void trickyIdsAreEditedAndDeletedThroughTheirOwnLinksWhileTheBystanderIsNeverTouched() {
        String location = "Ids-" + UUID.randomUUID().toString().substring(0, 6);
        store.delete(IdsEndToEndTest.VICTIM);
        store.create(Employee.builder().id(IdsEndToEndTest.VICTIM).fullName("Bystander").location(location).build());
        for (String id : List.of("victim;x", "victim/..", "..", "victim?x", "victim#x", "victim\\x", "%76ictim",
                "vict\uD83D\uDE00im", "victim&id=victim")) {
            store.create(Employee.builder().id(id).fullName("Tricky").location(location).build());
            driver.get(base + "/?location=" + location);
            WebElement row = driver.findElements(By.cssSelector("tr.employee")).stream()
                    .filter(r -> id.equals(r.getDomAttribute("data-id"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + id));
            click(row.findElement(By.linkText("Edit")));
            assertThat(text("#meta")).as(id).startsWith("Id " + id + " · version 1");
            type("#fullName", "Tricky edited");
            click("#save");
            assertThat(text("#notice")).isEqualTo("The changes were saved.");
            assertThat(store.get(id)).map(Employee::fullName).contains("Tricky edited");
            driver.get(base + "/?location=" + location);
            click(driver.findElements(By.cssSelector("tr.employee")).stream()
                    .filter(r -> id.equals(r.getDomAttribute("data-id"))).findFirst().orElseThrow()
                    .findElement(By.linkText("Delete")));
            assertThat(text("#delete-form")).contains("Tricky edited");
            click("#confirm-delete");
            assertThat(text("#notice")).as(id).isEqualTo("The employee was deleted.");
            assertThat(store.get(id)).as(id).isEmpty();
            Employee victim = store.get(IdsEndToEndTest.VICTIM).orElseThrow(() -> new AssertionError(
                    "the bystander was deleted through " + id));
            assertThat(victim.version()).as("the bystander was changed through %s", id).isEqualTo(1);
        }
    }

    @Test
    void anotherOriginCannotFrameTheDeleteConfirmation() throws Exception {
        Employee e = store.create(Employee.builder().fullName("Framed Target").build());
        com.sun.net.httpserver.HttpServer other = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        String framing = "<!DOCTYPE html><html><body><h1>Win a prize</h1>"
                + "<iframe id=\"own\" src=\"/own\"></iframe>"
                + "<iframe id=\"target\" src=\"" + base + "/employees/delete?id=" + e.id() + "\"></iframe></body></html>";
        other.createContext("/", x -> {
            byte[] body = (x.getRequestURI().getPath().equals("/own") ? "<p id=\"marker\">framed fine</p>" : framing)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        other.start();
        try {
            driver.get("http://localhost:" + other.getAddress().getPort() + "/");
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> "complete".equals(
                    ((JavascriptExecutor) d).executeScript("return document.readyState")));
            Thread.sleep(500);
            shot("framing-attempt");
            driver.switchTo().frame("own");
            assertThat(driver.findElements(By.id("marker"))).as("this browser frames pages that allow it").hasSize(1);
            driver.switchTo().defaultContent();
            driver.switchTo().frame("target");
            assertThat(driver.findElements(By.id("confirm-delete"))).as("the delete confirmation in a frame")
                    .isEmpty();
            assertThat(driver.getPageSource()).doesNotContain("Framed Target");
        } finally {
            driver.switchTo().defaultContent();
            other.stop(0);
        }
        assertThat(store.get(e.id())).isPresent();
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Clicks something that loads a page, and waits until the new page has loaded. */
    private void click(String css) {
        click(driver.findElement(By.cssSelector(css)));
    }

    private void click(WebElement element) {
        WebElement page = driver.findElement(By.tagName("html"));
        element.click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // the old page is gone: Chrome reports that as a stale element or, at times, as a node of no document
        wait.until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private void search(String q, String location) {
        type("#search-q", q);
        type("#filter-location", location);
        type("#filter-jobTitle", "");
        click("#filter-apply");
    }

    private void type(String css, String text) {
        WebElement input = driver.findElement(By.cssSelector(css));
        input.clear();
        input.sendKeys(text);
    }

    private String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    private String value(String css) {
        return driver.findElement(By.cssSelector(css)).getDomProperty("value");
    }

    private void setRow(int index, String name, String type, String value) {
        WebElement row = driver.findElement(By.id("attr-row-" + index));
        WebElement n = row.findElement(By.cssSelector("input.attr-name"));
        n.clear();
        n.sendKeys(name);
        new Select(row.findElement(By.cssSelector("select.attr-type"))).selectByValue(type);
        WebElement v = row.findElement(By.cssSelector("input.attr-value"));
        v.clear();
        v.sendKeys(value);
    }

    private List<String> rowNames() {
        return driver.findElements(By.cssSelector("input.attr-name")).stream().map(e -> e.getDomProperty("value"))
                .collect(Collectors.toList());
    }

    private List<String> names() {
        return driver.findElements(By.cssSelector("tr.employee td.name")).stream().map(WebElement::getText)
                .collect(Collectors.toList());
    }

    private WebElement rowOf(String fullName) {
        return driver.findElements(By.cssSelector("tr.employee")).stream()
                .filter(r -> r.findElement(By.cssSelector("td.name")).getText().equals(fullName))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + fullName + " in " + names()));
    }

    private void shot(String name) {
        try {
            Files.write(screenshots.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
