-- Webhook subscriptions of apps and the delivery log. The secret must be kept readable to sign
-- deliveries (HMAC); it is returned to the app once, at registration.
create table webhook (
    id             uuid primary key,
    app_account_id uuid        not null references account (id),
    url            text        not null,
    kinds          text[]      not null default '{}',
    secret         text        not null,
    created_at     timestamptz not null default now(),
    deleted_at     timestamptz
);
create index webhook_app_idx on webhook (app_account_id) where deleted_at is null;

-- One row per attempt series: a redelivery on request is a new row. next_attempt_at doubles as a
-- lease: a dispatcher claims a due row by moving it forward, so instances never send it twice at once.
create table webhook_delivery (
    id               uuid primary key,
    webhook_id       uuid        not null references webhook (id),
    event_id         uuid        not null references notification_event (id),
    patient_id       uuid,
    category         text,
    kind             text        not null,
    body             text        not null,
    status           text        not null default 'pending'
                                 check (status in ('pending', 'delivered', 'failed', 'stopped')),
    attempts         int         not null default 0,
    last_status_code int,
    last_error       text,
    last_attempt_at  timestamptz,
    next_attempt_at  timestamptz not null default now(),
    created_at       timestamptz not null default now(),
    delivered_at     timestamptz
);
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_webhook_idx on webhook_delivery (webhook_id, created_at desc, id desc);

-- The delivery body is built from the event row: ids, kind, category, title and time only.
create function notification_event_json(e notification_event) returns text
    language sql stable as
$$
select json_build_object(
    'id', e.id, 'kind', e.kind, 'patientId', e.patient_id, 'category', e.category,
    'resourceId', e.resource_id, 'title', e.title,
    'createdAt', to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
$$;

-- Queues a delivery for every live subscription of the given apps that wants this kind of event.
create function webhook_fan_out(p_event uuid, p_apps uuid[]) returns integer
    language sql as
$$
with queued as (
    insert into webhook_delivery (id, webhook_id, event_id, patient_id, category, kind, body)
    select gen_random_uuid(), w.id, e.id, e.patient_id, e.category, e.kind, notification_event_json(e)
      from notification_event e
      join webhook w on w.app_account_id = any (p_apps) and w.deleted_at is null
                    and (cardinality(w.kinds) = 0 or e.kind = any (w.kinds))
     where e.id = p_event
    returning 1
)
select count(*)::integer from queued
$$;
