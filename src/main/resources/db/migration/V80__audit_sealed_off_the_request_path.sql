-- Audit events are written unsealed and sealed into their chain off the request path (docs/audit.md).
--
-- Before: a BEFORE INSERT trigger locked the patient's chain head, hashed the row with plain SHA-256 and
-- moved the head, inside every request's transaction: readers of one patient queued on that row lock,
-- and the runtime role needed UPDATE on audit_chain_head.
-- Now:
--   * audit_event rows are inserted with no chain position (many per statement: group commit). A light
--     row trigger fills in chain_key and clears any seal a writer tried to supply; a statement trigger
--     queues the new rows in audit_pending, in the order they were inserted.
--   * The service's sealer takes pending rows in order, computes HMAC-SHA256 links with a key the
--     database does not hold, and appends them through audit_seal(), a SECURITY DEFINER function that
--     only ever extends a chain from its head (sequence +1, prev_hash = head hash) and empties the queue.
--   * audit_seal (one row per sealed event) is append-only like audit_event. The runtime role may read
--     it, audit_pending and audit_chain_head, and change none of them except through audit_seal().
-- V4 rows keep their SHA-256 links: they are copied into audit_seal with alg 'sha256' and a chain goes
-- on from its last V4 hash with HMAC links.

alter table audit_event
    alter column chain_seq drop not null,
    alter column prev_hash drop not null,
    alter column hash drop not null;

create table audit_seal (
    chain_key text        not null,
    chain_seq bigint      not null,
    event_id  uuid        not null unique,
    prev_hash bytea       not null,
    hash      bytea       not null,
    alg       text        not null check (alg in ('sha256', 'hmac-sha256/2')),
    key_id    text,
    sealed_at timestamptz not null default now(),
    primary key (chain_key, chain_seq)
);

insert into audit_seal (chain_key, chain_seq, event_id, prev_hash, hash, alg, sealed_at)
select chain_key, chain_seq, id, prev_hash, hash, 'sha256', occurred_at from audit_event;

create trigger audit_seal_append_only
    before update or delete on audit_seal
    for each row execute function audit_refuse_change();
create trigger audit_seal_no_truncate
    before truncate on audit_seal
    for each statement execute function audit_refuse_change();

create table audit_pending (
    entry_no  bigint generated always as identity primary key,
    event_id  uuid not null unique,
    chain_key text not null
);

drop trigger audit_chain_link on audit_event;
drop function audit_chain_link();

create function audit_prepare() returns trigger
    language plpgsql as
$$
begin
    new.chain_key := coalesce(new.patient_id::text, 'actor:' || coalesce(new.actor_id::text, 'anonymous'));
    new.chain_seq := null;
    new.prev_hash := null;
    new.hash := null;
    return new;
end
$$;

create trigger audit_prepare
    before insert on audit_event
    for each row execute function audit_prepare();

create function audit_enqueue() returns trigger
    language plpgsql security definer set search_path = public, pg_temp as
$$
begin
    insert into audit_pending (event_id, chain_key)
    select id, chain_key from added order by occurred_at, id;
    return null;
end
$$;

create trigger audit_enqueue
    after insert on audit_event
    referencing new table as added
    for each statement execute function audit_enqueue();

-- Appends links to chains. The arrays are parallel, one element per event, and list each chain's new
-- links in sequence order. Refuses (and so changes nothing) unless every chain continues exactly from
-- its head and every event is still pending: the head can only move forward, never be rewritten.
create function audit_seal(p_chain text[], p_seq bigint[], p_event uuid[], p_prev bytea[], p_hash bytea[],
                           p_alg text, p_key_id text) returns integer
    language plpgsql security definer set search_path = public, pg_temp as
$$
declare
    n        integer := coalesce(array_length(p_event, 1), 0);
    broken   integer;
    dequeued integer;
begin
    if n = 0 then
        return 0;
    end if;
    insert into audit_chain_head (chain_key, last_seq, last_hash)
    select distinct c, 0, '\x'::bytea from unnest(p_chain) c
    on conflict (chain_key) do nothing;
    perform 1 from audit_chain_head where chain_key = any (p_chain) order by chain_key for update;

    with links as (
        select t.*, lag(t.seq) over w as before_seq, lag(t.hash) over w as before_hash,
               row_number() over w as nth
          from unnest(p_chain, p_seq, p_event, p_prev, p_hash) with ordinality as t(chain, seq, event, prev, hash, ord)
        window w as (partition by t.chain order by t.ord)
    )
    select count(*) into broken
      from links l join audit_chain_head h on h.chain_key = l.chain
     where (l.nth = 1 and (l.seq <> h.last_seq + 1 or l.prev <> h.last_hash))
        or (l.nth > 1 and (l.seq <> l.before_seq + 1 or l.prev <> l.before_hash));
    if broken > 0 then
        raise exception 'audit seal does not continue its chain' using errcode = 'check_violation';
    end if;

    delete from audit_pending where event_id = any (p_event);
    get diagnostics dequeued = row_count;
    if dequeued <> n then
        raise exception 'audit seal names events that are not pending' using errcode = 'check_violation';
    end if;

    insert into audit_seal (chain_key, chain_seq, event_id, prev_hash, hash, alg, key_id)
    select chain, seq, event, prev, hash, p_alg, p_key_id
      from unnest(p_chain, p_seq, p_event, p_prev, p_hash) as t(chain, seq, event, prev, hash);

    update audit_chain_head h set last_seq = l.seq, last_hash = l.hash
      from (select distinct on (chain) chain, seq, hash
              from unnest(p_chain, p_seq, p_hash) as t(chain, seq, hash)
             order by chain, seq desc) l
     where h.chain_key = l.chain;
    return n;
end
$$;

revoke all on function audit_seal(text[], bigint[], uuid[], bytea[], bytea[], text, text) from public;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'carechart_runtime') then
        revoke all on audit_chain_head, audit_seal, audit_pending from carechart_runtime;
        grant select on audit_chain_head, audit_seal, audit_pending to carechart_runtime;
        grant execute on function audit_seal(text[], bigint[], uuid[], bytea[], bytea[], text, text) to carechart_runtime;
    end if;
end
$$;
