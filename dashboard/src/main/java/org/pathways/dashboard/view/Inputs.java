package org.pathways.dashboard.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.qute.TemplateData;

/**
 * Form inputs as the shared template {@code fields.html} renders them (GOV.UK text input, textarea, date, radios,
 * checkboxes, select, each with its error message): built from a form's fields, its current values and its errors.
 */
public final class Inputs {

    @TemplateData
    public record Choice(String id, String value, String label, boolean checked) {
    }

    @TemplateData
    public record Input(String id, String label, String hint, String kind, String value, List<Choice> choices, boolean herWords,
            String error, String opens, boolean closes) {
        public Input(String id, String label, String hint, String kind, String value, List<Choice> choices, boolean herWords,
                String error) {
            this(id, label, hint, kind, value, choices, herWords, error, null, false);
        }

        /** The legend of the group (fieldset) this input opens, or null; {@link #closes} ends the group after it. */
        public boolean hasOpens() { return opens != null && !opens.isEmpty(); }
        public boolean isNumber() { return kind.equals("NUMBER"); }
        public boolean isText() { return kind.equals("TEXT"); }
        public boolean isTextarea() { return kind.equals("TEXTAREA"); }
        public boolean isDate() { return kind.equals("DATE"); }
        public boolean isRadios() { return kind.equals("RADIOS"); }
        public boolean isCheckboxes() { return kind.equals("CHECKBOXES"); }
        public boolean isSelect() { return kind.equals("SELECT"); }
        public boolean hasHint() { return hint != null && !hint.isEmpty(); }
        public boolean hasError() { return error != null && !error.isEmpty(); }
        public String describedBy() {
            String d = (hasHint() ? id + "-hint " : "") + (hasError() ? id + "-error" : "");
            return d.strip();
        }
    }

    private Inputs() {
    }

    public static List<SectionForms.Option> yesNo() {
        return List.of(new SectionForms.Option("yes", "Yes"), new SectionForms.Option("no", "No"));
    }

    /** One input: kind TEXT, TEXTAREA, DATE (a value) or RADIOS, CHECKBOXES, SELECT (choices, the values checked). */
    public static Input of(String id, String label, String hint, String kind, List<SectionForms.Option> options, List<String> values,
            boolean herWords, Map<String, String> errors) {
        List<String> v = values == null ? List.of() : values;
        List<Choice> choices = new ArrayList<>();
        int n = 0;
        for (SectionForms.Option o : options) {
            // The first choice carries the input's own id, so the error summary's link lands on it (GOV.UK pattern).
            String cid = n++ == 0 ? id : id + "-" + (o.value().isEmpty() ? "none" : o.value().replaceAll("[^A-Za-z0-9_-]", "_"));
            choices.add(new Choice(cid, o.value(), o.label(), v.contains(o.value())));
        }
        return new Input(id, label, hint, kind, v.isEmpty() ? "" : v.get(0), choices, herWords, errors == null ? null : errors.get(id));
    }

    /** The inputs of a section's form. */
    public static List<Input> section(String category, int needRows, Map<String, List<String>> values, Map<String, String> errors) {
        List<Input> out = new ArrayList<>();
        List<SectionForms.Field> fields = SectionForms.fields(category, needRows);
        for (int n = 0; n < fields.size(); n++) {
            SectionForms.Field f = fields.get(n);
            String group = f.group();
            String before = n == 0 ? null : fields.get(n - 1).group();
            String after = n == fields.size() - 1 ? null : fields.get(n + 1).group();
            String kind = switch (f.kind()) {
                case LINES, TEXTAREA -> "TEXTAREA";
                case YESNO -> "RADIOS";
                default -> f.kind().name();
            };
            List<SectionForms.Option> options = f.kind() == SectionForms.Kind.YESNO ? yesNo() : f.options();
            Input i = of(f.id(), f.label(), f.hint(), kind, options, values.get(f.id()), f.herWords(), errors);
            boolean opens = group != null && !group.equals(before);
            boolean closes = group != null && !group.equals(after);
            out.add(new Input(i.id(), i.label(), i.hint(), i.kind(), i.value(), i.choices(), i.herWords(), i.error(),
                    opens ? group : null, closes));
        }
        return out;
    }
}
