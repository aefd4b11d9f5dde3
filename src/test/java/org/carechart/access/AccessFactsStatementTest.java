package org.carechart.access;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The access facts are read on every request: their statement must stay short enough for the Vert.x
 * client to keep it prepared, or PostgreSQL parses and plans it on every request (issue 12: that planning
 * was most of PostgreSQL's time per audited read, docs/performance.md).
 */
class AccessFactsStatementTest {

    @Test
    void the_facts_statement_is_short_enough_to_stay_prepared() {
        int length = AccessFactsRepository.FACTS.length();
        assertTrue(length <= AccessFactsRepository.CACHEABLE_SQL_LIMIT,
                "FACTS is " + length + " characters; the prepared-statement cache takes at most "
                        + AccessFactsRepository.CACHEABLE_SQL_LIMIT);
    }
}
