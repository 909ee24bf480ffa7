package org.pathways.platform.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The strict JSON rules on a plain mapper (ADR 0005): each shape that used to be guessed at is refused. */
class StrictJsonTest {

    record Body(String name, Integer count, boolean flag, LocalDate born, OffsetDateTime until, UUID id, Kind kind) {
    }

    enum Kind { ONE, TWO }

    private final ObjectMapper mapper = StrictJson.apply(JsonMapper.builder().addModule(new JavaTimeModule()).build());

    private Body read(String json) throws JsonProcessingException {
        return mapper.readValue(json, Body.class);
    }

    @Test
    void validInputIsRead() throws Exception {
        Body b = read("{\"name\":\"x\",\"count\":2,\"flag\":true,\"born\":\"1990-01-31\",\"until\":\"2030-01-01T00:00:00Z\","
                + "\"id\":\"5e1f0000-0000-4000-8000-000000000003\",\"kind\":\"TWO\"}");
        assertEquals("x", b.name());
        assertEquals(LocalDate.of(1990, 1, 31), b.born());
        assertEquals(Kind.TWO, b.kind());
        assertNull(read("{\"id\":null}").id());
        assertNull(read("{\"count\":null}").count()); // a boxed field may be null
        assertFalse(read("{\"name\":\"x\"}").flag()); // a primitive left out keeps its default
    }

    @Test
    void everyGuessIsRefused() {
        for (String json : new String[] {
                "{\"name\":\"x\",\"name\":\"y\"}", // duplicate key
                "{\"name\":\"x\"} trailing", "{\"name\":\"x\"}{}", // trailing text
                "{\"name\":7}", "{\"name\":7.5}", "{\"name\":true}", // not a string
                "{\"count\":\"2\"}", "{\"count\":2.5}", "{\"count\":true}", // not an integer
                "{\"flag\":1}", "{\"flag\":\"true\"}", "{\"flag\":null}", // not a boolean (null was read as false)
                "{\"born\":7}", "{\"born\":\"1990-01-31T10:00:00\"}", "{\"until\":7}", "{\"until\":7.5}", // not a date
                "{\"kind\":0}", "{\"id\":\"\"}", "{\"born\":\"\"}", "{\"kind\":\"\"}" }) {
            assertThrows(JsonProcessingException.class, () -> read(json), json);
        }
    }
}
