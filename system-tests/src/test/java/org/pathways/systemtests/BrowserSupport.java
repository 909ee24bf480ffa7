package org.pathways.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.pathways.stack.testing.StackInfo;

/**
 * Browser tests of the dashboard: Playwright for Java driving Debian's {@code chromium} (never a downloaded browser).
 * The test command installs chromium with apt when it is missing and it may (root, apt-get present); otherwise the
 * tests fail saying what to install. They never skip silently.
 */
final class BrowserSupport {

    /** Where screenshots of every screen are kept (build output). */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
    static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa");

    private BrowserSupport() {
    }

    static String dashboard(String path) {
        return StackInfo.get("dashboard.url") + path;
    }

    static Playwright playwright() {
        // Playwright must not try to download its own browsers (no network for that here, and we use the system's).
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    static Browser launch(Playwright pw) {
        List<String> args = new ArrayList<>();
        if (isRoot()) args.add("--no-sandbox"); // Chromium's sandbox refuses to run as root (CI runs as root)
        return pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(chromium()).setHeadless(true).setArgs(args));
    }

    /** Debian's chromium: found, or installed with apt when we are root and apt-get exists, or a failure saying what to do. */
    static synchronized Path chromium() {
        String configured = System.getenv("PATHWAYS_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isExecutable(p)) fail("PATHWAYS_CHROMIUM=" + configured + " is not an executable file");
            return p;
        }
        Path found = findChromium();
        if (found != null) return found;
        if (isRoot() && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            System.out.println("[browser-tests] chromium is missing: installing Debian's chromium with apt-get (root)");
            if (run("apt-get", "install", "-y", "--no-install-recommends", "chromium") != 0) {
                run("apt-get", "update");
                run("apt-get", "install", "-y", "--no-install-recommends", "chromium");
            }
            found = findChromium();
            if (found != null) return found;
        }
        fail("The dashboard's browser tests need Chromium and it is not installed. Install Debian's package as root: "
                + "`apt-get install -y chromium` (the test command does this itself when it runs as root with apt-get), "
                + "or set PATHWAYS_CHROMIUM to a Chromium binary.");
        return null;
    }

    private static Path findChromium() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(c))) return Path.of(c);
        }
        return null;
    }

    private static int run(String... cmd) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Signs in at Keycloak's login page (the dashboard redirected there) and waits to be back on the dashboard. */
    static void signIn(Page page, String username) {
        page.navigate(dashboard("/work"));
        page.waitForURL(url -> url.startsWith(StackInfo.get("keycloak.url")));
        page.fill("#username", username);
        page.fill("#password", StackInfo.get("login.demo-password"));
        page.click("#kc-login");
        page.waitForURL(url -> url.startsWith(dashboard("/")));
    }

    /**
     * The navigation marks this page's entry, and only it, as the current page: {@code aria-current="page"} on its link
     * and GOV.UK service navigation's active class on its item.
     */
    static void assertNavCurrent(Page page, String key) {
        List<String> current = page.locator("#navigation a[aria-current]").all().stream()
                .map(a -> a.getAttribute("data-nav") + "=" + a.getAttribute("aria-current")).toList();
        assertEquals(List.of(key + "=page"), current, "the navigation's current entry on " + page.url());
        assertEquals(1, page.locator("#navigation li.govuk-service-navigation__item--active:has(a[data-nav='" + key + "'])").count(),
                "the active item on " + page.url());
    }

    /**
     * Records the page's document answers (method, path, status; no query, no body) so a failing wait can say what the
     * server answered instead of only "timeout".
     */
    static List<String> recordDocuments(Page page) {
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        page.onResponse(r -> {
            if ("document".equals(r.request().resourceType())) {
                seen.add(r.request().method() + " " + URI.create(r.url()).getPath() + " -> " + r.status());
            }
        });
        return seen;
    }

    /** Waits for a selector; on timeout fails with the page's recent document answers, heading and error summary. */
    static void expect(Page page, List<String> documents, String selector, String name) {
        try {
            page.waitForSelector(selector);
        } catch (com.microsoft.playwright.PlaywrightException e) {
            screenshot(page, "failed-" + name);
            String h1 = page.querySelector("h1") == null ? "" : page.textContent("h1");
            String errors = page.querySelector(".govuk-error-summary") == null ? "" : page.textContent(".govuk-error-summary");
            List<String> last;
            synchronized (documents) {
                last = new ArrayList<>(documents.subList(Math.max(0, documents.size() - 5), documents.size()));
            }
            fail("waited for " + selector + " on " + URI.create(page.url()).getPath() + ": heading '" + h1.strip()
                    + "', errors '" + errors.strip().replaceAll("\\s+", " ") + "', last answers " + last);
        }
    }

    static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /** Browser contexts opened with JavaScript off ({@link BrowserFixture#context(boolean)}). */
    static final Set<BrowserContext> JS_OFF = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    /**
     * axe with the WCAG 2.0/2.1/2.2 A and AA rules: no serious or critical violation on the screen. axe runs inside the
     * page and can hang where JavaScript is off (dequelabs/axe-core-npm#529; seen here: a scan that took nine minutes):
     * such a page is scanned as a copy of its HTML in a JavaScript-on page of the same origin (no session: the copy
     * only loads the dashboard's public styles and scripts).
     */
    static void assertAccessible(Page page, String screen) {
        if (!JS_OFF.contains(page.context())) {
            assertAccessibleAsIs(page, screen);
            return;
        }
        String html = page.content();
        try (BrowserContext on = page.context().browser().newContext(
                new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page copy = on.newPage();
            copy.navigate(dashboard("/signed-out"));
            copy.setContent(html);
            assertAccessibleAsIs(copy, screen);
        }
    }

    private static void assertAccessibleAsIs(Page page, String screen) {
        AxeResults results = new AxeBuilder(page).withTags(WCAG_TAGS).analyze();
        List<String> bad = new ArrayList<>();
        for (Rule v : results.getViolations()) {
            if ("serious".equals(v.getImpact()) || "critical".equals(v.getImpact())) {
                bad.add(v.getImpact() + " " + v.getId() + ": " + v.getHelp() + " (" + v.getNodes().size() + " elements, e.g. "
                        + (v.getNodes().isEmpty() ? "" : v.getNodes().get(0).getTarget()) + ")");
            }
        }
        assertEquals(List.of(), bad, "axe found serious or critical WCAG violations on " + screen);
    }
}
