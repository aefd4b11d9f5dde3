package org.carechart.quality;

import org.carechart.support.Db;
import org.carechart.support.Fixtures;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/** Hand-computed fixture patients for the measures, written as SQL fixtures (current view and version 1). */
final class QualityFixtures {

    static final String SNOMED = "http://snomed.info/sct";
    static final String LOINC = "http://loinc.org";
    static final String CVX = "http://hl7.org/fhir/sid/cvx";

    private final UUID author;

    QualityFixtures(UUID author) {
        this.author = author;
    }

    static UUID patient(UUID org, LocalDate birthDate) {
        return Fixtures.patient(org, "Q", "Patient" + UUID.randomUUID().toString().substring(0, 8), birthDate);
    }

    UUID entry(UUID patient, String category, String system, String code, String status, LocalDate day,
               Double value, boolean sensitive) {
        UUID id = UUID.randomUUID();
        Timestamp when = Timestamp.from(day.atTime(10, 0).toInstant(ZoneOffset.UTC));
        BigDecimal quantity = value == null ? null : BigDecimal.valueOf(value);
        Db.update("insert into chart_entry (id, patient_id, category, version, status, code_system, code, display, effective_at,"
                        + " recorded_at, value_quantity, sensitive, author_id, updated_at) values (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, patient, category, status, system, code, "Test " + code, when, when, quantity, sensitive, author, when);
        Db.update("insert into chart_entry_version (entry_id, version, patient_id, category, status, code_system, code, display,"
                        + " effective_at, recorded_at, value_quantity, sensitive, author_id, written_at)"
                        + " values (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, patient, category, status, system, code, "Test " + code, when, when, quantity, sensitive, author, when);
        return id;
    }

    void encounter(UUID patient, LocalDate day) {
        entry(patient, "encounter", SNOMED, "185349003", "finished", day, null, false);
    }

    void condition(UUID patient, String code, LocalDate onset) {
        entry(patient, "condition", SNOMED, code, "active", onset, null, false);
    }

    void bp(UUID patient, LocalDate day, double systolic, double diastolic) {
        entry(patient, "observation", LOINC, "8480-6", "final", day, systolic, false);
        entry(patient, "observation", LOINC, "8462-4", "final", day, diastolic, false);
    }

    /** A patient in CMS165's numerator: adult, hypertension, a visit and a controlled last reading in 2025. */
    UUID controlled(UUID org) {
        UUID p = patient(org, LocalDate.of(1970, 4, 2));
        condition(p, Measure.HYPERTENSION, LocalDate.of(2019, 1, 5));
        encounter(p, LocalDate.of(2025, 3, 1));
        bp(p, LocalDate.of(2025, 2, 1), 150, 95);
        bp(p, LocalDate.of(2025, 6, 1), 130, 80);
        return p;
    }

    /** One of each kind, for CMS165 over 2025; returns the three care gaps. IP 6, exclusion 1, numerator 2. */
    java.util.List<UUID> hypertensionSet(UUID org) {
        controlled(org);                                                        // numerator
        UUID high = patient(org, LocalDate.of(1960, 1, 1));                     // denominator only: last reading high
        condition(high, Measure.HYPERTENSION, LocalDate.of(2020, 1, 1));
        encounter(high, LocalDate.of(2025, 9, 1));
        bp(high, LocalDate.of(2025, 1, 10), 120, 70);
        bp(high, LocalDate.of(2025, 9, 1), 145, 85);
        UUID excluded = patient(org, LocalDate.of(1965, 1, 1));                 // excluded: end-stage renal disease
        condition(excluded, Measure.HYPERTENSION, LocalDate.of(2020, 1, 1));
        condition(excluded, Measure.ESRD, LocalDate.of(2024, 1, 1));
        encounter(excluded, LocalDate.of(2025, 5, 1));
        bp(excluded, LocalDate.of(2025, 5, 1), 120, 70);
        UUID outside = patient(org, LocalDate.of(1965, 1, 1));                  // outside the period: seen in 2024 only
        condition(outside, Measure.HYPERTENSION, LocalDate.of(2020, 1, 1));
        encounter(outside, LocalDate.of(2024, 6, 1));
        bp(outside, LocalDate.of(2024, 6, 1), 120, 70);
        UUID sensitive = patient(org, LocalDate.of(1980, 1, 1));                // a sensitive diagnosis counts: numerator
        entry(sensitive, "condition", SNOMED, Measure.HYPERTENSION, "active", LocalDate.of(2022, 1, 1), null, true);
        encounter(sensitive, LocalDate.of(2025, 4, 1));
        bp(sensitive, LocalDate.of(2025, 4, 1), 118, 75);
        UUID retractedDiagnosis = patient(org, LocalDate.of(1980, 1, 1));       // the diagnosis was entered in error
        entry(retractedDiagnosis, "condition", SNOMED, Measure.HYPERTENSION, "entered-in-error", LocalDate.of(2022, 1, 1), null, false);
        encounter(retractedDiagnosis, LocalDate.of(2025, 4, 1));
        bp(retractedDiagnosis, LocalDate.of(2025, 4, 1), 150, 95);
        UUID retractedReading = patient(org, LocalDate.of(1975, 1, 1));         // the last (good) reading was retracted
        condition(retractedReading, Measure.HYPERTENSION, LocalDate.of(2020, 1, 1));
        encounter(retractedReading, LocalDate.of(2025, 5, 1));
        bp(retractedReading, LocalDate.of(2025, 5, 1), 150, 92);
        entry(retractedReading, "observation", LOINC, "8480-6", "entered-in-error", LocalDate.of(2025, 10, 1), 120.0, false);
        entry(retractedReading, "observation", LOINC, "8462-4", "entered-in-error", LocalDate.of(2025, 10, 1), 70.0, false);
        UUID tooOld = patient(org, LocalDate.of(1935, 1, 1));                   // 90 at the end of the period
        condition(tooOld, Measure.HYPERTENSION, LocalDate.of(2000, 1, 1));
        encounter(tooOld, LocalDate.of(2025, 4, 1));
        bp(tooOld, LocalDate.of(2025, 4, 1), 120, 70);
        UUID noReading = patient(org, LocalDate.of(1985, 1, 1));                // no reading in the period: not controlled
        condition(noReading, Measure.HYPERTENSION, LocalDate.of(2021, 1, 1));
        encounter(noReading, LocalDate.of(2025, 7, 1));
        return java.util.List.of(high, retractedReading, noReading);
    }
}
