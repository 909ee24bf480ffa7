package org.pathways.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.BrowserSupport.dashboard;
import static org.pathways.systemtests.BrowserSupport.screenshot;
import static org.pathways.systemtests.BrowserSupport.signIn;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * Issue 15, "keyboard-only use works on every screen": on each screen, as the person who uses it, pressing Tab reaches
 * every link, button and field in the order they stand on the page (no control skipped, none out of order, no positive
 * tabindex; a native date field's parts are one control), and each shows GOV.UK's focus style when reached (for a radio or checkbox, on its label's box). And a
 * woman is registered with the keyboard alone: Tab to "New referral", Enter; Tab to "Register her", Enter.
 */
class KeyboardBrowserTest {

    @RegisterExtension
    static final BrowserFixture browsers = new BrowserFixture();

    /** Marks every control a keyboard user must reach, in document order; answers how many. */
    private static final String MARK = """
            () => {
              const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
              const all = [...document.querySelectorAll(sel)].filter(e => !e.disabled && e.tabIndex >= 0
                  && e.checkVisibility({ visibilityProperty: true }));
              // A group of radios is one stop: Tab reaches the checked one, or the first; arrows move within it.
              const seen = new Set();
              const stops = all.filter(e => {
                if (e.type !== 'radio') return true;
                const key = (e.form ? e.form.id || 'f' : 'doc') + ':' + e.name;
                if (seen.has(key)) return false;
                seen.add(key);
                return true;
              });
              stops.forEach((e, i) => e.dataset.kb = String(i));
              return stops.length;
            }""";

    /** The focused control's mark (its radio group's first mark for a radio), and whether GOV.UK's focus style shows. */
    private static final String FOCUSED = """
            () => {
              let e = document.activeElement;
              if (!e || e === document.body) return null;
              let mark = e.dataset.kb;
              if (e.type === 'radio' && mark === undefined) {
                const first = document.querySelector('input[type=radio][name="' + e.name + '"][data-kb]');
                mark = first ? first.dataset.kb : undefined;
              }
              const s = getComputedStyle(e);
              let shown = (s.outlineStyle !== 'none' && s.outlineWidth !== '0px') || s.boxShadow !== 'none';
              if (!shown && (e.type === 'radio' || e.type === 'checkbox') && e.labels && e.labels[0]) {
                shown = getComputedStyle(e.labels[0], '::before').boxShadow !== 'none'
                    || getComputedStyle(e.labels[0], '::after').boxShadow !== 'none';
              }
              return (mark === undefined ? '?' : mark) + (shown ? '' : '!') + '|' + e.tagName + '#' + (e.id || e.name || e.textContent.trim().slice(0, 30));
            }""";

    @Test
    void tabReachesEveryControlOfEveryScreenInOrderWithAVisibleFocus() {
        Journey j = new Journey("dashboard: keyboard only");
        List<String[]> screens = List.of(
                new String[] {"crasac.coordinator1", "/work", "My work"},
                new String[] {"kairos.caseworker1", "/new", "New referral"},
                new String[] {"kairos.caseworker1", "/caseload", "My caseload"},
                new String[] {"crasac.coordinator1", "/waiting-lists", "Waiting lists"},
                new String[] {"crasac.coordinator1", "/turn-aways", "Record a turn-away"},
                new String[] {"fwt.connector1", "/board", "Connector board"},
                new String[] {"fwt.connector1", "/reports", "Reports"},
                new String[] {"fwt.privacy1", "/privacy", "Overrides and alerts"},
                new String[] {"crasac.admin1", "/directory", "Your services"},
                new String[] {null, "/self-referral", "Ask for help"});
        for (String[] s : screens) {
            j.step(s[2] + " (" + (s[0] == null ? "no sign-in" : s[0]) + "): Tab reaches every control in order", () -> {
                // JavaScript off on My work: its live updates could replace the tables between two key presses.
                try (BrowserContext ctx = browsers.context(!"/work".equals(s[1]))) {
                    Page page = ctx.newPage();
                    if (s[0] != null) signIn(page, s[0]);
                    page.navigate(dashboard(s[1]));
                    page.waitForLoadState(com.microsoft.playwright.options.LoadState.LOAD);
                    assertEquals(0, ((Number) page.evaluate("() => [...document.querySelectorAll('[tabindex]')]"
                            + ".filter(e => e.tabIndex > 0).length")).intValue(), "no positive tabindex on " + s[1]);
                    int stops = ((Number) page.evaluate(MARK)).intValue();
                    assertTrue(stops > 0, s[1]);
                    List<String> reached = new ArrayList<>();
                    // From the top of a freshly loaded page: nothing focused yet.
                    // A native date field takes a Tab per part (day, month, year): the same control again is not a new stop.
                    for (int presses = 0; reached.size() < stops && presses < stops * 4; presses++) {
                        page.keyboard().press("Tab");
                        Object f = page.evaluate(FOCUSED);
                        String r = f == null ? "null" : f.toString();
                        String last = reached.isEmpty() ? null : reached.get(reached.size() - 1);
                        if (last == null || !last.replace("!|", "|").equals(r.replace("!|", "|"))) {
                            reached.add(r);
                        } else if (!r.contains("!|")) {
                            reached.set(reached.size() - 1, r); // the focus style showed on one of its parts
                        }
                    }
                    assertEquals(stops, reached.size(), s[1] + ": Tab reached " + reached);
                    for (int i = 0; i < stops; i++) {
                        String r = reached.get(i);
                        assertTrue(r.startsWith(i + "|") || r.startsWith(i + "!|"),
                                s[1] + ": Tab " + (i + 1) + " should reach control " + i + " but reached " + r + "; all: " + reached);
                        assertTrue(!r.startsWith(i + "!|"), s[1] + ": no visible focus on " + r);
                    }
                }
            });
        }

        j.step("a woman is registered with the keyboard alone", () -> {
            try (BrowserContext ctx = browsers.context()) {
                Page page = ctx.newPage();
                signIn(page, "kairos.caseworker1");
                page.navigate(dashboard("/work"));
                page.waitForLoadState(com.microsoft.playwright.options.LoadState.LOAD);
                tabTo(page, "New referral");
                page.keyboard().press("Enter");
                page.waitForURL("**/new");
                tabTo(page, "Register her");
                page.keyboard().press("Enter");
                // Her case page, registered ("done" banner); her reference is sealed in the address, never her id.
                page.waitForSelector("#done-title");
                assertTrue(page.url().matches(".*/new/[A-Za-z0-9_-]{20,}(\\?.*)?$"), page.url());
                screenshot(page, "26-keyboard-registered");
            }
        });
    }

    /** Presses Tab until the focused control's text starts with {@code text} (at most 60 times). */
    private static void tabTo(Page page, String text) {
        for (int i = 0; i < 60; i++) {
            page.keyboard().press("Tab");
            Object t = page.evaluate("() => document.activeElement ? document.activeElement.textContent.trim() : ''");
            if (t != null && t.toString().startsWith(text)) return;
        }
        throw new AssertionError("Tab never reached \"" + text + "\"");
    }
}
