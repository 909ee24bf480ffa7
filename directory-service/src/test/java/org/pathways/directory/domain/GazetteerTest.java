package org.pathways.directory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The gazetteer with the shipped dataset (ADR 0016; issue 14, finding 10). Plain objects: no stack. Before the dataset,
 * Belfast and Londonderry were unknown and a search for them silently found nothing.
 */
class GazetteerTest {

    @Test
    void belfastAndDerryLondonderryAreKnownInNorthernIreland() {
        assertEquals(List.of("Belfast", "Northern Ireland", "United Kingdom"), Gazetteer.withAncestors("Belfast"));
        assertEquals("Derry", Gazetteer.area("Londonderry").orElseThrow().name());
        assertEquals("Derry", Gazetteer.area("Derry/Londonderry").orElseThrow().name());
        assertEquals("Derry", Gazetteer.area(" londonderry ").orElseThrow().name());
        assertTrue(Gazetteer.covers("Northern Ireland", "Londonderry"));
        assertTrue(Gazetteer.covers("Northern Ireland", "Omagh"));
        assertEquals(54.6, Gazetteer.area("Belfast").orElseThrow().latitude(), 0.1);
        // The local authority's other name in the dataset.
        assertEquals("Belfast", Gazetteer.area("City of Belfast").orElseThrow().name());
    }

    @Test
    void everyLocalAuthorityOfScotlandWalesAndNorthernIrelandIsThereWithItsNation() {
        Map<String, Long> byNation = Gazetteer.areas().stream().filter(a -> a.parent() != null)
                .filter(a -> List.of("Scotland", "Wales", "Northern Ireland").contains(a.parent()))
                .filter(a -> !a.name().equals("Derry")) // the hand-made Derry (a town) sits directly in Northern Ireland
                .collect(Collectors.groupingBy(Gazetteer.Area::parent, Collectors.counting()));
        // Edinburgh, Glasgow and Cardiff were hand-made places already (same parent nation).
        assertEquals(32L, byNation.get("Scotland"));
        assertEquals(22L, byNation.get("Wales"));
        assertEquals(11L, byNation.get("Northern Ireland"));
        for (String la : List.of("Highland", "Eilean Siar", "Shetland Islands", "Gwynedd", "Powys", "Fermanagh and Omagh",
                "Derry City and Strabane", "Cornwall", "Isles of Scilly", "Northumberland", "Warwickshire", "Kent")) {
            assertTrue(Gazetteer.area(la).isPresent(), la);
        }
    }

    @Test
    void mainTownsSitInTheirLocalAuthorityAndHandMadePlacesKeepTheirRegion() {
        assertEquals(List.of("Rugby", "Warwickshire", "England", "United Kingdom"), Gazetteer.withAncestors("Rugby"));
        assertEquals(List.of("Inverness", "Highland", "Scotland", "United Kingdom"), Gazetteer.withAncestors("Inverness"));
        assertEquals(List.of("Coventry", "West Midlands", "England", "United Kingdom"), Gazetteer.withAncestors("Coventry"));
        assertTrue(Gazetteer.covers("London", "Richmond"));
        for (String town : List.of("Aberystwyth", "Lerwick", "Stornoway", "Newry", "Enniskillen", "Truro", "Carlisle", "Exeter")) {
            assertTrue(Gazetteer.area(town).isPresent(), town);
        }
        assertTrue(Gazetteer.areas().size() > 4000, "every UK local authority and its towns");
    }

    /**
     * Every row of tools/england-districts.tsv (ONS names; the 164 lower-tier districts of the two-tier counties and the
     * 33 London authorities) is a local authority inside its county or London; before the file they were unknown
     * unless a town had the name (Tandridge, Mole Valley, Three Rivers, Tower Hamlets were unknown).
     */
    @Test
    void everyLowerTierDistrictAndLondonBoroughIsALocalAuthorityInItsCounty() throws Exception {
        List<String[]> rows = java.nio.file.Files.readAllLines(java.nio.file.Path.of("tools/england-districts.tsv")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).skip(1).map(l -> l.split("\t")).toList();
        assertEquals(197, rows.size(), "164 districts, 32 London boroughs and the City of London");
        assertEquals(33L, rows.stream().filter(r -> r[1].equals("London")).count());
        for (String[] r : rows) {
            Gazetteer.Area a = Gazetteer.area(r[0]).orElseThrow(() -> new AssertionError(r[0] + " unknown"));
            assertEquals(r[0], a.name());
            assertEquals(r[1], a.parent(), r[0]);
            assertEquals(List.of(r[0], r[1]), Gazetteer.withAncestors(r[0]).subList(0, 2), r[0]);
            assertTrue(Gazetteer.covers("England", r[0]), r[0]);
            // Its point is its town's (a town of another name sits in it).
            Gazetteer.Area town = Gazetteer.area(r[2]).filter(t -> t.parent().equals(r[0])).orElse(a);
            assertEquals(town.latitude(), a.latitude(), 1e-9, r[0]);
        }
        for (String d : List.of("Tandridge", "Mole Valley", "Three Rivers", "Hackney", "Tower Hamlets", "City of London")) {
            assertTrue(Gazetteer.area(d).isPresent(), d);
        }
        assertEquals(List.of("Oxted", "Tandridge", "Surrey", "England", "United Kingdom"), Gazetteer.withAncestors("Oxted"));
        assertEquals(List.of("Tower Hamlets", "London", "England", "United Kingdom"), Gazetteer.withAncestors("Tower Hamlets"));
        assertTrue(Gazetteer.covers("Surrey", "Mole Valley"));
        assertTrue(Gazetteer.covers("London", "Whitechapel"));
        // A district's namesake town is the district; a town elsewhere of that name keeps its old qualified name.
        assertEquals("Warwickshire", Gazetteer.area("Rugby").orElseThrow().parent());
        assertEquals("Sudbury (Suffolk)", Gazetteer.area("Sudbury (Suffolk)").orElseThrow().name());
        assertEquals("Preston", Gazetteer.area("Preston (Lancashire)").orElseThrow().name());
    }

    @Test
    void anUnknownPlaceIsUnknown() {
        assertTrue(Gazetteer.area("Atlantis").isEmpty());
        assertTrue(Gazetteer.area("Paris").isEmpty());
        assertEquals(List.of("Atlantis"), Gazetteer.withAncestors("Atlantis"));
    }
}
