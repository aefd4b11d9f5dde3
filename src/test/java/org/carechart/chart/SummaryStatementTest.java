package org.carechart.chart;

import org.carechart.common.DatabasePool;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The summary's one statement is prepared once per connection only while its text is within the client's cache limit. */
class SummaryStatementTest {

    @Test
    void theSummaryStatementIsShortEnoughToStayPrepared() {
        int length = ChartRepository.SUMMARY.length();
        assertTrue(length > 2048, "the summary no longer needs the raised limit (" + length + " characters): say so in performance.md");
        assertTrue(length <= DatabasePool.CACHEABLE_SQL_LIMIT,
                "the summary statement is " + length + " characters, over the prepared-statement cache limit of "
                        + DatabasePool.CACHEABLE_SQL_LIMIT + ": it would be parsed and planned on every request");
    }
}
