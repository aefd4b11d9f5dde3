package org.carechart.fhir.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.carechart.fhir.api.Fhir.Address;
import org.carechart.fhir.api.Fhir.Attachment;
import org.carechart.fhir.api.Fhir.CodeableConcept;
import org.carechart.fhir.api.Fhir.ContactPoint;
import org.carechart.fhir.api.Fhir.HumanName;
import org.carechart.fhir.api.Fhir.Identifier;
import org.carechart.fhir.api.Fhir.Meta;
import org.carechart.fhir.api.Fhir.Period;
import org.carechart.fhir.api.Fhir.Quantity;
import org.carechart.fhir.api.Fhir.Reference;
import org.carechart.fhir.api.Fhir.ReferenceRange;

import java.util.List;

/**
 * The FHIR R4 resources Carechart serves, with the elements it fills (the US Core 6.1.0 profiles'
 * required and must-support elements the chart has data for). {@code resourceType} comes first in
 * every record so it comes first in the JSON.
 */
@RegisterForReflection(ignoreNested = false)
public final class Resources {

    private Resources() {
    }

    /** Any resource: what a Bundle entry and a Provenance target need. */
    @RegisterForReflection
    public interface Resource {
        String resourceType();

        String id();

        Meta meta();
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Patient(String resourceType, String id, Meta meta, List<Identifier> identifier, Boolean active,
                          List<HumanName> name, List<ContactPoint> telecom, String gender, String birthDate,
                          List<Address> address, Reference managingOrganization) implements Resource {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Practitioner(String resourceType, String id, Meta meta, List<Identifier> identifier, Boolean active,
                               List<HumanName> name) implements Resource {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Organization(String resourceType, String id, Meta meta, List<Identifier> identifier, Boolean active,
                               List<CodeableConcept> type, String name) implements Resource {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Observation(String resourceType, String id, Meta meta, String status, List<CodeableConcept> category,
                              CodeableConcept code, Reference subject, String effectiveDateTime, String issued,
                              List<Reference> performer, Quantity valueQuantity, CodeableConcept valueCodeableConcept,
                              String valueString, CodeableConcept dataAbsentReason, List<CodeableConcept> interpretation,
                              List<ReferenceRange> referenceRange, List<Reference> derivedFrom,
                              List<ObservationComponent> component) implements Resource {
    }

    /** One measurement of a panel (a blood pressure's systolic or diastolic value), or why it is absent. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ObservationComponent(CodeableConcept code, Quantity valueQuantity, CodeableConcept dataAbsentReason) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Condition(String resourceType, String id, Meta meta, CodeableConcept clinicalStatus,
                            CodeableConcept verificationStatus, List<CodeableConcept> category, CodeableConcept code,
                            Reference subject, String onsetDateTime, String recordedDate, Reference recorder)
            implements Resource {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record AllergyIntolerance(String resourceType, String id, Meta meta, CodeableConcept clinicalStatus,
                                     CodeableConcept verificationStatus, CodeableConcept code, Reference patient,
                                     String onsetDateTime, String recordedDate, Reference recorder)
            implements Resource {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Dosage(String text) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record MedicationRequest(String resourceType, String id, Meta meta, String status, String intent,
                                    List<CodeableConcept> category, Boolean reportedBoolean,
                                    CodeableConcept medicationCodeableConcept, Reference subject, String authoredOn,
                                    Reference requester, List<Dosage> dosageInstruction) implements Resource {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Immunization(String resourceType, String id, Meta meta, String status, CodeableConcept statusReason,
                               CodeableConcept vaccineCode, Reference patient, String occurrenceDateTime,
                               String recorded, Boolean primarySource) implements Resource {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record EncounterParticipant(List<CodeableConcept> type, Reference individual) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Encounter(String resourceType, String id, Meta meta, String status,
                            @JsonProperty("class") Fhir.Coding encounterClass,
                            List<CodeableConcept> type, Reference subject, List<EncounterParticipant> participant,
                            Period period, Reference serviceProvider) implements Resource {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record DocumentContent(Attachment attachment, Fhir.Coding format) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record DocumentContext(List<Period> period) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record DocumentReference(String resourceType, String id, Meta meta, String status, CodeableConcept type,
                                    List<CodeableConcept> category, Reference subject, String date,
                                    List<Reference> author, List<DocumentContent> content) implements Resource {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Binary(String resourceType, String id, Meta meta, String contentType, String data)
            implements Resource {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ProvenanceAgent(CodeableConcept type, Reference who, Reference onBehalfOf) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Provenance(String resourceType, String id, Meta meta, List<Reference> target, String recorded,
                             CodeableConcept activity, List<ProvenanceAgent> agent) implements Resource {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record CareTeamParticipant(List<CodeableConcept> role, Reference member, Period period) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record CareTeam(String resourceType, String id, Meta meta, String status, Reference subject,
                           List<CareTeamParticipant> participant) implements Resource {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record DiagnosticReport(String resourceType, String id, Meta meta, String status, List<CodeableConcept> category,
                                   CodeableConcept code, Reference subject, String effectiveDateTime, String issued,
                                   List<Reference> performer, List<Reference> result) implements Resource {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Coverage(String resourceType, String id, Meta meta, List<Identifier> identifier, String status,
                           CodeableConcept type, String subscriberId, Reference beneficiary, CodeableConcept relationship,
                           Period period, List<Reference> payor, @JsonProperty("class") List<CoverageClass> coverageClass)
            implements Resource {
    }

    /** A plan or group of a coverage. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record CoverageClass(CodeableConcept type, String value, String name) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Procedure(String resourceType, String id, Meta meta, String status, CodeableConcept code, Reference subject,
                            String performedDateTime, Reference recorder, List<ProcedurePerformer> performer) implements Resource {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ProcedurePerformer(Reference actor) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record RelatedPerson(String resourceType, String id, Meta meta, Boolean active, Reference patient,
                                List<CodeableConcept> relationship, List<HumanName> name, Period period) implements Resource {
    }
}
