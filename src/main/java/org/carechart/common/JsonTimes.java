package org.carechart.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One precision for every timestamp Carechart sends: UTC, exactly three fractional digits
 * ({@code 2026-12-03T09:15:00.120Z}). Milliseconds because that is what a JavaScript {@code Date}
 * holds, so a web client reads and sends back exactly what it got; the database keeps microseconds
 * and cursors carry them, so nothing is lost for paging.
 */
@Singleton
public class JsonTimes implements ObjectMapperCustomizer {

    public static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The same text the JSON carries, for values written outside Jackson (headers, SQL-formatted strings). */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    @Override
    public int priority() {
        // After Quarkus's own customizer, which registers the java.time module: later modules win.
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("carechart-times").addSerializer(Instant.class, new InstantMillis()));
    }

    static final class InstantMillis extends StdSerializer<Instant> {
        InstantMillis() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(FORMAT.format(value));
        }
    }
}
