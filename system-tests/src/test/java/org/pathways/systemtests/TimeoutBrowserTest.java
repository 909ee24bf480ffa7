package org.pathways.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.BrowserSupport.assertAccessible;
import static org.pathways.systemtests.BrowserSupport.dashboard;
import static org.pathways.systemtests.BrowserSupport.screenshot;
import static org.pathways.systemtests.BrowserSupport.signIn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.pathways.stack.testing.StackInfo;

/**
 * Issue 15, "session timeout with warning" (GOV.UK's timeout warning pattern, ADR 0059), in a real browser with the
 * page's clock moved forward (Playwright's clock) instead of waiting twenty minutes: two minutes before the end the
 * warning dialog opens with "Stay signed in" focused; staying asks the server and closes it; doing nothing signs out,
 * ending the Keycloak session too. axe with the dialog open; screenshot 50-….
 */
class TimeoutBrowserTest {

    @RegisterExtension
    static final BrowserFixture browsers = new BrowserFixture();

    @Test
    void aWarningBeforeTheSessionEndsStayingKeepsItDoingNothingSignsOut() {
        Journey j = new Journey("dashboard: session timeout with warning");
        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            page.clock().install();
            j.step("signed in, on a page without live updates", () -> {
                signIn(page, "kairos.caseworker1");
                page.navigate(dashboard("/new"));
                page.waitForFunction("() => document.body.dataset.dashboardReady === 'true'");
                assertEquals("1200", page.getAttribute("body", "data-session-timeout"), "twenty minutes by default");
                assertTrue(!page.isVisible("#timeout-warning"), "no warning yet");
            });
            j.step("eighteen minutes later the warning opens, 'Stay signed in' focused, and passes axe", () -> {
                page.clock().fastForward("18:05");
                page.waitForSelector("#timeout-warning[open]");
                assertTrue(page.textContent("#timeout-countdown").contains("minute"), page.textContent("#timeout-countdown"));
                assertEquals("timeout-stay", page.evaluate("() => document.activeElement.id"));
                screenshot(page, "50-timeout-warning");
                assertAccessible(page, "Session timeout warning");
            });
            j.step("'Stay signed in' asks the server and closes the warning", () -> {
                Response keepAlive = page.waitForResponse(r -> r.url().endsWith("/session/keep-alive"), () -> page.click("#timeout-stay"));
                assertEquals(204, keepAlive.status());
                page.waitForSelector("#timeout-warning", new Page.WaitForSelectorOptions()
                        .setState(com.microsoft.playwright.options.WaitForSelectorState.HIDDEN));
            });
            j.step("doing nothing for twenty minutes signs out, and Keycloak's session ends too", () -> {
                page.clock().fastForward("18:05");
                page.waitForSelector("#timeout-warning[open]");
                page.clock().fastForward("02:05");
                page.waitForURL(url -> url.startsWith(dashboard("/signed-out")));
                page.navigate(dashboard("/work"));
                page.waitForURL(url -> url.startsWith(StackInfo.get("keycloak.url")));
                assertTrue(page.isVisible("#password"), "signed out: Keycloak asks for the password again");
            });
        }
    }
}
