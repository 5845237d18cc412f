package dev.deskloop.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A browser tab on the application under test, driven the way a person uses the dashboard: open a page, fill in a
 * field by its label, choose an option, press a button by its text, read what the page shows. Every action that
 * loads a page waits for the new page explicitly; there are no implicit waits and no sleeps.
 */
public final class Browser {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final WebDriver driver;
    private final URI baseUrl;

    Browser(WebDriver driver, URI baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /** {@code http://localhost:{port}} of the application under test. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The Selenium driver, for what these helpers do not cover. */
    public WebDriver driver() {
        return driver;
    }

    // --- going places -------------------------------------------------------------------------------------------

    /** Opens a path of the application, such as {@code /login} or {@code /w/{id}/members}. */
    public Browser open(String path) {
        driver.get(baseUrl.resolve(path).toString());
        return this;
    }

    /**
     * Opens a link Deskloop wrote for people (setup and invitation links), exactly as written: it is built from
     * {@code deskloop.public-url}, which must name the server under test.
     */
    public Browser openLink(String link) {
        if (!link.startsWith(baseUrl + "/")) {
            throw new AssertionError("Deskloop wrote a link to " + link + ", not to the server under test at " + baseUrl);
        }
        driver.get(link);
        return this;
    }

    /** Reloads the page, as a person pressing F5 does, and waits for it to load again. */
    public Browser reload() {
        return waitForNextPage(() -> driver.navigate().refresh(), "reloading " + url());
    }

    /** Signs in through the sign-in form and waits for the page it leads to. */
    public Browser signIn(String email, String password) {
        open("/login");
        fillIn("E-mail", email);
        fillIn("Password", password);
        return press("Sign in");
    }

    /** Presses "Sign out" in the page header. */
    public Browser signOut() {
        return press("Sign out", driver.findElement(By.cssSelector("header")));
    }

    /** Follows the one visible link with exactly this text, such as "Members" in the header. */
    public Browser follow(String linkText) {
        return clickAndWaitForNextPage(only(driver, By.xpath(".//a[normalize-space()=" + literal(linkText) + "]"),
                "link '" + linkText + "'"), "following '" + linkText + "'");
    }

    /** The current path and query, such as {@code /login?error}. */
    public String path() {
        URI uri = URI.create(url());
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    // --- forms --------------------------------------------------------------------------------------------------

    /** Types into the field labelled so (by its {@code <label>} or its {@code aria-label}), replacing its value. */
    public Browser fillIn(String label, String value) {
        return fillIn(label, value, driver);
    }

    public Browser fillIn(String label, String value, SearchContext within) {
        WebElement field = field(label, within);
        field.clear();
        field.sendKeys(value);
        return this;
    }

    /** Chooses the option with this visible text in the select labelled so. */
    public Browser choose(String label, String option) {
        return choose(label, option, driver);
    }

    public Browser choose(String label, String option, SearchContext within) {
        new Select(field(label, within)).selectByVisibleText(option);
        return this;
    }

    /** Presses the one visible button with this text and waits for the page the form leads to. */
    public Browser press(String button) {
        return press(button, driver);
    }

    /** Presses the button with this text inside a part of the page, such as a table row. */
    public Browser press(String button, SearchContext within) {
        WebElement element = only(within, By.xpath(".//button[normalize-space()=" + literal(button) + "]"
                + " | .//input[@type='submit' and @value=" + literal(button) + "]"), "button '" + button + "'");
        Object refused = script("""
                const button = arguments[0], form = button.form;
                if (!form || form.noValidate || button.formNoValidate) { return null; }
                const invalid = Array.from(form.elements).filter(field => field.willValidate && !field.checkValidity());
                return invalid.map(field => (field.name || field.id) + ': ' + field.validationMessage).join('; ') || null;""",
                element);
        if (refused != null) {
            throw new AssertionError("Pressing '" + button + "' on " + url() + " would not send the form; the browser "
                    + "refuses these fields: " + refused);
        }
        return clickAndWaitForNextPage(element, "pressing '" + button + "'");
    }

    /** Runs JavaScript in the page, for what a person could do in the developer tools (say, remove a field). */
    public Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    // --- reading ------------------------------------------------------------------------------------------------

    /** All visible text of the page. */
    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** The page's main heading. */
    public String heading() {
        return only(driver, By.tagName("h1"), "heading").getText();
    }

    /** The title in the browser tab. */
    public String title() {
        return driver.getTitle();
    }

    /** The messages a page shows after an action, notices and errors alike, one per line. */
    public String flash() {
        return String.join("\n", visibleTexts(By.cssSelector(".notice, .error, [role=alert]")));
    }

    /** The error messages the page shows. */
    public List<String> errors() {
        return visibleTexts(By.cssSelector(".error"));
    }

    /** The visible element the locator finds, waiting for it to appear. */
    public WebElement find(By locator) {
        return new WebDriverWait(driver, TIMEOUT)
                .withMessage(() -> "nothing visible matches " + locator + " on " + url())
                .until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Whether anything visible on the page matches; answers at once, without waiting. */
    public boolean shows(By locator) {
        return driver.findElements(locator).stream().anyMatch(WebElement::isDisplayed);
    }

    /** Whether a visible button with this text is on the page. */
    public boolean showsButton(String text) {
        return shows(By.xpath("//button[normalize-space()=" + literal(text) + "]"));
    }

    /** The one table row that has a cell with exactly this text, for pressing buttons or reading cells in it. */
    public WebElement row(String cellText) {
        return only(driver, By.xpath(".//tr[td[normalize-space()=" + literal(cellText) + "]]"),
                "table row with a cell '" + cellText + "'");
    }

    /** Whether some table row has a cell with exactly this text. */
    public boolean showsRow(String cellText) {
        return shows(By.xpath("//tr[td[normalize-space()=" + literal(cellText) + "]]"));
    }

    /** The visible texts of a row's cells. */
    public List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    /** The body rows of the table with this id, each as its cells' texts. */
    @SuppressWarnings("unchecked")
    public List<List<String>> rows(String tableId) {
        // One script instead of a WebDriver call per cell: a page of the audit log has 250 cells.
        return (List<List<String>>) script("""
                return Array.from(document.querySelectorAll('#' + arguments[0] + ' tbody tr'))
                    .map(row => Array.from(row.cells).map(cell => cell.innerText.trim()));""", tableId);
    }

    /** Waits until a condition on the page holds, failing with the page's text if it does not. */
    public <T> T waitUntil(String description, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, TIMEOUT)
                .pollingEvery(Duration.ofMillis(50))
                .withMessage(() -> description + " on " + url() + "; the page shows:\n" + text())
                .until(condition);
    }

    // --- evidence -----------------------------------------------------------------------------------------------

    /** Saves a PNG of the visible part of the page. */
    public Path screenshot(Path file) {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        return write(file, png);
    }

    /** Saves the HTML the page has now. */
    public Path saveHtml(Path file) {
        return write(file, driver.getPageSource().getBytes(StandardCharsets.UTF_8));
    }

    // --- plumbing -----------------------------------------------------------------------------------------------

    private Browser clickAndWaitForNextPage(WebElement element, String action) {
        return waitForNextPage(element::click, action);
    }

    private Browser waitForNextPage(Runnable action, String description) {
        WebElement page = driver.findElement(By.tagName("html"));
        action.run();
        new WebDriverWait(driver, TIMEOUT)
                .pollingEvery(Duration.ofMillis(50))
                .withMessage(() -> description + " did not load a new page")
                .until(ExpectedConditions.and(d -> gone(page),
                        d -> "complete".equals(script("return document.readyState"))));
        return this;
    }

    /**
     * Whether the old page was replaced. Chrome reports a replaced node either as stale or, under load, as
     * "Node with given id does not belong to the document"; both mean the old page is gone.
     */
    private static boolean gone(WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    private WebElement field(String label, SearchContext within) {
        String text = literal(label);
        return only(within, By.xpath(".//*[(self::input or self::select or self::textarea) and "
                + "(@id = //label[normalize-space()=" + text + "]/@for or @aria-label=" + text + ")]"),
                "field labelled '" + label + "'");
    }

    private List<String> visibleTexts(By locator) {
        return driver.findElements(locator).stream().filter(WebElement::isDisplayed).map(WebElement::getText)
                .filter(text -> !text.isBlank()).distinct().toList();
    }

    /** The single visible element a person would mean; none or several is a test failure that says so. */
    private WebElement only(SearchContext within, By locator, String what) {
        List<WebElement> visible = within.findElements(locator).stream().filter(WebElement::isDisplayed).toList();
        if (visible.size() != 1) {
            throw new AssertionError("Expected one " + what + " on " + url() + " but found " + visible.size()
                    + "; the page shows:\n" + text());
        }
        return visible.getFirst();
    }

    /** An XPath string literal for any text, quotes included. */
    private static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        if (!text.contains("\"")) {
            return "\"" + text + "\"";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    private static Path write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
