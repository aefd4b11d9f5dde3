-- HIPAA right to amend (45 CFR 164.526): a patient's or proxy's request to correct one chart entry,
-- the staff decision, and the patient's statement of disagreement after a denial.
create table amendment_request (
    id                  uuid primary key,
    patient_id          uuid        not null references patient (id),
    entry_id            uuid        not null references chart_entry (id),
    requested_by        uuid        not null,
    requested_by_name   text        not null,
    requested_at        timestamptz not null,
    due_at              timestamptz not null,
    reason              text        not null,
    status              text        not null check (status in ('requested', 'accepted', 'denied')),
    decided_by          uuid,
    decided_by_name     text,
    decided_at          timestamptz,
    decision_reason     text,
    disagreement        text,
    disagreement_by     uuid,
    disagreement_at     timestamptz
);
create index amendment_request_patient_idx on amendment_request (patient_id, requested_at desc, id desc);
create index amendment_request_entry_idx on amendment_request (entry_id);
