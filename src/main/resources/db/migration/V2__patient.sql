create table patient (
    id              uuid primary key,
    organization_id uuid        not null references organization (id),
    mrn             text        not null,
    given_name      text        not null,
    family_name     text        not null,
    birth_date      date        not null,
    sex             text        not null check (sex in ('female', 'male', 'other', 'unknown')),
    phone           text,
    email           text,
    address_line    text,
    city            text,
    postal_code     text,
    created_at      timestamptz not null default now(),
    unique (organization_id, mrn)
);
create index patient_family_name_idx on patient (lower(family_name) text_pattern_ops, id);
create index patient_mrn_idx on patient (mrn);

alter table account add constraint account_patient_fk foreign key (patient_id) references patient (id);
