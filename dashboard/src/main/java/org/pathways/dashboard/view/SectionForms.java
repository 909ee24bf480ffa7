package org.pathways.dashboard.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pathways.contracts.vocab.CoventryNeedScale;
import org.pathways.contracts.vocab.NeedCode;

import io.quarkus.qute.TemplateData;

/**
 * The New referral screen's section forms (ADR 0052): each section of her summary as plain form fields named by their
 * JSON path in referral-service's typed section ({@code needs[0].inHerWords}), the form's answer turned into that JSON
 * and back, and a field the service names in {@code errors[].field} turned into the id of its input. Her words go in
 * and out exactly as written (no trimming inside, no reformatting). Pure: unit-tested in {@code SectionFormsTest}.
 */
public final class SectionForms {

    public enum Kind { TEXT, TEXTAREA, DATE, YESNO, RADIOS, CHECKBOXES, SELECT, LINES }

    @TemplateData
    public record Option(String value, String label) {
    }

    @TemplateData
    public record Field(String path, String label, String hint, Kind kind, List<Option> options, boolean herWords) {
        /** The input's id and name: the path with [i] and dots as dashes (needs[0].code -> needs-0-code). */
        public String id() {
            return idOf(path);
        }

        public boolean isText() { return kind == Kind.TEXT; }
        public boolean isTextarea() { return kind == Kind.TEXTAREA || kind == Kind.LINES; }
        public boolean isDate() { return kind == Kind.DATE; }
        public boolean isYesNo() { return kind == Kind.YESNO; }
        public boolean isRadios() { return kind == Kind.RADIOS; }
        public boolean isCheckboxes() { return kind == Kind.CHECKBOXES; }
        public boolean isSelect() { return kind == Kind.SELECT; }
    }

    /** The categories with a form in this slice, in the order the task list shows them. */
    public static final List<String> CATEGORIES = List.of("NEEDS", "SAFE_CONTACT", "COMMUNICATION", "STORY", "IDENTITY");

    static final int NEED_ROWS = 3;

    /** The Coventry scale (contracts {@code CoventryNeedScale}) in plain words; blank = not recorded. */
    static final List<Option> SCALE_OPTIONS = scaleOptions();

    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private SectionForms() {
    }

    public static boolean hasForm(String category) {
        return CATEGORIES.contains(category);
    }

    public static String idOf(String path) {
        return INDEX.matcher(path).replaceAll("-$1").replace('.', '-');
    }

    public static String title(String category) {
        return switch (category) {
            case "NEEDS" -> "Her needs";
            case "SAFE_CONTACT" -> "Safe contact";
            case "COMMUNICATION" -> "Language and communication";
            case "STORY" -> "Her story";
            case "IDENTITY" -> "Who she is";
            default -> Labels.code(category);
        };
    }

    public static List<Field> fields(String category, int needRows) {
        List<Option> yesNo = List.of();
        return switch (category) {
            case "IDENTITY" -> List.of(
                    new Field("name", "Her name", "As she gives it", Kind.TEXT, yesNo, true),
                    new Field("otherNames", "Other names (optional)", "One a line", Kind.LINES, yesNo, true),
                    new Field("dateOfBirth", "Date of birth (optional)", "For example, 1990-03-27", Kind.DATE, yesNo, false),
                    new Field("pronouns", "Pronouns (optional)", null, Kind.TEXT, yesNo, true));
            case "NEEDS" -> {
                List<Field> out = new ArrayList<>();
                for (int i = 0; i < needRows; i++) {
                    int n = i + 1;
                    out.add(new Field("needs[" + i + "].code", "Need " + n + (i == 0 ? "" : " (optional)"), null, Kind.SELECT, needOptions(), false));
                    out.add(new Field("needs[" + i + "].inHerWords", "Need " + n + " in her words (optional)", "Write what she said, as she said it",
                            Kind.TEXTAREA, yesNo, true));
                    out.add(new Field("needs[" + i + "].status", "Need " + n + " status", null, Kind.SELECT, options(
                            "IDENTIFIED", "REFERRED", "IN_SUPPORT", "MET", "PARTLY_MET", "NOT_MET", "NO_LONGER_NEEDED"), false));
                    // Issue 17's Coventry scale (ADR 0066): a completed referral sets it; a form without it would save
                    // the section without it and lose where she stands.
                    out.add(new Field("needs[" + i + "].scale", "Need " + n + ": where she stands (optional)",
                            "On the Coventry scale", Kind.SELECT, SCALE_OPTIONS, false));
                }
                yield out;
            }
            case "SAFE_CONTACT" -> List.of(
                    new Field("doNotContact", "Must nobody contact her directly?", "Yes: receiving services see DO NOT CONTACT", Kind.YESNO, yesNo, false),
                    new Field("contactViaNamedWorkerOnly", "Only through you, as her named worker?",
                            "Yes: others contact her only through you", Kind.YESNO, yesNo, false),
                    new Field("safeMethods", "Safe ways to contact her (optional)", "Select all that apply", Kind.CHECKBOXES,
                            List.of(new Option("PHONE_CALL", "Phone call"), new Option("SMS", "Text message (SMS)"), new Option("EMAIL", "Email"),
                                    new Option("POST", "Post"), new Option("IN_PERSON", "In person"), new Option("VIA_WORKER", "Through her worker")), false),
                    new Field("safeTimes", "Safe times (optional)", "For example, weekday mornings", Kind.TEXTAREA, yesNo, true),
                    new Field("messageMayBeLeft", "May a message be left? (optional)", null, Kind.YESNO, yesNo, false),
                    new Field("instructions", "Instructions for anyone contacting her (optional)", null, Kind.TEXTAREA, yesNo, true));
            case "COMMUNICATION" -> List.of(
                    new Field("preferredLanguage", "Preferred language (optional)", "A language code, for example en, pa (Punjabi), ur (Urdu)",
                            Kind.TEXT, yesNo, false),
                    new Field("interpreterNeeded", "Does she need an interpreter? (optional)", null, Kind.YESNO, yesNo, false),
                    new Field("interpreterGender", "Interpreter (optional)", null, Kind.RADIOS, List.of(new Option("FEMALE", "A woman"),
                            new Option("MALE", "A man"), new Option("NO_PREFERENCE", "No preference")), false),
                    new Field("bsl", "British Sign Language? (optional)", null, Kind.YESNO, yesNo, false),
                    new Field("literacy", "Reading and writing (optional)", null, Kind.TEXTAREA, yesNo, true),
                    new Field("accessibility", "Accessibility needs (optional)", null, Kind.TEXTAREA, yesNo, true));
            case "STORY" -> List.of(
                    new Field("text", "Her story, in her words", "Write it as she told it: she should not have to tell it again",
                            Kind.TEXTAREA, yesNo, true),
                    new Field("language", "Language it was told in (optional)", "A language code, for example en", Kind.TEXT, yesNo, false),
                    new Field("recordedWithInterpreter", "Told through an interpreter? (optional)", null, Kind.YESNO, yesNo, false));
            default -> List.of();
        };
    }

    /** How many need rows the NEEDS form shows: one more than she has, at least three. */
    public static int needRows(Map<String, Object> content) {
        Object needs = content.get("needs");
        int have = needs instanceof List<?> l ? l.size() : 0;
        return Math.max(NEED_ROWS, have + 1);
    }

    /**
     * The section's JSON from the form: blank fields left out, yes/no as booleans, checkboxes and lines as lists. Text
     * is kept as typed, only line endings normalised by the browser. SAFE_CONTACT's named worker is the signed-in user.
     */
    public static Map<String, Object> toContent(String category, Map<String, List<String>> form, String userId) {
        Map<String, Object> out = new LinkedHashMap<>();
        int rows = category.equals("NEEDS") ? rowsIn(form) : 0;
        for (Field f : fields(category, rows)) {
            List<String> values = form.getOrDefault(f.id(), List.of());
            Object v = switch (f.kind()) {
                case CHECKBOXES -> values.stream().filter(s -> !s.isBlank()).toList();
                case LINES -> values.isEmpty() ? List.of()
                        : Arrays.stream(values.get(0).split("\\r?\\n")).filter(s -> !s.isBlank()).toList();
                case YESNO -> values.isEmpty() || values.get(0).isBlank() ? null : "yes".equals(values.get(0));
                default -> values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
            };
            if (v == null || (v instanceof List<?> l && l.isEmpty())) continue;
            put(out, f.path(), v);
        }
        if (category.equals("NEEDS")) {
            // Rows left empty are not needs; a status alone (the select's default) is not one either.
            List<Object> needs = new ArrayList<>();
            for (Object row : out.get("needs") instanceof List<?> l ? l : List.of()) {
                if (row instanceof Map<?, ?> m && (m.get("code") != null || m.get("inHerWords") != null)) needs.add(m);
            }
            out.put("needs", needs);
        }
        if (category.equals("SAFE_CONTACT") && Boolean.TRUE.equals(out.get("contactViaNamedWorkerOnly"))) {
            out.put("namedWorkerId", userId);
        }
        return out;
    }

    /** The form's values from the section's JSON (for editing): id -> list of values (yes/no as "yes"/"no"). */
    public static Map<String, List<String>> toForm(String category, Map<String, Object> content) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Field f : fields(category, category.equals("NEEDS") ? needRows(content) : 0)) {
            Object v = get(content, f.path());
            if (v == null) continue;
            List<String> values = switch (f.kind()) {
                case CHECKBOXES -> v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(v));
                case LINES -> List.of(v instanceof List<?> l ? String.join("\n", l.stream().map(String::valueOf).toList()) : String.valueOf(v));
                case YESNO -> List.of(Boolean.TRUE.equals(v) ? "yes" : "no");
                default -> List.of(String.valueOf(v));
            };
            out.put(f.id(), values);
        }
        return out;
    }

    /** The id of the input a service's {@code errors[].field} names, or null when the form has none for it. */
    public static String inputFor(String category, String field, int needRows) {
        if (field == null) return null;
        String id = idOf(field.startsWith("content.") ? field.substring(8) : field);
        for (Field f : fields(category, needRows)) {
            if (f.id().equals(id)) return id;
        }
        if (id.equals("needs")) return "needs-0-code";
        if (id.equals("namedWorkerId")) return "contactViaNamedWorkerOnly";
        return null;
    }

    public static String labelFor(String category, String inputId, int needRows) {
        for (Field f : fields(category, needRows)) {
            if (f.id().equals(inputId)) return f.label().replace(" (optional)", "");
        }
        return null;
    }

    private static int rowsIn(Map<String, List<String>> form) {
        int max = -1;
        Pattern p = Pattern.compile("needs-(\\d+)-.*");
        for (String k : form.keySet()) {
            Matcher m = p.matcher(k);
            if (m.matches() && m.group(1).length() < 3) max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return Math.min(50, max + 1);
    }

    private static List<Option> options(String... codes) {
        return Arrays.stream(codes).map(c -> new Option(c, Labels.code(c))).toList();
    }

    private static List<Option> scaleOptions() {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", "Not recorded"));
        for (CoventryNeedScale s : CoventryNeedScale.values()) out.add(new Option(s.code(), Labels.scale(s.code())));
        return List.copyOf(out);
    }

    private static List<Option> needOptions() {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", "Choose a need"));
        for (NeedCode n : NeedCode.values()) {
            out.add(new Option(n.code(), n.parent() == null ? n.label() : n.parent().label() + ": " + n.label()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String path, Object value) {
        String[] parts = path.split("\\.");
        Object cur = root;
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            Matcher m = Pattern.compile("(\\w+)\\[(\\d+)]").matcher(parts[i]);
            Map<String, Object> map = (Map<String, Object>) cur;
            if (m.matches()) {
                List<Object> list = (List<Object>) map.computeIfAbsent(m.group(1), k -> new ArrayList<>());
                int idx = Integer.parseInt(m.group(2));
                while (list.size() <= idx) list.add(new LinkedHashMap<String, Object>());
                if (last) list.set(idx, value);
                else cur = list.get(idx);
            } else if (last) {
                map.put(parts[i], value);
            } else {
                cur = map.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
            }
        }
    }

    private static Object get(Object root, String path) {
        Object cur = root;
        for (String part : path.split("\\.")) {
            Matcher m = Pattern.compile("(\\w+)\\[(\\d+)]").matcher(part);
            if (!(cur instanceof Map<?, ?> map)) return null;
            if (m.matches()) {
                Object l = map.get(m.group(1));
                int idx = Integer.parseInt(m.group(2));
                if (!(l instanceof List<?> list) || list.size() <= idx) return null;
                cur = list.get(idx);
            } else {
                cur = map.get(part);
            }
        }
        return cur;
    }
}
