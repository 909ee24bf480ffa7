package org.pathways.platform.rest;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Strict JSON for every service (ADR 0005): what is not exactly what the API says is refused with a 400, never guessed
 * at. Duplicate keys (which of the two did the sender mean?), text after the document, and every scalar coercion —
 * a number or a boolean for a string, a string for a number or a boolean, a number for an enum or a date, a fraction for
 * an integer, an empty string for a value, {@code null} for a primitive — are refused. Unknown fields are refused by
 * {@code quarkus.jackson.fail-on-unknown-properties} (platform defaults).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** Applies the rules to any mapper (the services' CDI mapper gets them through {@link #customize}). */
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        // java.time: no "lenient" readings (a date-time where a date is due, and the like).
        mapper.setDefaultLeniency(Boolean.FALSE);

        mapper.coercionConfigDefaults().setAcceptBlankAsEmpty(Boolean.FALSE)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType number : new LogicalType[] { LogicalType.Integer, LogicalType.Float }) {
            mapper.coercionConfigFor(number)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);

        // java.time reads a number as an epoch offset (7 became 1970-01-08 as a date of birth) whatever the coercion
        // settings say: refuse numbers for every java.time type.
        SimpleModule module = new SimpleModule("pathways-strict-json");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                if (type.getName().startsWith("java.time.")) return new NoNumbers(deserializer, type);
                if (description.getType().isPrimitive()) return new NoNullForPrimitive(deserializer, type);
                return deserializer;
            }
        });
        mapper.registerModule(module);
        return mapper;
    }

    /**
     * {@code null} for a primitive field (a boolean, a number) is refused rather than read as false or 0; a field left
     * out keeps its default. (Jackson's FAIL_ON_NULL_FOR_PRIMITIVES would refuse a left-out record component too.)
     * Jackson also hands a boxed field's deserializer here now and then: its null value is null, so it passes.
     */
    static final class NoNullForPrimitive extends DelegatingDeserializer {

        private final Class<?> type;

        NoNullForPrimitive(JsonDeserializer<?> delegate, Class<?> type) {
            super(delegate);
            this.type = type;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new NoNullForPrimitive(newDelegatee, type);
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) throws com.fasterxml.jackson.databind.JsonMappingException {
            Object value = _delegatee.getNullValue(ctxt);
            if (value != null) {
                throw com.fasterxml.jackson.databind.exc.MismatchedInputException.from(ctxt.getParser(), type,
                        "null is not a " + type.getName());
            }
            return value;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) throws com.fasterxml.jackson.databind.JsonMappingException {
            return _delegatee.getAbsentValue(ctxt);
        }

        @Override
        public com.fasterxml.jackson.databind.util.AccessPattern getNullAccessPattern() {
            return com.fasterxml.jackson.databind.util.AccessPattern.DYNAMIC; // ask getNullValue each time
        }
    }

    /** A java.time deserializer that refuses numbers (and leaves strings to the real one). */
    static final class NoNumbers extends DelegatingDeserializer {

        private final Class<?> type;

        NoNumbers(JsonDeserializer<?> delegate, Class<?> type) {
            super(delegate);
            this.type = type;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new NoNumbers(newDelegatee, type);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                return ctxt.handleUnexpectedToken(type, p);
            }
            return super.deserialize(p, ctxt);
        }

        @Override
        public Class<?> handledType() {
            return type;
        }
    }
}
