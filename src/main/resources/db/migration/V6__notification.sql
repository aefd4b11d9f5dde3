-- Events announced by features, written in the same transaction as the change they announce.
-- Payloads are ids, kind, category and a short title: never clinical values.
create table notification_event (
    id          uuid primary key,
    patient_id  uuid,
    kind        text        not null,
    category    text,
    resource_id text,
    title       text        not null,
    actor_id    uuid,
    created_at  timestamptz not null default now()
);
create index notification_event_patient_idx on notification_event (patient_id, created_at);
