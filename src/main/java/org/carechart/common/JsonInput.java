package org.carechart.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What every JSON body must be before any feature sees it, in one place:
 * <ul>
 *   <li>no key twice in one object ({@code STRICT_DUPLICATE_DETECTION}: "last one wins" lets two
 *       parsers of the same body disagree);</li>
 *   <li>no NUL character in any string (PostgreSQL cannot store it in text and would fail the request);</li>
 *   <li>instants inside {@link Instants}' window (beyond it PostgreSQL stores {@code infinity});</li>
 *   <li>decimals of at most {@value #MAX_DIGITS} digits before and after the point ({@code 1e999999} is
 *       refused, not stored).</li>
 * </ul>
 * Each refusal is a Jackson input error with the field's path, which {@link ProblemMapper} answers as a
 * 400 {@code validation} problem naming the field; the value itself is never echoed.
 */
@Singleton
public class JsonInput implements ObjectMapperCustomizer {

    static final int MAX_DIGITS = 30;

    /** A value refused by one of these rules; its message is ours (it never holds the value) and may be shown. */
    public static final class Refused extends InvalidFormatException {
        Refused(JsonParser p, String message, Class<?> type) {
            super(p, message, null, type);
        }
    }

    @Override
    public int priority() {
        // After Quarkus's own customizer (which registers the java.time module): later modules win.
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        SimpleModule module = new SimpleModule("carechart-input");
        module.addDeserializer(String.class, new NoNulStrings());
        module.addDeserializer(Instant.class, new BoundedInstants());
        module.addDeserializer(BigDecimal.class, new BoundedDecimals());
        mapper.registerModule(module);
    }

    /** Strings as Jackson reads them, refusing U+0000. */
    static final class NoNulStrings extends StdScalarDeserializer<String> {
        NoNulStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && value.indexOf('\0') >= 0) {
                throw new Refused(p, "must not contain NUL characters", String.class);
            }
            return value;
        }
    }

    static final class BoundedInstants extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Instant value;
            try {
                value = InstantDeserializer.INSTANT.deserialize(p, ctxt);
            } catch (ArithmeticException | java.time.DateTimeException e) {
                throw new Refused(p, Instants.RULE, Instant.class);
            }
            if (!Instants.inWindow(value)) {
                throw new Refused(p, Instants.RULE, Instant.class);
            }
            return value;
        }

        @Override
        public Class<?> handledType() {
            return Instant.class;
        }
    }

    static final class BoundedDecimals extends StdScalarDeserializer<BigDecimal> {
        BoundedDecimals() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            BigDecimal value;
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                value = p.getDecimalValue();
            } else {
                value = com.fasterxml.jackson.databind.deser.std.NumberDeserializers.BigDecimalDeserializer.instance
                        .deserialize(p, ctxt);
            }
            if (value != null && (value.precision() - value.scale() > MAX_DIGITS || value.scale() > MAX_DIGITS)) {
                throw new Refused(p, "must have at most " + MAX_DIGITS + " digits before and after the point",
                        BigDecimal.class);
            }
            return value;
        }
    }
}
