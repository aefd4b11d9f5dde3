package org.carechart.fhir.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.List;

/**
 * The FHIR R4 data types Carechart writes, as plain records serialised by Jackson (absent and
 * empty values are left out, as FHIR JSON requires). docs/fhir.md says why records and not the
 * HAPI model.
 */
@RegisterForReflection(ignoreNested = false)
public final class Fhir {

    private Fhir() {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Meta(String versionId, String lastUpdated, List<String> profile) {
        public static Meta of(String profile) {
            return new Meta(null, null, List.of(profile));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Coding(String system, String code, String display) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record CodeableConcept(List<Coding> coding, String text) {
        public static CodeableConcept of(String system, String code, String display) {
            return new CodeableConcept(List.of(new Coding(system, code, display)), null);
        }

        public static CodeableConcept text(String text) {
            return new CodeableConcept(List.of(), text);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Reference(String reference, String display) {
        public static Reference to(String type, Object id) {
            return new Reference(type + "/" + id, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Quantity(BigDecimal value, String unit, String system, String code) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ReferenceRange(Quantity low, Quantity high) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Identifier(String use, CodeableConcept type, String system, String value, Reference assigner) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record HumanName(String use, String text, String family, List<String> given, List<String> prefix) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ContactPoint(String system, String value, String use) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Address(String use, List<String> line, String city, String postalCode) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Period(String start, String end) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Attachment(String contentType, String data, String url, Long size, String hash, String title,
                             String creation) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Extension(String url, String valueCode, String valueString) {
    }
}
