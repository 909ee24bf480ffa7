package org.pathways.systemtests;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;

/**
 * One Chromium per browser test class (a JUnit extension: {@code @RegisterExtension static final BrowserFixture
 * browsers = new BrowserFixture();}), and the browser contexts every dashboard test opens: a 1280×900 window, a 30 s
 * wait, and "Exit this page"'s neutral site answered locally (the test machine has no internet).
 */
final class BrowserFixture implements BeforeAllCallback, AfterAllCallback {

    /** Where "Exit this page" goes (the dashboard's default {@code pathways.dashboard.exit-url}). */
    static final String EXIT = "https://www.bbc.co.uk/weather";

    private Playwright pw;
    private Browser browser;

    @Override
    public void beforeAll(ExtensionContext context) {
        pw = BrowserSupport.playwright();
        browser = BrowserSupport.launch(pw);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) browser.close();
        if (pw != null) pw.close();
    }

    /** A new browser session (its own cookies), JavaScript on. */
    BrowserContext context() {
        return context(true);
    }

    /** A new browser session; {@code javaScript} false checks that the forms work without it. */
    BrowserContext context(boolean javaScript) {
        BrowserContext ctx = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)
                .setJavaScriptEnabled(javaScript));
        ctx.setDefaultTimeout(30_000);
        if (!javaScript) BrowserSupport.JS_OFF.add(ctx);
        ctx.route(EXIT + "**", r -> r.fulfill(new Route.FulfillOptions().setStatus(200)
                .setContentType("text/html").setBody("<html lang=en><title>Weather</title><h1>Weather</h1></html>")));
        return ctx;
    }
}
