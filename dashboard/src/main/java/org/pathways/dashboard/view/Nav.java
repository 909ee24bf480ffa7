package org.pathways.dashboard.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.pathways.contracts.vocab.Roles;

import io.quarkus.qute.TemplateData;

/**
 * The navigation: only the screens the user's roles may use (the services would refuse the rest anyway). Pure:
 * unit-tested in {@code NavTest}. Screens of issue 15 not built yet are not listed.
 */
public final class Nav {

    @TemplateData
    public record Item(String key, String label, String href) {
    }

    /**
     * A navigation link as the page shows it: {@code current} is {@code "page"} on the item's own page, {@code "true"}
     * on a page below it (GOV.UK service navigation: {@code aria-current} and the active class), otherwise null.
     */
    @TemplateData
    public record Link(Item item, String current) {
    }

    public static final Item MY_WORK = new Item("work", "My work", "/work");
    public static final Item NEW_REFERRAL = new Item("new", "New referral", "/new");
    public static final Item CASELOAD = new Item("caseload", "My caseload", "/caseload");
    public static final Item WAITING = new Item("waiting", "Waiting lists", "/waiting-lists");
    public static final Item TURN_AWAYS = new Item("turn-aways", "Turn-aways", "/turn-aways");
    public static final Item BOARD = new Item("board", "Connector board", "/board");
    public static final Item REPORTS = new Item("reports", "Reports", "/reports");
    public static final Item PRIVACY = new Item("privacy", "Overrides and alerts", "/privacy");
    public static final Item DIRECTORY = new Item("directory", "Your services", "/directory");

    private static final Set<String> CASE_ROLES = Set.of(Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR);

    private Nav() {
    }

    public static boolean mayUseCases(Set<String> roles) {
        return roles.stream().anyMatch(CASE_ROLES::contains);
    }

    /** The Connector board: the Partnership Connector only (the connector API refuses everyone else). */
    public static boolean mayUseBoard(Set<String> roles) {
        return roles.contains(Roles.CONNECTOR);
    }

    /** Reports: the roles referral-service's reports API admits (others get its 403). */
    public static boolean mayUseReports(Set<String> roles) {
        return roles.contains(Roles.CONNECTOR) || roles.contains(Roles.PARTNERSHIP_ADMIN) || roles.contains(Roles.EVALUATOR);
    }

    /** The privacy officer's screens: overrides awaiting approval, alerts (ADR 0068). */
    /** Directory admin (screen 7): organisation admins only, as directory-service's writes are (ADR 0090). */
    public static boolean mayAdminDirectory(Set<String> roles) {
        return roles.contains(Roles.ORG_ADMIN);
    }

    public static boolean mayUsePrivacy(Set<String> roles) {
        return roles.contains(Roles.PRIVACY_OFFICER);
    }

    /** The navigation for these roles on the page at {@code path}, the current entry marked. */
    public static List<Link> links(Set<String> roles, String path) {
        return items(roles).stream().map(i -> new Link(i, current(i, path))).toList();
    }

    /** "page" where {@code path} is the item's own page, "true" below it ({@code /new/…} under New referral), else null. */
    public static String current(Item item, String path) {
        if (path == null) return null;
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (p.equals(item.href())) return "page";
        return p.startsWith(item.href() + "/") ? "true" : null;
    }

    public static List<Item> items(Set<String> roles) {
        List<Item> out = new ArrayList<>();
        if (mayUseCases(roles)) {
            out.add(MY_WORK);
            out.add(NEW_REFERRAL);
            out.add(CASELOAD);
            out.add(WAITING);
            out.add(TURN_AWAYS); // referral-service admits the same three roles to record one
        }
        if (mayUseBoard(roles)) out.add(BOARD);
        if (mayUseReports(roles)) out.add(REPORTS);
        if (mayUsePrivacy(roles)) out.add(PRIVACY);
        if (mayAdminDirectory(roles)) out.add(DIRECTORY);
        return out;
    }
}
