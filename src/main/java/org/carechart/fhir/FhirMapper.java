package org.carechart.fhir;

import org.carechart.chart.Clinical;
import org.carechart.chart.api.ChartEntryView;
import org.carechart.fhir.api.Fhir.Address;
import org.carechart.fhir.api.Fhir.Attachment;
import org.carechart.fhir.api.Fhir.CodeableConcept;
import org.carechart.fhir.api.Fhir.Coding;
import org.carechart.fhir.api.Fhir.ContactPoint;
import org.carechart.fhir.api.Fhir.HumanName;
import org.carechart.fhir.api.Fhir.Identifier;
import org.carechart.fhir.api.Fhir.Meta;
import org.carechart.fhir.api.Fhir.Period;
import org.carechart.fhir.api.Fhir.Quantity;
import org.carechart.fhir.api.Fhir.Reference;
import org.carechart.fhir.api.Fhir.ReferenceRange;
import org.carechart.fhir.api.Resources;
import org.carechart.fhir.api.Resources.Resource;
import org.carechart.patient.api.CareTeamMemberView;
import org.carechart.patient.api.PatientView;
import org.carechart.patient.api.ProxyView;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Every FHIR resource's mapping, one method per resource type, in this one place. Each resource
 * claims its US Core 6.1.0 profile and carries only what the chart holds: nothing is made up.
 */
public final class FhirMapper {

    static final String UCUM = "http://unitsofmeasure.org";
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";
    static final String DOCUMENT_CATEGORY = "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category";
    static final String URI_IDENTIFIER = "urn:ietf:rfc:3986";
    static final String ENTERED_IN_ERROR = "entered-in-error";
    static final String COVERAGE_CLASS = "http://terminology.hl7.org/CodeSystem/coverage-class";
    /** PHDSC Source of Payment Typology, the code system of US Core's Coverage.type value set. */
    static final String PAYMENT_TYPOLOGY = "https://nahdo.org/sopt";
    static final String ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

    /** Vital signs with a profile of their own in US Core 6.1.0; other vital-sign codes claim us-core-vital-signs. */
    static final Map<String, String> VITAL_PROFILES = Map.of(
            "8867-4", "us-core-heart-rate",
            "29463-7", "us-core-body-weight",
            "8310-5", "us-core-body-temperature",
            "8302-2", "us-core-body-height",
            "39156-5", "us-core-bmi",
            "9279-1", "us-core-respiratory-rate");

    static final String LOINC = "http://loinc.org";
    public static final String BP_PANEL = "85354-9";
    public static final String SYSTOLIC = "8480-6";
    public static final String DIASTOLIC = "8462-4";
    /** A blood-pressure panel's id: its systolic entry's id and this. */
    public static final String PANEL_SUFFIX = "-bp";
    /** LOINC "Laboratory report": the code of a report grouping lab results (the chart keeps no panel codes). */
    public static final String LAB_REPORT = "11502-2";

    static final Map<String, String> SMOKING_FINDINGS = Map.of(
            "never smoked tobacco", "266919005",
            "ex-smoker", "8517006",
            "smokes tobacco daily", "449868002",
            "occasional tobacco smoker", "428041000124106",
            "smoker", "77176002");

    /** A practitioner or organization a resource names: its name and organization, for references and Provenance. */
    public record Party(UUID id, String name, UUID organizationId, String organizationName) {
    }

    private FhirMapper() {
    }

    // ---------------------------------------------------------------- chart entries

    /** The resource a chart entry is, by its category. */
    public static Resource entry(ChartEntryView e) {
        return switch (e.category()) {
            case "observation" -> observation(e);
            case "condition" -> condition(e);
            case "allergy" -> allergyIntolerance(e);
            case "medication" -> medicationRequest(e);
            case "immunization" -> immunization(e);
            case "encounter" -> encounter(e);
            case "procedure" -> procedure(e);
            case "note", "document" -> documentReference(e);
            default -> throw new IllegalArgumentException("no FHIR mapping for category " + e.category());
        };
    }

    public static boolean isVitalSign(String code) {
        return Clinical.VITAL_CODES.contains(code);
    }

    static Resources.Observation observation(ChartEntryView e) {
        String code = e.code().code();
        boolean vital = isVitalSign(code);
        boolean social = isSocialHistory(code);
        String profile = vital ? FhirType.US_CORE + VITAL_PROFILES.getOrDefault(code, "us-core-vital-signs")
                : social ? FhirType.US_CORE + "us-core-smokingstatus"
                : FhirType.OBSERVATION.profile();
        CodeableConcept category = vital ? CodeableConcept.of(OBSERVATION_CATEGORY, "vital-signs", "Vital Signs")
                : social ? CodeableConcept.of(OBSERVATION_CATEGORY, "social-history", "Social History")
                : CodeableConcept.of(OBSERVATION_CATEGORY, "laboratory", "Laboratory");
        Quantity value = e.valueQuantity() == null ? null : quantity(e.valueQuantity(), e.valueUnit());
        // a smoking status is a finding: its text as the SNOMED CT concept it names (text only when unknown)
        CodeableConcept finding = social && e.valueText() != null ? smokingStatus(e.valueText()) : null;
        String text = finding == null ? e.valueText() : null;
        boolean noValue = value == null && e.valueText() == null;
        List<ReferenceRange> range = e.referenceLow() == null && e.referenceHigh() == null ? List.of()
                : List.of(new ReferenceRange(quantity(e.referenceLow(), e.valueUnit()), quantity(e.referenceHigh(), e.valueUnit())));
        return new Resources.Observation("Observation", id(e), meta(e, profile), observationStatus(e.status()),
                List.of(category), concept(e), patient(e.patientId()), time(e.effectiveAt()), time(e.recordedAt()),
                List.of(Reference.to("Practitioner", e.authorId())), value, finding, text,
                noValue ? dataAbsent() : null,
                e.interpretation() == null ? List.of() : List.of(CodeableConcept.of(
                        "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", e.interpretation(), null)),
                range, List.of(), List.of());
    }

    public static boolean isSocialHistory(String code) {
        return Clinical.SOCIAL_HISTORY_CODES.contains(code);
    }

    /**
     * A blood-pressure panel (us-core-blood-pressure) made of the two readings the chart stores as
     * separate entries: the systolic one and the diastolic one of the same patient at the same
     * effective time. Its id is the systolic entry's with {@link #PANEL_SUFFIX}; it names both
     * entries in {@code derivedFrom}. A systolic reading without its diastolic partner gives a
     * panel whose diastolic component is absent ({@code dataAbsentReason} unknown), as the profile asks.
     */
    static Resources.Observation bloodPressure(ChartEntryView systolic, ChartEntryView diastolic) {
        Instant updated = diastolic != null && diastolic.updatedAt() != null && systolic.updatedAt() != null
                && diastolic.updatedAt().isAfter(systolic.updatedAt()) ? diastolic.updatedAt() : systolic.updatedAt();
        List<Reference> from = new ArrayList<>(List.of(Reference.to("Observation", systolic.id())));
        if (diastolic != null) {
            from.add(Reference.to("Observation", diastolic.id()));
        }
        return new Resources.Observation("Observation", panelId(systolic.id()),
                new Meta(null, time(updated), List.of(FhirType.US_CORE + "us-core-blood-pressure")),
                observationStatus(systolic.status()),
                List.of(CodeableConcept.of(OBSERVATION_CATEGORY, "vital-signs", "Vital Signs")),
                CodeableConcept.of(LOINC, BP_PANEL, "Blood pressure panel with all children optional"),
                patient(systolic.patientId()), time(systolic.effectiveAt()), time(systolic.recordedAt()),
                List.of(Reference.to("Practitioner", systolic.authorId())), null, null, null, null, List.of(), List.of(),
                from, List.of(component(systolic, SYSTOLIC, "Systolic blood pressure"),
                        component(diastolic, DIASTOLIC, "Diastolic blood pressure")));
    }

    private static Resources.ObservationComponent component(ChartEntryView e, String code, String display) {
        Quantity value = e == null || e.valueQuantity() == null ? null : quantity(e.valueQuantity(), e.valueUnit());
        return new Resources.ObservationComponent(CodeableConcept.of(LOINC, code, display), value,
                value == null ? dataAbsent() : null);
    }

    /** The panel id of a systolic entry. */
    public static String panelId(UUID systolicEntryId) {
        return systolicEntryId + PANEL_SUFFIX;
    }

    private static CodeableConcept dataAbsent() {
        return CodeableConcept.of("http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown", "Unknown");
    }

    /** The smoking-status findings the chart's texts name (SNOMED CT, the US Core preferred value set). */
    static CodeableConcept smokingStatus(String text) {
        String code = SMOKING_FINDINGS.get(text.toLowerCase(java.util.Locale.ROOT));
        return code == null ? CodeableConcept.text(text)
                : new CodeableConcept(List.of(new Coding("http://snomed.info/sct", code, text)), text);
    }

    static Resources.Condition condition(ChartEntryView e) {
        boolean error = ENTERED_IN_ERROR.equals(e.status());
        return new Resources.Condition("Condition", id(e), meta(e, FhirType.CONDITION.profile()),
                error ? null : CodeableConcept.of("http://terminology.hl7.org/CodeSystem/condition-clinical",
                        conditionClinicalStatus(e.status()), null),
                CodeableConcept.of("http://terminology.hl7.org/CodeSystem/condition-ver-status",
                        error ? ENTERED_IN_ERROR : "confirmed", null),
                List.of(CodeableConcept.of(CONDITION_CATEGORY, "problem-list-item", "Problem List Item")),
                concept(e), patient(e.patientId()), time(e.effectiveAt()), time(e.recordedAt()),
                Reference.to("Practitioner", e.authorId()));
    }

    static Resources.AllergyIntolerance allergyIntolerance(ChartEntryView e) {
        boolean error = ENTERED_IN_ERROR.equals(e.status());
        String clinical = switch (e.status()) {
            case "inactive", "resolved" -> e.status();
            default -> "active";
        };
        return new Resources.AllergyIntolerance("AllergyIntolerance", id(e), meta(e, FhirType.ALLERGY_INTOLERANCE.profile()),
                error ? null : CodeableConcept.of("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", clinical, null),
                CodeableConcept.of("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification",
                        error ? ENTERED_IN_ERROR : "confirmed", null),
                concept(e), patient(e.patientId()), time(e.effectiveAt()), time(e.recordedAt()),
                Reference.to("Practitioner", e.authorId()));
    }

    static Resources.MedicationRequest medicationRequest(ChartEntryView e) {
        String status = switch (e.status()) {
            case "active", "on-hold", "cancelled", "completed", "stopped", ENTERED_IN_ERROR -> e.status();
            default -> "unknown";
        };
        return new Resources.MedicationRequest("MedicationRequest", id(e), meta(e, FhirType.MEDICATION_REQUEST.profile()),
                status, "order", List.of(), false, concept(e), patient(e.patientId()), time(e.effectiveAt()),
                Reference.to("Practitioner", e.authorId()),
                e.body() == null ? List.of() : List.of(new Resources.Dosage(e.body())));
    }

    static Resources.Immunization immunization(ChartEntryView e) {
        String status = switch (e.status()) {
            case "not-done", ENTERED_IN_ERROR -> e.status();
            default -> "completed";
        };
        return new Resources.Immunization("Immunization", id(e), meta(e, FhirType.IMMUNIZATION.profile()), status,
                "not-done".equals(status) ? CodeableConcept.text("Not done") : null,
                concept(e), patient(e.patientId()), time(e.effectiveAt()), time(e.recordedAt()), true);
    }

    static Resources.Encounter encounter(ChartEntryView e) {
        String status = switch (e.status()) {
            case "planned", "in-progress", "finished", "cancelled", ENTERED_IN_ERROR -> e.status();
            default -> "unknown";
        };
        boolean emergency = "50849002".equals(e.code().code());
        return new Resources.Encounter("Encounter", id(e), meta(e, FhirType.ENCOUNTER.profile()), status,
                new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", emergency ? "EMER" : "AMB",
                        emergency ? "emergency" : "ambulatory"),
                List.of(concept(e)), patient(e.patientId()),
                List.of(new Resources.EncounterParticipant(List.of(), Reference.to("Practitioner", e.authorId()))),
                new Period(time(e.effectiveAt()), null), null);
    }

    static Resources.Procedure procedure(ChartEntryView e) {
        String status = switch (e.status()) {
            case "in-progress", "not-done", "on-hold", "stopped", "completed", ENTERED_IN_ERROR -> e.status();
            case "planned" -> "preparation";
            default -> "unknown";
        };
        return new Resources.Procedure("Procedure", id(e), meta(e, FhirType.PROCEDURE.profile()), status, concept(e),
                patient(e.patientId()), time(e.effectiveAt()), Reference.to("Practitioner", e.authorId()),
                List.of(new Resources.ProcedurePerformer(Reference.to("Practitioner", e.authorId()))));
    }

    /**
     * The lab results of one patient drawn at the same time, as one report (us-core-diagnosticreport-lab).
     * The chart keeps no orders or panels, so the report is the group: code 11502-2 "Laboratory
     * report", its results every lab entry of that time. The id names the patient and the time
     * ({@link #reportId}), so it is stable and readable.
     */
    static Resources.DiagnosticReport diagnosticReport(List<ChartEntryView> results) {
        ChartEntryView first = results.get(0);
        Instant issued = results.stream().map(ChartEntryView::recordedAt).filter(java.util.Objects::nonNull)
                .max(java.util.Comparator.naturalOrder()).orElse(null);
        Instant updated = results.stream().map(ChartEntryView::updatedAt).filter(java.util.Objects::nonNull)
                .max(java.util.Comparator.naturalOrder()).orElse(null);
        Set<String> statuses = new java.util.HashSet<>();
        results.forEach(r -> statuses.add(r.status()));
        String status = statuses.contains("preliminary") ? "preliminary"
                : statuses.contains("corrected") ? "corrected"
                : statuses.contains("amended") ? "amended"
                : statuses.equals(Set.of(ENTERED_IN_ERROR)) ? ENTERED_IN_ERROR
                : statuses.equals(Set.of("cancelled")) ? "cancelled"
                : statuses.stream().allMatch(st -> st.equals("final") || st.equals("cancelled")) ? "final" : "unknown";
        List<Reference> performers = results.stream().map(ChartEntryView::authorId).distinct()
                .map(a -> Reference.to("Practitioner", a)).toList();
        return new Resources.DiagnosticReport("DiagnosticReport", reportId(first.patientId(), first.effectiveAt()),
                new Meta(null, time(updated), List.of(FhirType.DIAGNOSTIC_REPORT.profile())), status,
                List.of(CodeableConcept.of("http://terminology.hl7.org/CodeSystem/v2-0074", "LAB", "Laboratory")),
                CodeableConcept.of(LOINC, LAB_REPORT, "Laboratory report"), patient(first.patientId()),
                time(first.effectiveAt()), time(issued), performers,
                results.stream().map(r -> Reference.to("Observation", r.id())).toList());
    }

    /** A lab report's id: the patient and the time its results were drawn (microseconds since the epoch). */
    public static String reportId(UUID patientId, Instant effectiveAt) {
        long micros = Math.addExact(Math.multiplyExact(effectiveAt.getEpochSecond(), 1_000_000L), effectiveAt.getNano() / 1000);
        return patientId + "." + micros;
    }

    /** The time a {@link #reportId} names. */
    static Instant reportTime(String micros) {
        long value = Long.parseLong(micros);
        return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1000);
    }

    /** Notes (their text inline) and stored documents (their bytes as a Binary) are clinical notes. */
    static Resources.DocumentReference documentReference(ChartEntryView e) {
        String status = ENTERED_IN_ERROR.equals(e.status()) ? ENTERED_IN_ERROR
                : "superseded".equals(e.status()) ? "superseded" : "current";
        Attachment attachment = e.documentId() != null
                ? new Attachment(null, null, "Binary/" + e.documentId(), null, null, e.code().display(), time(e.recordedAt()))
                : new Attachment("text/plain;charset=utf-8",
                Base64.getEncoder().encodeToString((e.body() == null ? "" : e.body()).getBytes(StandardCharsets.UTF_8)),
                null, null, null, e.code().display(), time(e.recordedAt()));
        return new Resources.DocumentReference("DocumentReference", id(e), meta(e, FhirType.DOCUMENT_REFERENCE.profile()),
                status, concept(e), List.of(CodeableConcept.of(DOCUMENT_CATEGORY, "clinical-note", "Clinical Note")),
                patient(e.patientId()), time(e.recordedAt()), List.of(Reference.to("Practitioner", e.authorId())),
                List.of(new Resources.DocumentContent(attachment, null)));
    }

    /** The content type a document reference's Binary has, when the entry is a stored document. */
    static Resources.Binary binary(UUID documentId, String contentType, byte[] content) {
        return new Resources.Binary("Binary", documentId.toString(), null, contentType,
                Base64.getEncoder().encodeToString(content));
    }

    /**
     * Who wrote one version of an entry, when: the entry's history as Provenance. The id is the
     * entry's id and the version, so every version has its own.
     */
    static Resources.Provenance provenance(ChartEntryView e, Party author) {
        return provenance(e, author, null);
    }

    /** {@link #provenance(ChartEntryView, Party)}, also naming a resource made from the entry (a blood-pressure panel). */
    static Resources.Provenance provenance(ChartEntryView e, Party author, String derivedTarget) {
        FhirType type = FhirType.ofChartCategory(e.category());
        List<Reference> targets = new ArrayList<>(List.of(Reference.to(type.typeName(), e.id() + "/_history/" + e.version())));
        String derived = derivedTarget != null ? derivedTarget
                : "observation".equals(e.category()) && SYSTOLIC.equals(e.code().code()) ? "Observation/" + panelId(e.id()) : null;
        if (derived != null) {
            targets.add(new Reference(derived, null));
        }
        return new Resources.Provenance("Provenance", provenanceId(e.id(), e.version()),
                new Meta(null, time(e.updatedAt()), List.of(FhirType.PROVENANCE.profile())),
                targets, time(e.updatedAt()),
                CodeableConcept.of("http://terminology.hl7.org/CodeSystem/v3-DataOperation",
                        e.version() == 1 ? "CREATE" : "UPDATE", e.version() == 1 ? "create" : "revise"),
                List.of(new Resources.ProvenanceAgent(
                        CodeableConcept.of("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "author", "Author"),
                        Reference.to("Practitioner", e.authorId()),
                        author == null || author.organizationId() == null ? null
                                : Reference.to("Organization", author.organizationId()))));
    }

    public static String provenanceId(UUID entryId, int version) {
        return entryId + "-" + version;
    }

    // ---------------------------------------------------------------- people and organizations

    static Resources.Patient patient(PatientView p) {
        List<ContactPoint> telecom = new ArrayList<>();
        if (p.phone() != null) telecom.add(new ContactPoint("phone", p.phone(), "home"));
        if (p.email() != null) telecom.add(new ContactPoint("email", p.email(), null));
        List<Address> address = p.addressLine() == null && p.city() == null ? List.of()
                : List.of(new Address("home", p.addressLine() == null ? List.of() : List.of(p.addressLine()), p.city(), p.postalCode()));
        return new Resources.Patient("Patient", p.id().toString(), Meta.of(FhirType.PATIENT.profile()),
                List.of(new Identifier("usual", CodeableConcept.of("http://terminology.hl7.org/CodeSystem/v2-0203", "MR",
                        "Medical record number"), mrnSystem(p.organizationId()), p.mrn(),
                        Reference.to("Organization", p.organizationId()))),
                true, List.of(new HumanName("official", null, p.familyName(), List.of(p.givenName()), List.of())),
                telecom, p.sex(), p.birthDate() == null ? null : p.birthDate().toString(), address,
                Reference.to("Organization", p.organizationId()));
    }

    /** An organization's medical record numbers are identified by the organization. */
    public static String mrnSystem(UUID organizationId) {
        return "urn:uuid:" + organizationId;
    }

    static Resources.Practitioner practitioner(Party party) {
        return new Resources.Practitioner("Practitioner", party.id().toString(), Meta.of(FhirType.PRACTITIONER.profile()),
                List.of(new Identifier("official", null, URI_IDENTIFIER, "urn:uuid:" + party.id(), null)), true,
                List.of(humanName(party.name())));
    }

    static Resources.Organization organization(UUID id, String name) {
        return new Resources.Organization("Organization", id.toString(), Meta.of(FhirType.ORGANIZATION.profile()),
                List.of(new Identifier("official", null, URI_IDENTIFIER, "urn:uuid:" + id, null)), true,
                List.of(CodeableConcept.of("http://terminology.hl7.org/CodeSystem/organization-type", "prov",
                        "Healthcare Provider")), name);
    }

    /** A coverage: the member id as the payer's identifier (type MB), plan and group as classes. */
    static Resources.Coverage coverage(org.carechart.coverage.api.CoverageView c) {
        List<Resources.CoverageClass> classes = new ArrayList<>();
        if (c.planValue() != null) {
            classes.add(new Resources.CoverageClass(CodeableConcept.of(COVERAGE_CLASS, "plan", "Plan"), c.planValue(), c.planName()));
        }
        if (c.groupValue() != null) {
            classes.add(new Resources.CoverageClass(CodeableConcept.of(COVERAGE_CLASS, "group", "Group"), c.groupValue(), c.groupName()));
        }
        return new Resources.Coverage("Coverage", c.id().toString(),
                new Meta(null, time(c.updatedAt()), List.of(FhirType.COVERAGE.profile())),
                List.of(new Identifier("usual", CodeableConcept.of("http://terminology.hl7.org/CodeSystem/v2-0203", "MB",
                        "Member Number"), "urn:uuid:" + c.payerId(), c.memberId(), new Reference("Organization/" + c.payerId(), c.payerName()))),
                c.status(),
                c.typeCode() == null ? null : CodeableConcept.of(PAYMENT_TYPOLOGY, c.typeCode(), c.typeDisplay()),
                c.subscriberId(), patient(c.patientId()),
                CodeableConcept.of("http://terminology.hl7.org/CodeSystem/subscriber-relationship", c.relationship(), null),
                c.startsOn() == null && c.endsOn() == null ? null
                        : new Period(c.startsOn() == null ? null : c.startsOn().toString(), c.endsOn() == null ? null : c.endsOn().toString()),
                List.of(new Reference("Organization/" + c.payerId(), c.payerName())), classes);
    }

    /** The patient's care team now: one CareTeam per patient, its id the patient's. */
    static Resources.CareTeam careTeam(UUID patientId, List<CareTeamMemberView> members) {
        List<Resources.CareTeamParticipant> participants = members.stream().filter(CareTeamMemberView::active)
                .map(m -> new Resources.CareTeamParticipant(List.of(careTeamRole(m.role())),
                        new Reference("Practitioner/" + m.providerId(), m.providerName()),
                        new Period(time(m.startsAt()), time(m.endsAt()))))
                .toList();
        return new Resources.CareTeam("CareTeam", patientId.toString(), Meta.of(FhirType.CARE_TEAM.profile()),
                participants.isEmpty() ? "inactive" : "active", patient(patientId), participants);
    }

    /**
     * A proxy link as the person it names: who acts for the patient, how related, since when. The id
     * is the link's (a person who is a proxy for two patients is two RelatedPersons).
     */
    static Resources.RelatedPerson relatedPerson(UUID patientId, ProxyView proxy) {
        CodeableConcept relationship = switch (proxy.relationship()) {
            case "parent" -> CodeableConcept.of(ROLE_CODE, "PRN", "parent");
            case "guardian" -> CodeableConcept.of(ROLE_CODE, "GUARD", "guardian");
            default -> CodeableConcept.text(proxy.relationship());
        };
        return new Resources.RelatedPerson("RelatedPerson", proxy.id().toString(), Meta.of(FhirType.RELATED_PERSON.profile()),
                proxy.active(), patient(patientId), List.of(relationship),
                proxy.proxyName() == null ? List.of() : List.of(humanName(proxy.proxyName())),
                new Period(time(proxy.startsAt()), time(proxy.endsAt())));
    }

    private static CodeableConcept careTeamRole(String role) {
        String lower = role == null ? "" : role.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("primary care")) {
            return new CodeableConcept(List.of(new Coding("http://snomed.info/sct", "453231000124104",
                    "Primary care provider")), role);
        }
        return new CodeableConcept(List.of(new Coding("http://snomed.info/sct", "223366009", "Healthcare professional")), role);
    }

    /** "Dr. Hannah Lee" as a name: prefix, given names and the family name (the last word). */
    static HumanName humanName(String display) {
        List<String> words = new ArrayList<>(Arrays.asList(display.replaceAll("\\(.*\\)", "").trim().split("\\s+")));
        List<String> prefix = new ArrayList<>();
        while (words.size() > 1 && words.get(0).endsWith(".")) {
            prefix.add(words.remove(0));
        }
        String family = words.remove(words.size() - 1);
        return new HumanName("official", display, family, words, prefix);
    }

    // ---------------------------------------------------------------- helpers

    static String observationStatus(String status) {
        return switch (status) {
            case "registered", "preliminary", "final", "amended", "corrected", "cancelled", ENTERED_IN_ERROR -> status;
            default -> "unknown";
        };
    }

    static String conditionClinicalStatus(String status) {
        return switch (status) {
            case "active", "recurrence", "relapse", "inactive", "remission", "resolved" -> status;
            default -> "active";
        };
    }

    private static Quantity quantity(java.math.BigDecimal value, String unit) {
        return value == null ? null : new Quantity(value, unit, unit == null ? null : UCUM, unit);
    }

    private static CodeableConcept concept(ChartEntryView e) {
        return new CodeableConcept(List.of(new Coding(e.code().system(), e.code().code(), e.code().display())),
                e.code().display());
    }

    private static Reference patient(UUID patientId) {
        return Reference.to("Patient", patientId);
    }

    private static Meta meta(ChartEntryView e, String profile) {
        return new Meta(Integer.toString(e.version()), time(e.updatedAt()), List.of(profile));
    }

    private static String id(ChartEntryView e) {
        return e.id().toString();
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

}
