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

    /**
     * How a field is entered. NUMBER is a whole number (sent as a JSON number when it is one, otherwise as typed, for
     * the service to refuse at the field). A field's {@code group} puts it in a fieldset with that legend: a fixed group
     * (IMMIGRATION's three monitoring records) or one row of a repeatable group (a child, a goal: the form shows a fixed
     * number of blank rows, so "add another" needs no JavaScript: save, and the form opens with one more blank row).
     */
    public enum Kind { TEXT, TEXTAREA, DATE, YESNO, RADIOS, CHECKBOXES, SELECT, LINES, NUMBER }

    @TemplateData
    public record Option(String value, String label) {
    }

    @TemplateData
    public record Field(String path, String label, String hint, Kind kind, List<Option> options, boolean herWords, String group) {
        public Field(String path, String label, String hint, Kind kind, List<Option> options, boolean herWords) {
            this(path, label, hint, kind, options, herWords, null);
        }

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

    /** The categories with a form: all twelve, in the order the task list shows them (contracts {@code DataCategory}). */
    public static final List<String> CATEGORIES = java.util.Arrays.stream(org.pathways.contracts.vocab.DataCategory.values())
            .map(org.pathways.contracts.vocab.DataCategory::code).toList();

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
            case "RISK" -> "Risk and safeguarding";
            case "CHILDREN" -> "Her children";
            case "IMMIGRATION" -> "Immigration";
            case "HEALTH" -> "Health";
            case "HOUSING" -> "Housing";
            case "MONEY" -> "Money";
            case "GOALS" -> "Her goals";
            default -> Labels.code(category);
        };
    }

    public static List<Field> fields(String category, int rows) {
        List<Option> yesNo = List.of();
        return switch (category) {
            case "IDENTITY" -> List.of(
                    new Field("name", "Her name", "As she gives it", Kind.TEXT, yesNo, true),
                    new Field("otherNames", "Other names (optional)", "One a line", Kind.LINES, yesNo, true),
                    new Field("dateOfBirth", "Date of birth (optional)", "For example, 1990-03-27", Kind.DATE, yesNo, false),
                    new Field("pronouns", "Pronouns (optional)", null, Kind.TEXT, yesNo, true));
            case "NEEDS" -> {
                List<Field> out = new ArrayList<>();
                for (int i = 0; i < rows; i++) {
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
            case "RISK" -> List.of(
                    new Field("level", "Risk level (optional)", "From the risk assessment", Kind.RADIOS, List.of(
                            new Option("STANDARD", "Standard"), new Option("MEDIUM", "Medium"), new Option("HIGH", "High")), false),
                    new Field("assessmentTool", "Assessment used (optional)", "For example, DASH RIC", Kind.TEXT, yesNo, false),
                    new Field("assessedOn", "Date of the assessment (optional)", "For example, 2026-03-27", Kind.DATE, yesNo, false),
                    new Field("maracInvolved", "Is MARAC involved? (optional)", "The multi-agency risk assessment conference",
                            Kind.YESNO, yesNo, false),
                    new Field("safeguardingFlags", "Safeguarding concerns (optional)", "One a line, up to 20", Kind.LINES, yesNo, false),
                    new Field("notes", "Notes on risk (optional)", null, Kind.TEXTAREA, yesNo, true));
            case "CHILDREN" -> {
                List<Field> out = new ArrayList<>();
                for (int i = 0; i < rows; i++) {
                    String g = "Child " + (i + 1) + " (optional)";
                    out.add(new Field("children[" + i + "].ageYears", "Child " + (i + 1) + ": age in years", "In whole years, 0 to 25. Leave blank if not known",
                            Kind.NUMBER, yesNo, false, g));
                    out.add(new Field("children[" + i + "].livesWith", "Child " + (i + 1) + ": who the child lives with",
                            "For example, with her, with their father", Kind.TEXT, yesNo, true, g));
                    out.add(new Field("children[" + i + "].notes", "Child " + (i + 1) + ": notes", null, Kind.TEXTAREA, yesNo, true, g));
                }
                out.add(new Field("agenciesInvolved", "Agencies involved with the children (optional)",
                        "For example, children's social care, the school, a health visitor", Kind.TEXTAREA, yesNo, true));
                out.add(new Field("notes", "Notes about her children (optional)", null, Kind.TEXTAREA, yesNo, true));
                yield out;
            }
            case "IMMIGRATION" -> {
                List<Field> out = new ArrayList<>();
                out.add(new Field("status", "Her immigration status, in your words (optional)", null, Kind.TEXT, yesNo, true));
                out.add(new Field("noRecourseToPublicFunds", "Does she have no recourse to public funds (NRPF)? (optional)", null,
                        Kind.YESNO, yesNo, false));
                out.add(new Field("ddvcEligible",
                        "Could she apply under the Migrant Victims of Domestic Abuse Concession (DDVC)? (optional)", null, Kind.YESNO,
                        yesNo, false));
                out.add(new Field("applicationsInProgress", "Applications in progress (optional)", "Select all that apply",
                        Kind.CHECKBOXES, APPLICATIONS, false));
                for (String[] stage : STAGES) {
                    String g = stage[1] + " (optional)";
                    out.add(new Field(stage[0] + ".status", stage[1] + ": status, as confirmed", null, Kind.SELECT,
                            IMMIGRATION_STATUS_OPTIONS, false, g));
                    out.add(new Field(stage[0] + ".visa", stage[1] + ": visa, as confirmed", null, Kind.SELECT, VISA_OPTIONS, false, g));
                    out.add(new Field(stage[0] + ".statusSheBelieves", stage[1] + ": status, as she believes it", null, Kind.SELECT,
                            IMMIGRATION_STATUS_OPTIONS, false, g));
                    out.add(new Field(stage[0] + ".visaSheBelieves", stage[1] + ": visa, as she believes it", null, Kind.SELECT,
                            VISA_OPTIONS, false, g));
                }
                out.add(new Field("confirmedBy", "What confirmed her status (optional)", "Select all that apply, up to 10",
                        Kind.CHECKBOXES, DOCUMENTS, false));
                out.add(new Field("routeOfEntry", "How she came to the UK (optional)", null, Kind.SELECT, ROUTE_OPTIONS, false));
                out.add(new Field("notes", "Notes on immigration (optional)", null, Kind.TEXTAREA, yesNo, true));
                yield out;
            }
            case "HEALTH" -> List.of(
                    new Field("mentalHealth", "Mental health (optional)", null, Kind.TEXTAREA, yesNo, true),
                    new Field("physicalHealth", "Physical health (optional)", null, Kind.TEXTAREA, yesNo, true),
                    new Field("disability", "Disability (optional)", null, Kind.TEXTAREA, yesNo, true),
                    new Field("substanceUse", "Alcohol or drug use (optional)", null, Kind.TEXTAREA, yesNo, true));
            case "HOUSING" -> List.of(
                    new Field("current", "Where she lives now (optional)", "For example, private rented flat with the children",
                            Kind.TEXTAREA, yesNo, true),
                    new Field("safe", "Is it safe for her to stay there? (optional)", null, Kind.YESNO, yesNo, false),
                    new Field("refugeNeeded", "Does she need a refuge space? (optional)", null, Kind.YESNO, yesNo, false),
                    new Field("notes", "Notes on housing (optional)", null, Kind.TEXTAREA, yesNo, true));
            case "MONEY" -> List.of(
                    new Field("income", "Income (optional)", "Work or other money coming in", Kind.TEXTAREA, yesNo, true),
                    new Field("benefits", "Benefits (optional)", "For example, Universal Credit", Kind.TEXTAREA, yesNo, true),
                    new Field("debt", "Debt (optional)", "Including debt in her name that she did not agree to", Kind.TEXTAREA, yesNo, true),
                    new Field("inHardship", "Is she in hardship now? (optional)", "For example, no money for food or travel", Kind.YESNO,
                            yesNo, false),
                    new Field("notes", "Notes on money (optional)", null, Kind.TEXTAREA, yesNo, true));
            case "GOALS" -> {
                List<Field> out = new ArrayList<>();
                for (int i = 0; i < rows; i++) {
                    int n = i + 1;
                    String g = "Goal " + n + (i == 0 ? "" : " (optional)");
                    out.add(new Field("goals[" + i + "].goal", "Goal " + n + ": what she wants to change",
                            i == 0 ? "In her words. At least one goal" : "In her words", Kind.TEXTAREA, yesNo, true, g));
                    out.add(new Field("goals[" + i + "].by", "Goal " + n + ": by when (optional)", "For example, 2026-09-01", Kind.DATE,
                            yesNo, false, g));
                }
                yield out;
            }
            default -> List.of();
        };
    }

    /** How many need rows the NEEDS form shows: one more than she has, at least three. */
    public static int needRows(Map<String, Object> content) {
        return rows("NEEDS", content);
    }

    /**
     * How many rows a repeatable group's form shows (NEEDS, CHILDREN, GOALS): one more than she has, at least three, at
     * most the section's limit; 0 for a section without one.
     */
    public static int rows(String category, Map<String, Object> content) {
        Repeat r = REPEATS.get(category);
        if (r == null) return 0;
        Object list = content.get(r.list());
        int have = list instanceof List<?> l ? l.size() : 0;
        return Math.min(r.limit(), Math.max(NEED_ROWS, have + 1));
    }

    /** How many rows of a repeatable group a posted form has (its highest row number + 1, at most the limit). */
    public static int rowsIn(String category, Map<String, List<String>> form) {
        Repeat r = REPEATS.get(category);
        if (r == null) return 0;
        int max = -1;
        Pattern p = Pattern.compile(Pattern.quote(r.list()) + "-(\\d+)-.*");
        for (String k : form.keySet()) {
            Matcher m = p.matcher(k);
            if (m.matches() && m.group(1).length() < 3) max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return Math.min(r.limit(), max + 1);
    }

    /**
     * The posted form with a repeatable group's blank rows left out and the others numbered from 0, so row i of the form
     * is item i of the JSON and a field the service names lands on the row she filled. Other fields as posted.
     */
    public static Map<String, List<String>> compact(String category, Map<String, List<String>> form) {
        Repeat r = REPEATS.get(category);
        if (r == null) return form;
        int rows = rowsIn(category, form);
        Map<String, List<String>> out = new LinkedHashMap<>();
        String prefix = r.list() + "-";
        form.forEach((k, v) -> {
            if (!k.startsWith(prefix)) out.put(k, v);
        });
        int next = 0;
        for (int i = 0; i < rows; i++) {
            boolean filled = false;
            for (String key : r.significant()) {
                List<String> v = form.get(prefix + i + "-" + key);
                if (v != null && v.stream().anyMatch(x -> !x.isBlank())) filled = true;
            }
            if (!filled) continue;
            for (Map.Entry<String, List<String>> e : form.entrySet()) {
                String rowPrefix = prefix + i + "-";
                if (e.getKey().startsWith(rowPrefix)) {
                    out.put(prefix + next + "-" + e.getKey().substring(rowPrefix.length()), e.getValue());
                }
            }
            next++;
        }
        return out;
    }

    /**
     * The section's JSON from the form: blank fields and blank rows left out, yes/no as booleans, checkboxes and lines as
     * lists, a whole number as a number. Text is kept as typed, only line endings normalised by the browser.
     * SAFE_CONTACT's named worker is the signed-in user.
     */
    public static Map<String, Object> toContent(String category, Map<String, List<String>> posted, String userId) {
        Map<String, List<String>> form = compact(category, posted);
        Map<String, Object> out = new LinkedHashMap<>();
        int rows = rowsIn(category, form);
        for (Field f : fields(category, rows)) {
            List<String> values = form.getOrDefault(f.id(), List.of());
            Object v = switch (f.kind()) {
                case CHECKBOXES -> values.stream().filter(s -> !s.isBlank()).toList();
                case LINES -> values.isEmpty() ? List.of()
                        : Arrays.stream(values.get(0).split("\\r?\\n")).filter(s -> !s.isBlank()).toList();
                case YESNO -> values.isEmpty() || values.get(0).isBlank() ? null : "yes".equals(values.get(0));
                // Not a whole number: sent as typed, for the service to refuse at the field (and the form keeps it).
                case NUMBER -> values.isEmpty() || values.get(0).isBlank() ? null
                        : values.get(0).strip().matches("-?\\d{1,9}") ? (Object) Integer.valueOf(values.get(0).strip()) : values.get(0);
                default -> values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
            };
            if (v == null || (v instanceof List<?> l && l.isEmpty())) continue;
            put(out, f.path(), v);
        }
        Repeat r = REPEATS.get(category);
        if (r != null) {
            // Rows left empty are not items; a need's status alone (the select's default) is not a need either.
            List<Object> items = new ArrayList<>();
            for (Object row : out.get(r.list()) instanceof List<?> l ? l : List.of()) {
                if (row instanceof Map<?, ?> m && r.significant().stream().anyMatch(k -> m.get(k) != null)) items.add(m);
            }
            // NEEDS and GOALS need at least one: an empty list goes to the service, which names it at the first row.
            if (!items.isEmpty() || !category.equals("CHILDREN")) out.put(r.list(), items);
            else out.remove(r.list());
        }
        if (category.equals("SAFE_CONTACT") && Boolean.TRUE.equals(out.get("contactViaNamedWorkerOnly"))) {
            out.put("namedWorkerId", userId);
        }
        return out;
    }

    /** The form's values from the section's JSON (for editing): id -> list of values (yes/no as "yes"/"no"). */
    public static Map<String, List<String>> toForm(String category, Map<String, Object> content) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Field f : fields(category, rows(category, content))) {
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

    /**
     * The id of the input a service's {@code errors[].field} names, or null when the form has none for it. A list's
     * element ({@code safeguardingFlags[2].<list element>}) leads to the list's input; a group or a list of rows
     * ({@code onEntryToUk}, {@code children}) to its first input.
     */
    public static String inputFor(String category, String field, int rows) {
        if (field == null) return null;
        String path = field.startsWith("content.") ? field.substring(8) : field;
        String id = idOf(path.replaceAll("\\.?<[^>]*>", ""));
        if (id.isEmpty()) return null;
        if (id.equals("namedWorkerId")) return "contactViaNamedWorkerOnly";
        List<Field> fs = fields(category, rows);
        String list = id.replaceAll("-\\d+$", "");
        for (Field f : fs) {
            if (f.id().equals(id)) return id;
        }
        for (Field f : fs) {
            if (f.id().equals(list)) return list;
        }
        for (Field f : fs) {
            if (f.id().startsWith(id + "-")) return f.id();
        }
        return null;
    }

    public static String labelFor(String category, String inputId, int rows) {
        for (Field f : fields(category, rows)) {
            if (f.id().equals(inputId)) return f.label().replace(" (optional)", "");
        }
        return null;
    }

    /** A repeatable group: the section's list, its most items, and the row fields that make a row an item. */
    private record Repeat(String list, int limit, List<String> significant) {
    }

    private static final Map<String, Repeat> REPEATS = Map.of(
            "NEEDS", new Repeat("needs", 50, List.of("code", "inHerWords")),
            "CHILDREN", new Repeat("children", 20, List.of("ageYears", "livesWith", "notes")),
            "GOALS", new Repeat("goals", 20, List.of("goal", "by")));

    private static final String[][] STAGES = {
            { "onEntryToUk", "When she came to the UK" },
            { "onEnteringSupport", "When her support began" },
            { "onLeavingSupport", "When her support ended" } };

    private static final List<Option> APPLICATIONS = List.of(
            new Option("DDVC", "Migrant Victims of Domestic Abuse Concession (DDVC)"),
            new Option("DVILR", "Settlement as a victim of domestic abuse (DVILR)"),
            new Option("ASYLUM", "Asylum"),
            new Option("EUSS", "EU Settlement Scheme"),
            new Option("OTHER", "Another application"));

    private static final List<Option> IMMIGRATION_STATUS_OPTIONS = withBlank(
            new Option("LIMITED_LEAVE", "Limited leave (a visa or other time-limited leave)"),
            new Option("INDEFINITE_LEAVE", "Indefinite leave (settlement), including DVILR"),
            new Option("DDVC_CONCESSION_LEAVE", "Leave under the domestic abuse concession (DDVC)"),
            new Option("LEAVE_EXTENDED_PENDING_APPLICATION", "Leave extended while an application or appeal is decided"),
            new Option("EUSS_PRE_SETTLED", "EU Settlement Scheme: pre-settled status"),
            new Option("EUSS_SETTLED", "EU Settlement Scheme: settled status"),
            new Option("EUSS_APPLICATION_PENDING", "EU Settlement Scheme: waiting for a decision"),
            new Option("ASYLUM_SEEKER", "Asylum seeker (claim not yet decided)"),
            new Option("REFUSED_ASYLUM_SEEKER", "Asylum refused, no appeal left"),
            new Option("REFUGEE_OR_HUMANITARIAN_PROTECTION", "Refugee or humanitarian protection"),
            new Option("NRM_REFERRED", "Referred to the National Referral Mechanism (modern slavery)"),
            new Option("NO_LEAVE", "No leave (expired or never granted)"),
            new Option("BRITISH_OR_IRISH_CITIZEN", "British or Irish citizen"),
            new Option("OTHER", "Other"),
            new Option("UNKNOWN", "Not known"));

    private static final List<Option> VISA_OPTIONS = withBlank(
            new Option("SPOUSE_OR_PARTNER", "Spouse or partner visa"),
            new Option("DEPENDANT_OF_WORKER", "Partner of a worker"),
            new Option("DEPENDANT_OF_STUDENT", "Partner of a student"),
            new Option("WORK", "Work visa"),
            new Option("STUDENT", "Student visa"),
            new Option("VISITOR", "Visitor visa"),
            new Option("OTHER_FAMILY", "Another family visa"),
            new Option("EUSS_FAMILY_PERMIT", "EU Settlement Scheme family permit"),
            new Option("NONE", "No visa"),
            new Option("OTHER", "Other"),
            new Option("UNKNOWN", "Not known"));

    private static final List<Option> DOCUMENTS = List.of(
            new Option("PASSPORT_WITH_VISA", "Passport with a visa"),
            new Option("BIOMETRIC_RESIDENCE_PERMIT", "Biometric residence permit"),
            new Option("EVISA", "eVisa"),
            new Option("HOME_OFFICE_LETTER", "Letter from the Home Office"),
            new Option("ADVISER_CONFIRMATION", "Confirmed by an immigration adviser"),
            new Option("ASYLUM_REGISTRATION_CARD", "Asylum registration card"),
            new Option("EUSS_CONFIRMATION", "EU Settlement Scheme confirmation"),
            new Option("NONE_SELF_REPORTED", "No document: what she told us"),
            new Option("OTHER", "Another document"));

    private static final List<Option> ROUTE_OPTIONS = withBlank(
            new Option("WITH_VISA", "With a visa"),
            new Option("VISA_FREE", "Without needing a visa"),
            new Option("EEA_FREE_MOVEMENT", "EU free movement"),
            new Option("TO_CLAIM_ASYLUM", "To claim asylum"),
            new Option("IRREGULAR", "Without permission"),
            new Option("TRAFFICKED", "She was trafficked"),
            new Option("BORN_IN_UK", "She was born in the UK"),
            new Option("OTHER", "Other"),
            new Option("UNKNOWN", "Not known"));

    private static List<Option> withBlank(Option... options) {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", "Not recorded"));
        out.addAll(Arrays.asList(options));
        return List.copyOf(out);
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
