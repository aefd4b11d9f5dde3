package org.carechart.common;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one way repositories run SQL: a native statement on the unit of work's Hibernate Reactive
 * session (so on its one connection, inside its transaction), parameters by name ({@code :name}),
 * rows read by column name into a typed record by that table's {@code from(SqlRow)}.
 *
 * <pre>{@code
 * Sql.of("select e.id, e.version from chart_entry e where e.id = :id").bind("id", id).first(EntryRow::from)
 * }</pre>
 *
 * Hot reads keep their SQL text constant (values are parameters, never spliced in), so PostgreSQL
 * and the client see one prepared statement per query.
 */
public final class Sql {

    private final String sql;
    private final Map<String, Object> params = new LinkedHashMap<>();

    private Sql(String sql) {
        this.sql = sql;
    }

    public static Sql of(String sql) {
        return new Sql(sql);
    }

    public Sql bind(String name, Object value) {
        params.put(name, value);
        return this;
    }

    public Sql bindAll(Map<String, ?> values) {
        params.putAll(values);
        return this;
    }

    /** Every row, mapped by {@code mapper}. */
    public <T> Uni<List<T>> list(Function<SqlRow, T> mapper) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Tuple.class);
            params.forEach(query::setParameter);
            return query.getResultList();
        }).map(tuples -> {
            List<T> out = new ArrayList<>(tuples.size());
            for (Tuple tuple : tuples) {
                out.add(mapper.apply(new SqlRow(tuple)));
            }
            return out;
        });
    }

    /** The first row, if any. */
    public <T> Uni<Optional<T>> first(Function<SqlRow, T> mapper) {
        return list(mapper).map(rows -> rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0)));
    }

    /** An insert, update or delete; the number of rows it changed. */
    public Uni<Integer> execute() {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            params.forEach(query::setParameter);
            return query.executeUpdate();
        });
    }
}
