package org.carechart.quality;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Measures and MeasureReports as FHIR R4 JSON (Jackson trees: no reflection, native-safe). */
final class MeasureReports {

    static final String POPULATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/measure-population";
    static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private MeasureReports() {
    }

    static ObjectNode measure(Measure m, String base) {
        ObjectNode r = F.objectNode();
        r.put("resourceType", "Measure");
        r.put("id", m.id());
        r.put("url", base + "/Measure/" + m.id());
        r.put("name", m.name());
        r.put("title", m.title());
        r.put("status", "active");
        r.put("experimental", false);
        r.put("description", m.description());
        r.putObject("scoring").putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/measure-scoring").put("code", "proportion");
        r.putObject("improvementNotation").putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/measure-improvement-notation")
                .put("code", m.inverse() ? "decrease" : "increase");
        r.putArray("relatedArtifact").addObject().put("type", "derived-from")
                .put("display", m.basedOn() + " (simplified; see docs/quality.md)");
        ArrayNode populations = r.putArray("group").addObject().putArray("population");
        population(populations, "initial-population", "Age " + m.minAge() + "-" + m.maxAge() + " at the end of the period, "
                + "an encounter in the period" + (m.diagnoses().isEmpty() ? "" : ", a condition (SNOMED CT " + String.join(", ", m.diagnoses())
                + ") with onset before the end of the period, not resolved or inactive"));
        population(populations, "denominator", "Equals the initial population");
        population(populations, "denominator-exclusion", "A condition, allergy or procedure (SNOMED CT "
                + String.join(", ", m.exclusions()) + ") recorded before the end of the period");
        population(populations, "numerator", numeratorText(m.numerator()));
        return r;
    }

    private static String numeratorText(Measure.Numerator numerator) {
        if (numerator instanceof Measure.BloodPressureControlled bp) {
            return "Most recent systolic (LOINC " + bp.systolic() + ") in the period < " + (int) bp.systolicBelow()
                    + " mm[Hg] and most recent diastolic (LOINC " + bp.diastolic() + ") < " + (int) bp.diastolicBelow() + " mm[Hg]";
        }
        if (numerator instanceof Measure.LatestAboveOrMissing lab) {
            return "Most recent result of LOINC " + lab.loinc() + " in the period > " + lab.above() + ", or none in the period";
        }
        return "An immunization (CVX " + String.join(", ", ((Measure.ImmunizedInPeriod) numerator).codes()) + ") in the period";
    }

    private static void population(ArrayNode populations, String code, String criteria) {
        ObjectNode p = populations.addObject();
        coding(p, code);
        p.putObject("criteria").put("language", "text/plain").put("expression", criteria);
    }

    /** A summary report; every masked value carries data-absent-reason {@code masked}. */
    static ObjectNode summary(Measure m, String base, LocalDate start, LocalDate end, UUID organization,
                              Suppression.Shown shown, Instant now) {
        ObjectNode r = report(m, base, "summary", start, end, organization, now);
        ObjectNode group = r.putArray("group").addObject();
        ArrayNode populations = group.putArray("population");
        count(populations, "initial-population", shown.initialPopulation());
        count(populations, "denominator", shown.denominator());
        count(populations, "denominator-exclusion", shown.denominatorExclusion());
        count(populations, "numerator", shown.numerator());
        if (shown.score() != null) {
            group.putObject("measureScore").put("value", shown.score());
        } else if (shown.scoreDefined()) {
            masked(group.putObject("measureScore"));
        }
        return r;
    }

    /** For records staff: the denominator's patients with a care gap, as a contained List. */
    static ObjectNode subjectList(Measure m, String base, LocalDate start, LocalDate end, UUID organization,
                                  MeasureRepository.Counts counts, List<MeasureRepository.Subject> gaps, Instant now) {
        ObjectNode r = report(m, base, "subject-list", start, end, organization, now);
        ObjectNode list = r.putArray("contained").addObject();
        list.put("resourceType", "List");
        list.put("id", "care-gaps");
        list.put("status", "current");
        list.put("mode", "snapshot");
        list.put("title", m.inverse() ? "In the numerator (poor control): a care gap" : "Not in the numerator: a care gap");
        ArrayNode entries = list.putArray("entry");
        for (MeasureRepository.Subject s : gaps) {
            entries.addObject().putObject("item").put("reference", "Patient/" + s.patientId())
                    .put("display", s.givenName() + " " + s.familyName());
        }
        ObjectNode group = r.putArray("group").addObject();
        ArrayNode populations = group.putArray("population");
        count(populations, "initial-population", counts.initialPopulation());
        count(populations, "denominator", counts.initialPopulation());
        count(populations, "denominator-exclusion", counts.denominatorExclusion());
        ObjectNode numerator = count(populations, "numerator", counts.numerator());
        numerator.putObject("subjectResults").put("reference", "#care-gaps")
                .put("display", "patients of the denominator with a care gap");
        return r;
    }

    private static ObjectNode report(Measure m, String base, String type, LocalDate start, LocalDate end, UUID organization,
                                     Instant now) {
        ObjectNode r = F.objectNode();
        r.put("resourceType", "MeasureReport");
        r.put("status", "complete");
        r.put("type", type);
        r.put("measure", base + "/Measure/" + m.id());
        r.put("date", now.toString());
        if (organization != null) {
            r.putObject("reporter").put("reference", "Organization/" + organization);
        }
        r.putObject("period").put("start", start.toString()).put("end", end.toString());
        r.putObject("improvementNotation").putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/measure-improvement-notation")
                .put("code", m.inverse() ? "decrease" : "increase");
        return r;
    }

    private static ObjectNode count(ArrayNode populations, String code, Long value) {
        ObjectNode p = populations.addObject();
        coding(p, code);
        if (value != null) {
            p.put("count", value);
        } else {
            masked(p.putObject("_count"));
        }
        return p;
    }

    private static void coding(ObjectNode p, String code) {
        p.putObject("code").putArray("coding").addObject().put("system", POPULATION_SYSTEM).put("code", code);
    }

    private static void masked(ObjectNode element) {
        element.putArray("extension").addObject().put("url", DATA_ABSENT_REASON).put("valueCode", "masked");
    }

    static ObjectNode bundle(List<ObjectNode> resources, String base) {
        ObjectNode b = F.objectNode();
        b.put("resourceType", "Bundle");
        b.put("type", "searchset");
        b.put("total", resources.size());
        b.putArray("link").addObject().put("relation", "self").put("url", base + "/Measure");
        ArrayNode entries = b.putArray("entry");
        for (ObjectNode resource : resources) {
            ObjectNode e = entries.addObject();
            e.put("fullUrl", base + "/Measure/" + resource.get("id").asText());
            e.set("resource", resource);
            e.putObject("search").put("mode", "match");
        }
        return b;
    }
}
