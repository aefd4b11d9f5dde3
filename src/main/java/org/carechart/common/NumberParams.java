package org.carechart.common;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Function;

/**
 * Whole numbers in the query string or a header. JAX-RS answers 404 for a query value it cannot convert
 * ({@code limit=abc}, {@code limit=2147483648}), which tells a client the resource is missing; this
 * converter answers a 400 validation problem naming the parameter instead. Ranges are each endpoint's.
 */
@Provider
public class NumberParams implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = name(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) new WholeNumber<>(name, Integer::valueOf);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) new WholeNumber<>(name, Long::valueOf);
        }
        return null;
    }

    private static String name(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) return query.value();
            if (annotation instanceof HeaderParam header) return header.value();
        }
        return null;
    }

    private record WholeNumber<N extends Number>(String name, Function<String, N> parse) implements ParamConverter<N> {
        @Override
        public N fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value.trim());
            } catch (NumberFormatException e) {
                Problem problem = ProblemType.VALIDATION.problem("The request has invalid fields.", null,
                        List.of(new Problem.FieldError(name, "must be a whole number in range")));
                throw new BadRequestException(ProblemMapper.respond(problem));
            }
        }

        @Override
        public String toString(N value) {
            return value == null ? null : value.toString();
        }
    }
}
