package io.joule.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assertions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium through its chromedriver (both from apt: {@code chromium chromium-driver};
 * .ci/run installs them). Paths can be moved with JOULE_TEST_CHROMIUM and JOULE_TEST_CHROMEDRIVER.
 */
public final class Chromium {
    private Chromium() {
    }

    public static ChromeDriver start(int width, int height) throws IOException {
        String browser = System.getenv().getOrDefault("JOULE_TEST_CHROMIUM", "/usr/bin/chromium");
        String driver = System.getenv().getOrDefault("JOULE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
        Assertions.assertTrue(new File(browser).canExecute() && new File(driver).canExecute(),
                "The dashboard test needs Chromium and its driver: apt-get install chromium chromium-driver (looked for "
                        + browser + " and " + driver + ")");
        Path profile = Files.createTempDirectory("joule-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=en-GB", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver)).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        // Tests quit in a finally; this covers a run that is cut short, and removes the profile.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                chrome.quit();
            } catch (RuntimeException alreadyGone) {
                // quit twice is fine
            }
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException | RuntimeException ignored) {
                // a temp dir left behind is harmless
            }
        }));
        return chrome;
    }

    /** Saves what the browser shows under target/dashboard/NAME.png and answers the file. */
    public static Path screenshot(ChromeDriver chrome, String name) throws IOException {
        Path dir = Path.of("target", "dashboard");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(chrome.getScreenshotAs(OutputType.BYTES)));
        // Cut the empty window below the page's content.
        long content = ((Number) chrome.executeScript("return Math.ceil(document.body.getBoundingClientRect().bottom)")).longValue() + 16;
        int height = (int) Math.min(shot.getHeight(), Math.max(200, content));
        ImageIO.write(shot.getSubimage(0, 0, shot.getWidth(), height), "png", file.toFile());
        return file;
    }
}
