package org.carechart.access;

/** What breaking the glass did: opened a new session, or extended the one the provider already had open. */
public record BreakGlassOpening(BreakGlassSession session, boolean extended) {
}
