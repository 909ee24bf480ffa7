package org.pathways.platform.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * A boolean request parameter ({@code ?discreet=true}) is exactly {@code true} or {@code false} (ADR 0005). JAX-RS reads
 * anything else ({@code banana}, {@code yes}, {@code 1}) as false, so a caller who meant "yes" silently got "no": here
 * it is a 400 problem+json naming the parameter. One converter for every service.
 */
@Provider
public class StrictBooleans implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != boolean.class && rawType != Boolean.class) return null;
        String name = name(annotations);
        return (ParamConverter<T>) new ParamConverter<Boolean>() {
            @Override
            public Boolean fromString(String value) {
                if ("true".equals(value)) return Boolean.TRUE;
                if ("false".equals(value)) return Boolean.FALSE;
                // A WebApplicationException passes the converter unchanged; ProblemMappers answers its problem.
                throw new BadRequestException(new ProblemException(Problem.of(400, "invalid-parameter", "Invalid parameter",
                        "A parameter has a value of the wrong kind; nothing was read or changed.")
                        .withErrors(List.of(new Problem.FieldError(name, "must be true or false")))));
            }

            @Override
            public String toString(Boolean value) {
                return String.valueOf(value);
            }
        };
    }

    private static String name(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation a : annotations) {
                if (a instanceof QueryParam q) return q.value();
                if (a instanceof HeaderParam h) return h.value();
                if (a instanceof PathParam p) return p.value();
                if (a instanceof FormParam f) return f.value();
                if (a instanceof CookieParam c) return c.value();
                if (a instanceof MatrixParam m) return m.value();
            }
        }
        return "(parameter)";
    }
}
