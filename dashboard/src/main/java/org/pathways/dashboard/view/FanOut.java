package org.pathways.dashboard.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.pathways.contracts.vocab.Roles;

/**
 * The Partnership Connector's fan-out (issue 15, screen 4; ADR 0093): a taken-up referral to her Connector service
 * split into child referrals, one per service chosen, each for the needs she chose that service for. Pure: unit-tested
 * in {@code FanOutTest}.
 */
public final class FanOut {

    /** At most this many children are named in the address after a split (ids only). */
    public static final int MAX_CHILDREN = 20;

    /** One child referral to send: a service and the parent's needs it is for, in the parent's order. */
    public record Child(String serviceId, List<String> needs) {
    }

    private FanOut() {
    }

    /** The form field of one need's choice of service (radios; the first radio's id too). */
    public static String field(String need) {
        return "service-" + need;
    }

    /**
     * Whether the signed-in user may split the referral: the connector role, her organisation received it, it is to a
     * Connector service, and it is taken up (ACCEPTED, ON_HOLD, IN_PROGRESS) — what referral-service checks too.
     */
    public static boolean maySplit(Set<String> roles, String state, boolean received, boolean connectorService) {
        return roles.contains(Roles.CONNECTOR) && received && connectorService && Board.TAKEN_UP.contains(state);
    }

    /**
     * The children to send from the chosen service per need ({@code need -> service id}; blank or not a UUID = not
     * now): needs for the same service go in one child, children in the order of their first need.
     */
    public static List<Child> children(List<String> parentNeeds, Map<String, String> serviceByNeed) {
        Map<String, List<String>> byService = new LinkedHashMap<>();
        for (String need : parentNeeds) {
            String service = uuid(serviceByNeed.get(need));
            if (service == null) continue;
            byService.computeIfAbsent(service, s -> new ArrayList<>()).add(need);
        }
        List<Child> out = new ArrayList<>();
        byService.forEach((service, needs) -> out.add(new Child(service, List.copyOf(needs))));
        return out;
    }

    /** The child ids of a split from the address ({@code ?children=a,b}): UUIDs only, at most {@link #MAX_CHILDREN}. */
    public static List<String> ids(String param) {
        List<String> out = new ArrayList<>();
        if (param == null) return out;
        for (String s : param.split(",")) {
            String id = uuid(s.strip());
            if (id != null && !out.contains(id) && out.size() < MAX_CHILDREN) out.add(id);
        }
        return out;
    }

    /**
     * The section a refusal of consent names: referral-service's {@code consent-not-covering} errors start with the
     * section's code ("STORY is not …").
     */
    public static String uncoveredSection(String message) {
        return message == null ? "" : message.strip().split(" ", 2)[0];
    }

    private static String uuid(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return UUID.fromString(s.strip()).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
