package org.carechart.quality;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small-cell suppression as a pure function: 1-10 hidden, 0 and 11 shown, no back-computation. */
class SuppressionTest {

    private static Suppression.Shown apply(long ip, long excluded, long numerator) {
        return Suppression.apply(new MeasureRepository.Counts(ip, excluded, numerator), 10);
    }

    @Test
    void everyCountFromOneToTenIsHiddenAndZeroAndElevenShown() {
        for (long n = 1; n <= 10; n++) {
            Suppression.Shown shown = apply(n, 0, 0);
            assertNull(shown.initialPopulation(), "ip " + n);
            assertNull(shown.denominator(), "d " + n);
        }
        Suppression.Shown eleven = apply(11, 0, 11);
        assertEquals(11L, eleven.initialPopulation());
        assertEquals(0L, eleven.denominatorExclusion());
        assertEquals(11L, eleven.numerator());
        assertEquals(new BigDecimal("1.0000"), eleven.score());
        Suppression.Shown zero = apply(0, 0, 0);
        assertEquals(0L, zero.initialPopulation());
        assertEquals(0L, zero.numerator());
        assertFalse(zero.scoreDefined());
    }

    @Test
    void nothingSuppressedCanBeBackComputed() {
        // not met = 40 - 0 - 35 = 5: the numerator would give it away
        Suppression.Shown notMet = apply(40, 0, 35);
        assertEquals(40L, notMet.initialPopulation());
        assertNull(notMet.numerator());
        assertNull(notMet.score());
        assertTrue(notMet.scoreDefined());
        // exclusions 3: hidden, and the score (which with D and N would give it back) too
        Suppression.Shown excluded = apply(40, 3, 20);
        assertNull(excluded.denominatorExclusion());
        assertEquals(20L, excluded.numerator());
        assertNull(excluded.score());
        // numerator 4: hidden, and the score
        Suppression.Shown numerator = apply(40, 0, 4);
        assertNull(numerator.numerator());
        assertNull(numerator.score());
        // all above the threshold: everything shown
        Suppression.Shown all = apply(66, 11, 22);
        assertEquals(new BigDecimal("0.4000"), all.score());
        // for every small population, whatever is shown leaves every suppressed cell undetermined
        for (int d = 0; d <= 30; d++) {
            for (int e = 0; e <= d; e++) {
                for (int n = 0; n <= d - e; n++) {
                    Suppression.Shown s = apply(d, e, n);
                    long m = d - e - n;
                    boolean anySmall = Suppression.small(d, 10) || Suppression.small(e, 10) || Suppression.small(n, 10)
                            || Suppression.small(m, 10);
                    if (anySmall) {
                        assertNull(s.score(), d + "/" + e + "/" + n);
                    }
                    // D, E and N all shown only when the hidden not-met cell is not small
                    if (s.denominator() != null && s.denominatorExclusion() != null && s.numerator() != null) {
                        assertFalse(Suppression.small(m, 10), d + "/" + e + "/" + n);
                    }
                    assertFalse(s.denominator() != null && Suppression.small(d, 10));
                    assertFalse(s.denominatorExclusion() != null && Suppression.small(e, 10));
                    assertFalse(s.numerator() != null && Suppression.small(n, 10));
                }
            }
        }
    }

    @Test
    void countsOutOfOrderAreABug() {
        assertThrows(IllegalStateException.class, () -> apply(5, 0, 6));
        assertThrows(IllegalStateException.class, () -> apply(5, 4, 3));
    }
}
