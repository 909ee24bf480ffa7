package org.pathways.directory.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline geography: named areas in a hierarchy (Coventry is in the West Midlands, in England, in the United
 * Kingdom), each with a public centre point, and the postcode areas/districts that fall in them. It decides whether a
 * service area covers a place, gives the only coordinates a confidential location ever publishes (its area's centre),
 * and is the postcode fallback when no geocoder is configured.
 *
 * <p>Two layers (ADR 0016): the hand-made regions and demo places below (the English regions a service area may name),
 * then every UK local authority and town of {@code gazetteer/uk-places.tsv}, built by {@code tools/build_gazetteer.py}
 * from GeoNames (CC BY 4.0) and, for England's lower-tier districts and the London boroughs, ONS's names in
 * {@code tools/england-districts.tsv} (OGL v3.0; see {@code gazetteer/NOTICE.md}). A name already known keeps its first meaning.
 */
public final class Gazetteer {

    public record Area(String name, String parent, double latitude, double longitude) {
    }

    /** A UK postcode (outward code, optional space, inward code), e.g. CV1 5FB. */
    private static final Pattern POSTCODE = Pattern.compile("^([A-Z]{1,2})([0-9][0-9A-Z]?) ?([0-9][A-Z]{2})$");
    /** An outward code alone (postcode district), e.g. CV1. */
    private static final Pattern DISTRICT = Pattern.compile("^([A-Z]{1,2})([0-9][0-9A-Z]?)$");

    private static final Map<String, Area> AREAS = new LinkedHashMap<>();
    /** Other names of an area (e.g. Londonderry for Derry), by key, to the area's key. */
    private static final Map<String, String> ALIASES = new LinkedHashMap<>();
    private static final Map<String, String> POSTCODE_AREAS = new LinkedHashMap<>();
    private static final Map<String, String> POSTCODE_DISTRICTS = new LinkedHashMap<>();

    static {
        add("United Kingdom", null, 54.0, -2.5);
        add("England", "United Kingdom", 52.6, -1.5);
        add("Wales", "United Kingdom", 52.3, -3.7);
        add("Scotland", "United Kingdom", 56.5, -4.2);
        add("Northern Ireland", "United Kingdom", 54.6, -6.7);
        add("West Midlands", "England", 52.48, -1.9);
        add("East Midlands", "England", 52.83, -1.33);
        add("London", "England", 51.507, -0.128);
        add("South East", "England", 51.3, -0.5);
        add("North East", "England", 55.0, -1.9);
        add("Yorkshire and the Humber", "England", 53.9, -1.2);
        add("Coventry", "West Midlands", 52.408, -1.510);
        add("Birmingham", "West Midlands", 52.486, -1.890);
        add("Solihull", "West Midlands", 52.411, -1.778);
        add("Southall", "London", 51.508, -0.378);
        add("Sheffield", "Yorkshire and the Humber", 53.381, -1.470);
        add("Cardiff", "Wales", 51.481, -3.179);
        add("Derry", "Northern Ireland", 54.997, -7.309);
        add("Glasgow", "Scotland", 55.864, -4.252);
        add("Edinburgh", "Scotland", 55.953, -3.188);

        POSTCODE_AREAS.put("CV", "Coventry");
        POSTCODE_AREAS.put("B", "Birmingham");
        POSTCODE_AREAS.put("S", "Sheffield");
        POSTCODE_AREAS.put("CF", "Cardiff");
        POSTCODE_AREAS.put("BT", "Northern Ireland");
        POSTCODE_AREAS.put("G", "Glasgow");
        POSTCODE_AREAS.put("EH", "Edinburgh");
        POSTCODE_AREAS.put("UB", "London");
        for (String london : List.of("E", "EC", "N", "NW", "SE", "SW", "W", "WC")) POSTCODE_AREAS.put(london, "London");
        for (int d = 90; d <= 94; d++) POSTCODE_DISTRICTS.put("B" + d, "Solihull");
        POSTCODE_DISTRICTS.put("UB1", "Southall");
        POSTCODE_DISTRICTS.put("UB2", "Southall");
        POSTCODE_DISTRICTS.put("BT47", "Derry");
        POSTCODE_DISTRICTS.put("BT48", "Derry");
        for (int d = 7; d <= 13; d++) POSTCODE_DISTRICTS.put("CV" + d, "West Midlands");

        // The city's two names (both official in use); the dataset has "Derry".
        for (String other : List.of("Londonderry", "Derry/Londonderry", "Londonderry/Derry", "Derry-Londonderry")) alias(other, "Derry");
        loadDataset();
    }

    /** Every UK local authority and town of the shipped dataset; names already known keep their meaning. */
    private static void loadDataset() {
        try (java.io.InputStream in = Gazetteer.class.getResourceAsStream("/gazetteer/uk-places.tsv")) {
            if (in == null) throw new IllegalStateException("gazetteer/uk-places.tsv is missing from the classpath");
            java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            r.readLine(); // header
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split("\t", -1);
                if (f.length < 6) continue;
                String name = f[1];
                if (!AREAS.containsKey(key(name)) && !ALIASES.containsKey(key(name))) {
                    add(name, f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]));
                }
                for (String other : f[5].isEmpty() ? new String[0] : f[5].split("\\|")) alias(other, name);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void alias(String other, String name) {
        String k = key(other);
        if (!AREAS.containsKey(k) && !ALIASES.containsKey(k)) ALIASES.put(k, key(name));
    }

    private Gazetteer() {
    }

    private static void add(String name, String parent, double lat, double lon) {
        AREAS.put(key(name), new Area(name, parent, lat, lon));
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    public static Optional<Area> area(String name) {
        if (name == null) return Optional.empty();
        String k = key(name);
        return Optional.ofNullable(AREAS.getOrDefault(k, AREAS.get(ALIASES.getOrDefault(k, k))));
    }

    /** What a place parameter may name, for an answer that refuses an unknown one. */
    public static final String KNOWN_PLACES = "must be a UK local authority, town, nation or English region the directory knows"
            + " (e.g. Coventry, Belfast, Derry/Londonderry, Highland, Tandridge, Tower Hamlets, West Midlands)";

    /** Every named area (for ranking confidential locations by their area's centre in SQL). */
    public static java.util.Collection<Area> areas() {
        return java.util.Collections.unmodifiableCollection(AREAS.values());
    }

    /** The area and every area containing it, most specific first (unknown names: just the name itself). */
    public static List<String> withAncestors(String name) {
        List<String> out = new ArrayList<>();
        Optional<Area> a = area(name);
        if (a.isEmpty()) {
            out.add(name.trim());
            return out;
        }
        for (Area cur = a.get(); cur != null; cur = cur.parent() == null ? null : AREAS.get(key(cur.parent()))) {
            out.add(cur.name());
        }
        return out;
    }

    /** Whether a service area named {@code serviceArea} covers the place {@code place}. */
    public static boolean covers(String serviceArea, String place) {
        return withAncestors(place).stream().anyMatch(a -> a.equalsIgnoreCase(serviceArea.trim()));
    }

    /** Normalises a full postcode or an outward code (upper case, one space); empty when it is not one. */
    public static Optional<String> normalisePostcode(String raw) {
        if (raw == null) return Optional.empty();
        String s = raw.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (s.length() > 8) return Optional.empty();
        Matcher m = POSTCODE.matcher(s);
        if (m.matches()) return Optional.of(m.group(1) + m.group(2) + " " + m.group(3));
        if (DISTRICT.matcher(s).matches()) return Optional.of(s);
        return Optional.empty();
    }

    /** The postcode district (outward code) of a normalised postcode. */
    public static String district(String normalisedPostcode) {
        int space = normalisedPostcode.indexOf(' ');
        return space < 0 ? normalisedPostcode : normalisedPostcode.substring(0, space);
    }

    /** The named area of a postcode by its district, then by its postcode area (the offline fallback). */
    public static Optional<Area> areaOfPostcode(String normalisedPostcode) {
        String district = district(normalisedPostcode);
        String byDistrict = POSTCODE_DISTRICTS.get(district);
        if (byDistrict != null) return area(byDistrict);
        Matcher m = DISTRICT.matcher(district);
        if (!m.matches()) return Optional.empty();
        return Optional.ofNullable(POSTCODE_AREAS.get(m.group(1))).flatMap(Gazetteer::area);
    }

    /** Great-circle distance in kilometres. */
    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2))
                * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 6371.0 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }
}
