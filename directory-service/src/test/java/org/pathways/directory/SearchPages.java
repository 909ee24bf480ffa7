package org.pathways.directory;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading pages of the staff search ({@code GET /api/search}) in tests. */
final class SearchPages {

    private SearchPages() {
    }

    /** The service ids of a page, in ranked order. */
    static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("contents").forEach(s -> out.add(s.get("id").asText()));
        return out;
    }
}
