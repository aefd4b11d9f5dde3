package org.carechart.export.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** A FHIR R4 Group of patients (actual, type person) as this server defines them for bulk export. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FhirGroup(String resourceType, String id, String type, boolean actual, String name, Integer quantity,
                            Reference managingEntity, List<Member> member) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Reference(String reference, String display) {
    }

    @RegisterForReflection
    public record Member(Reference entity) {
    }

    /** A searchset of groups. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Bundle(String resourceType, String type, int total, List<Entry> entry) {
    }

    @RegisterForReflection
    public record Entry(String fullUrl, FhirGroup resource) {
    }
}
