package org.carechart.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Small-cell suppression of one measure's counts, so no patient can be singled out.
 *
 * <p>The published counts are the initial population (= the denominator), the denominator exclusions and
 * the numerator; the cell not published, "in the denominator but not met" ({@code D - exclusions - N}), and
 * the score ({@code N / (D - exclusions)}) follow from them. The rule:
 * <ol>
 * <li>a published count from 1 to the threshold is suppressed (0 and counts above it are shown);</li>
 * <li>if the unpublished "not met" cell is from 1 to the threshold, the numerator is withheld too (else
 *     {@code D - exclusions - N} gives it away);</li>
 * <li>the score is withheld whenever any cell, published or not, is suppressed (with the denominator and
 *     exclusions it gives back the numerator and the not-met cell);</li>
 * <li>a score with an empty performance denominator ({@code D - exclusions = 0}) is not defined: left out.</li>
 * </ol>
 * A withheld value is {@code null}: the report marks it with the data-absent-reason {@code masked}.
 */
final class Suppression {

    /** What may be shown; null: masked. {@code scoreDefined} false: no score exists (nothing to mask). */
    record Shown(Long initialPopulation, Long denominator, Long denominatorExclusion, Long numerator,
                 BigDecimal score, boolean scoreDefined) {
    }

    private Suppression() {
    }

    static Shown apply(MeasureRepository.Counts counts, int threshold) {
        long d = counts.initialPopulation();
        long e = counts.denominatorExclusion();
        long n = counts.numerator();
        long notMet = d - e - n;
        if (n > d || e > d || notMet < 0) {
            throw new IllegalStateException("measure counts out of order"); // numerator <= denominator <= population
        }
        boolean dSmall = small(d, threshold);
        boolean eSmall = small(e, threshold);
        boolean nSmall = small(n, threshold);
        boolean notMetSmall = small(notMet, threshold);
        Long shownD = dSmall ? null : d;
        Long shownE = eSmall ? null : e;
        Long shownN = nSmall || notMetSmall ? null : n;
        boolean scoreDefined = d - e > 0;
        BigDecimal score = null;
        if (scoreDefined && !(dSmall || eSmall || nSmall || notMetSmall)) {
            score = BigDecimal.valueOf(n).divide(BigDecimal.valueOf(d - e), 4, RoundingMode.HALF_UP);
        }
        return new Shown(shownD, shownD, shownE, shownN, score, scoreDefined);
    }

    static boolean small(long count, int threshold) {
        return count >= 1 && count <= threshold;
    }
}
