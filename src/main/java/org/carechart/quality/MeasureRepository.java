package org.carechart.quality;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Sql;
import org.carechart.common.SqlRow;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The measures' SQL: one statement per numerator kind counts the whole population in PostgreSQL (never
 * patient by patient in Java). It reads the chart's current view ({@code chart_entry}) and {@code patient}
 * directly, read-only, as an aggregate read model: an entry retracted as entered-in-error never counts;
 * sensitive entries count like any other (an aggregate names nobody; docs/quality.md).
 *
 * <p>Parameters: {@code :start}/{@code :end} the period as instants (end exclusive), {@code :endDate} the
 * last day (ages are taken on it), {@code :org} an organization id or '' for all.
 */
@ApplicationScoped
public class MeasureRepository {

    /** Statuses that never count: retracted entries, and what did not happen. */
    private static final String VOID_STATUSES = "('entered-in-error', 'cancelled', 'not-done', 'planned')";

    private static final String POPULATION = """
            with ip as (
              select p.id, p.given_name, p.family_name
                from patient p
               where (cast(:org as text) = '' or p.organization_id = cast(nullif(cast(:org as text), '') as uuid))
                 and p.birth_date <= cast(:endDate as date) - make_interval(years => cast(:minAge as int))
                 and p.birth_date > cast(:endDate as date) - make_interval(years => cast(:maxAge as int) + 1)
                 and exists (select 1 from chart_entry v where v.patient_id = p.id and v.category = 'encounter'
                              and v.status not in %1$s and v.effective_at >= :start and v.effective_at < :end)
                 and (cast(:noDiagnosis as boolean) or exists (
                        select 1 from chart_entry d where d.patient_id = p.id and d.category = 'condition'
                           and d.code in (:diagnoses) and d.status not in ('entered-in-error', 'resolved', 'inactive')
                           and d.effective_at < :end))
            ), scored as (
              select ip.*,
                     exists (select 1 from chart_entry x where x.patient_id = ip.id
                                and x.category in ('condition', 'allergy', 'procedure') and x.code in (:exclusions)
                                and x.status <> 'entered-in-error' and x.effective_at < :end) as excluded,
                     %2$s as met
                from ip
            )
            """;

    private static final String COUNTS = """
            select count(*) as initial_population,
                   count(*) filter (where excluded) as denominator_exclusion,
                   count(*) filter (where met and not excluded) as numerator
              from scored""";

    private static final String GAPS = """
            select id, given_name, family_name from scored
             where not excluded and met = cast(:gapWhenMet as boolean)
             order by family_name, given_name, id""";

    private static String latest(String alias, String codeParam) {
        return ("(select %1$s.value_quantity from chart_entry %1$s where %1$s.patient_id = ip.id and %1$s.category = 'observation'"
                + " and %1$s.code = :%2$s and %1$s.status not in " + VOID_STATUSES + " and %1$s.value_quantity is not null"
                + " and %1$s.effective_at >= :start and %1$s.effective_at < :end"
                + " order by %1$s.effective_at desc, %1$s.recorded_at desc, %1$s.id desc limit 1)").formatted(alias, codeParam);
    }

    private static final Map<Class<?>, String> NUMERATORS = Map.of(
            Measure.BloodPressureControlled.class,
            "coalesce(" + latest("s", "systolic") + " < cast(:systolicBelow as numeric), false)"
                    + " and coalesce(" + latest("d", "diastolic") + " < cast(:diastolicBelow as numeric), false)",
            Measure.LatestAboveOrMissing.class,
            "coalesce(" + latest("h", "loinc") + " > cast(:above as numeric), true)",
            Measure.ImmunizedInPeriod.class,
            "exists (select 1 from chart_entry i where i.patient_id = ip.id and i.category = 'immunization'"
                    + " and i.code in (:vaccines) and i.status not in " + VOID_STATUSES
                    + " and i.effective_at >= :start and i.effective_at < :end)");

    /** The counts of one measure over one period (and organization, or all). */
    public record Counts(long initialPopulation, long denominatorExclusion, long numerator) {
        static Counts from(SqlRow r) {
            return new Counts(r.number("initial_population"), r.number("denominator_exclusion"), r.number("numerator"));
        }
    }

    /** A patient with a care gap, for records staff (the subject list). */
    public record Subject(UUID patientId, String givenName, String familyName) {
        static Subject from(SqlRow r) {
            return new Subject(r.uuid("id"), r.text("given_name"), r.text("family_name"));
        }
    }

    public Uni<Counts> counts(Measure measure, LocalDate start, LocalDate end, UUID organization) {
        return bound(sql(measure) + COUNTS, measure, start, end, organization).first(Counts::from)
                .map(found -> found.orElse(new Counts(0, 0, 0)));
    }

    /** Patients of the denominator (not excluded) with a gap: not in the numerator, or in it for an inverse measure. */
    public Uni<List<Subject>> gaps(Measure measure, LocalDate start, LocalDate end, UUID organization) {
        return bound(sql(measure) + GAPS, measure, start, end, organization).bind("gapWhenMet", measure.inverse())
                .list(Subject::from);
    }

    private static String sql(Measure measure) {
        return POPULATION.formatted(VOID_STATUSES, NUMERATORS.get(measure.numerator().getClass()));
    }

    private static Sql bound(String text, Measure measure, LocalDate start, LocalDate end, UUID organization) {
        Sql sql = Sql.of(text)
                .bind("org", organization == null ? "" : organization.toString())
                .bind("start", OffsetDateTime.of(start.atStartOfDay(), ZoneOffset.UTC))
                .bind("end", OffsetDateTime.of(end.plusDays(1).atStartOfDay(), ZoneOffset.UTC))
                .bind("endDate", end)
                .bind("minAge", measure.minAge())
                .bind("maxAge", measure.maxAge())
                .bind("noDiagnosis", measure.diagnoses().isEmpty())
                .bind("diagnoses", orNone(measure.diagnoses()))
                .bind("exclusions", orNone(measure.exclusions()));
        Measure.Numerator numerator = measure.numerator();
        if (numerator instanceof Measure.BloodPressureControlled bp) {
            return sql.bind("systolic", bp.systolic()).bind("systolicBelow", bp.systolicBelow())
                    .bind("diastolic", bp.diastolic()).bind("diastolicBelow", bp.diastolicBelow());
        }
        if (numerator instanceof Measure.LatestAboveOrMissing lab) {
            return sql.bind("loinc", lab.loinc()).bind("above", lab.above());
        }
        return sql.bind("vaccines", ((Measure.ImmunizedInPeriod) numerator).codes());
    }

    /** {@code in (:list)} needs at least one value; no code is the empty string. */
    private static List<String> orNone(List<String> codes) {
        return codes.isEmpty() ? List.of("") : codes;
    }
}
