package org.carechart.common;

import jakarta.persistence.Tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One row of a native query, read by column name (the query's column label, lower case as PostgreSQL
 * writes it). Each table's typed record reads its rows through this, in one {@code from(SqlRow)} per
 * table; nothing reads a column by its position.
 */
public final class SqlRow {

    private final Tuple tuple;

    SqlRow(Tuple tuple) {
        this.tuple = tuple;
    }

    public Object value(String column) {
        return tuple.get(column);
    }

    public UUID uuid(String column) {
        return Rows.uuid(value(column));
    }

    public String text(String column) {
        return Rows.text(value(column));
    }

    public Instant instant(String column) {
        return Rows.instant(value(column));
    }

    public LocalDate date(String column) {
        return Rows.date(value(column));
    }

    public BigDecimal decimal(String column) {
        return Rows.decimal(value(column));
    }

    /** A bigint or int column; 0 when null. */
    public long number(String column) {
        return Rows.number(value(column));
    }

    public int integer(String column) {
        return (int) Rows.number(value(column));
    }

    /** An int or bigint column that may be null. */
    public Long nullableNumber(String column) {
        Object value = value(column);
        return value == null ? null : Rows.number(value);
    }

    public boolean bool(String column) {
        return Rows.bool(value(column));
    }

    public byte[] bytes(String column) {
        return (byte[]) value(column);
    }
}
