-- Chart entries. chart_entry is the current view (one row per entry, fast to read);
-- chart_entry_version keeps every version, never updated. A change writes a new version row and
-- moves the current view forward; a retraction is a version with status entered-in-error.
create sequence chart_change_seq;

create table chart_document (
    id           uuid primary key,
    patient_id   uuid        not null references patient (id),
    content_type text        not null,
    size_bytes   bigint      not null,
    sha256       bytea       not null,
    file_name    text,
    content      bytea       not null,
    created_at   timestamptz not null default now(),
    created_by   uuid        not null
);
create index chart_document_patient_idx on chart_document (patient_id);

create table chart_entry (
    id              uuid primary key,
    patient_id      uuid        not null references patient (id),
    category        text        not null check (category in ('encounter', 'condition', 'medication', 'allergy',
                                                             'immunization', 'observation', 'note', 'document')),
    version         int         not null,
    status          text        not null,
    code_system     text        not null,
    code            text        not null,
    display         text        not null,
    effective_at    timestamptz not null,
    recorded_at     timestamptz not null,
    value_quantity  numeric,
    value_unit      text,
    value_text      text,
    reference_low   numeric,
    reference_high  numeric,
    interpretation  text,
    body            text,
    document_id     uuid references chart_document (id),
    sensitive       boolean     not null default false,
    author_id       uuid        not null,
    updated_at      timestamptz not null,
    change_seq      bigint      not null default nextval('chart_change_seq')
);
create index chart_entry_patient_effective_idx on chart_entry (patient_id, effective_at desc, id desc);
create index chart_entry_patient_category_idx on chart_entry (patient_id, category, effective_at desc, id desc);
create index chart_entry_patient_code_idx on chart_entry (patient_id, code);
create index chart_entry_patient_change_idx on chart_entry (patient_id, change_seq);

create table chart_entry_version (
    entry_id        uuid        not null references chart_entry (id),
    version         int         not null,
    patient_id      uuid        not null,
    category        text        not null,
    status          text        not null,
    code_system     text        not null,
    code            text        not null,
    display         text        not null,
    effective_at    timestamptz not null,
    recorded_at     timestamptz not null,
    value_quantity  numeric,
    value_unit      text,
    value_text      text,
    reference_low   numeric,
    reference_high  numeric,
    interpretation  text,
    body            text,
    document_id     uuid,
    sensitive       boolean     not null,
    author_id       uuid        not null,
    reason          text,
    amendment_id    uuid,
    written_at      timestamptz not null,
    primary key (entry_id, version)
);
create index chart_entry_version_patient_idx on chart_entry_version (patient_id);
