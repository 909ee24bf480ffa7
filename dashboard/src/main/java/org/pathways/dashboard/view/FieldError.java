package org.pathways.dashboard.view;

import io.quarkus.qute.TemplateData;

/** One entry of a page's error summary: the input it links to (its id; empty: the form as a whole) and what to do. */
@TemplateData
public record FieldError(String field, String message) {
    public String href() {
        return field == null || field.isEmpty() ? "#main-content" : "#" + field;
    }
}
