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

    @Test
    void anUnknownPlaceIsUnknown() {
        assertTrue(Gazetteer.area("Atlantis").isEmpty());
        assertTrue(Gazetteer.area("Paris").isEmpty());
        assertEquals(List.of("Atlantis"), Gazetteer.withAncestors("Atlantis"));
    }
}
