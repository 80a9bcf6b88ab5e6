package io.joule.openapi;

import static io.joule.testing.Api.ADMIN_KEY;
import static io.joule.testing.Api.admin;
import static io.joule.testing.Api.newShipId;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joule.testing.Chromium;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person in Swagger UI (headless Chromium): authorizes with a key, sends a ship batch from the
 * JSON example editor with Try it out, and reads it back with the query form. The data must be
 * stored, and answer as the API answers.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwaggerUiBrowserTest {
    ChromeDriver chrome;

    @BeforeAll
    void startBrowser() throws IOException {
        chrome = Chromium.start(1280, 2000);
    }

    @AfterAll
    void quitBrowser() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @Test
    void tryItOutSendsJsonWithTheAuthorizedKeyAndReadsItBack() throws Exception {
        long ship = newShipId();
        chrome.get("http://localhost:" + RestAssured.port + "/q/swagger-ui");
        waitFor("button.authorize");
        authorize(ADMIN_KEY);

        WebElement post = operation("post", "/data");
        String example = post.findElement(By.cssSelector("textarea.body-param__text")).getAttribute("value");
        JsonNode prefilled = new ObjectMapper().readTree(example);
        assertTrue(prefilled.has("spaceship_id") && prefilled.has("units") && prefilled.path("data").isArray(),
                "the editor holds the schema's example, not a file picker: " + example);
        setText(post.findElement(By.cssSelector("textarea.body-param__text")), """
                {"spaceship_id": %d, "units": "kW", "data": [{"datetime": "2018-08-24T00:00:00Z", "value": 22},
                 {"datetime": "2018-08-24T00:15:00Z", "value": 18}, {"datetime": "2018-08-24T00:30:00Z", "value": 8}]}""".formatted(ship));
        JsonNode created = execute(post, "200");
        assertEquals(ship, created.path("spaceship_id").asLong());
        assertEquals(3, created.path("readings").asInt());

        admin().get("/data?spaceship_id=" + ship + "&start=2018-08-24T00:00:00Z&end=2018-08-24T00:30:00Z").then().statusCode(200)
                .body("data.value", contains(5.5f, 4.5f));

        WebElement get = operation("get", "/data");
        setText(param(get, "spaceship_id"), Long.toString(ship));
        setText(param(get, "start"), "2018-08-24T00:00:00Z");
        setText(param(get, "end"), "2018-08-24T00:30:00Z");
        JsonNode read = execute(get, "200");
        assertEquals("[{\"datetime\":\"2018-08-24T00:00:00Z\",\"value\":5.5},{\"datetime\":\"2018-08-24T00:15:00Z\",\"value\":4.5}]",
                read.path("data").toString());
        Chromium.screenshot(chrome, "swagger-try-it-out");
    }

    @Test
    void withoutAuthorizingTryItOutAnswersTheProblem() throws Exception {
        chrome.manage().deleteAllCookies();
        chrome.get("http://localhost:" + RestAssured.port + "/q/swagger-ui");
        waitFor("button.authorize");
        ((JavascriptExecutor) chrome).executeScript("window.localStorage.clear()");
        chrome.navigate().refresh();
        waitFor("button.authorize");
        WebElement get = operation("get", "/topusers");
        JsonNode problem = execute(get, "401");
        assertEquals(401, problem.path("status").asInt());
    }

    private void authorize(String key) {
        chrome.findElement(By.cssSelector("button.authorize")).click();
        waitFor(".auth-container input");
        chrome.findElement(By.cssSelector(".auth-container input")).sendKeys(key);
        chrome.findElement(By.cssSelector(".auth-btn-wrapper button.authorize")).click();
        waitFor(".auth-btn-wrapper button.btn-done");
        chrome.findElement(By.cssSelector(".auth-btn-wrapper button.btn-done")).click();
    }

    /** Opens the operation's block and presses Try it out. */
    private WebElement operation(String method, String path) {
        String selector = ".opblock-" + method + ":has(.opblock-summary-path[data-path='" + path + "'])";
        waitFor(selector);
        WebElement block = chrome.findElement(By.cssSelector(selector));
        if (block.findElements(By.cssSelector(".try-out__btn")).isEmpty()) {
            scrollTo(block.findElement(By.cssSelector(".opblock-summary")));
            block.findElement(By.cssSelector(".opblock-summary")).click();
        }
        waitFor(selector + " .try-out__btn");
        WebElement tryOut = block.findElement(By.cssSelector(".try-out__btn"));
        scrollTo(tryOut);
        tryOut.click();
        waitFor(selector + " button.execute");
        return block;
    }

    private WebElement param(WebElement block, String name) {
        return block.findElement(By.cssSelector("tr[data-param-name='" + name + "'] input"));
    }

    /** Presses Execute and answers the response body once the expected status shows. */
    private JsonNode execute(WebElement block, String status) throws IOException {
        WebElement button = block.findElement(By.cssSelector("button.execute"));
        scrollTo(button);
        button.click();
        String statusCell = ".live-responses-table tbody .response-col_status";
        new WebDriverWait(chrome, Duration.ofSeconds(30)).until(d -> !block.findElements(By.cssSelector(statusCell)).isEmpty()
                && !block.findElement(By.cssSelector(statusCell)).getText().isBlank());
        String shown = block.findElement(By.cssSelector(statusCell)).getText().trim();
        String body = (String) ((JavascriptExecutor) chrome).executeScript("""
                const heading = [...arguments[0].querySelectorAll('.live-responses-table tbody h5')]
                    .find(h => h.textContent.trim() === 'Response body');
                if (!heading) return '';
                const shown = heading.nextElementSibling;
                return (shown.querySelector('pre') || shown).textContent;""", block);
        assertEquals(status, shown.split("\\s+")[0], body);
        return new ObjectMapper().readTree(body);
    }

    private void setText(WebElement input, String text) {
        scrollTo(input);
        input.click();
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    private void scrollTo(WebElement element) {
        ((JavascriptExecutor) chrome).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    }

    private void waitFor(String selector) {
        new WebDriverWait(chrome, Duration.ofSeconds(30)).until(d -> !d.findElements(By.cssSelector(selector)).isEmpty());
    }
}
