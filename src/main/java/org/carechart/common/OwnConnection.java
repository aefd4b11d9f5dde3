package org.carechart.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks one of the few classes that reach PostgreSQL through the raw Vert.x client on a connection of
 * their own, never inside a unit of work: the LISTEN connection, the live streams' reads (which
 * outlive any request), background jobs that run one statement at a time. Everything else runs on the
 * unit of work's session through {@link Sql}. {@code ArchitectureTest} keeps it so: only a class marked
 * this way may use the raw client, it may not also use the session, and no transactional service may
 * call it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface OwnConnection {

    /** Why this class needs a connection of its own. */
    String value();
}
