-- An instant clamped into years 1..9999 (null stays null), so Java can always hold it: the access facts'
-- clamp (AccessFactsRepository.bounded), as one short call instead of a long expression repeated eight times.
-- Why it matters: the Vert.x client caches a prepared statement only if its text is at most 2,048 characters
-- (preparedStatementCacheSqlLimit); spelled out, the facts query was 2,424, so PostgreSQL parsed and planned
-- it on every request (issue 12, docs/performance.md). A one-expression SQL function is inlined by the planner.
create function access_bound(t timestamptz) returns timestamptz
    language sql immutable parallel safe as
$$
select greatest(least(t, timestamptz '9999-12-31 23:59:59+00'), timestamptz '0001-01-01 00:00:00+00')
$$;
