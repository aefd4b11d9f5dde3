-- Insurance coverage (issue 16: US Core Coverage): what a patient portal holds about who pays for a
-- patient's care: the payer (an organization), the member id on the card, the subscriber, the plan
-- and group, and the period. Decided on by the access policy as the category 'coverage'.
create table coverage (
    id                    uuid primary key,
    patient_id            uuid        not null references patient (id),
    payer_organization_id uuid        not null references organization (id),
    status                text        not null default 'active'
        check (status in ('active', 'cancelled', 'draft', 'entered-in-error')),
    -- PHDSC Source of Payment Typology (the US Core binding), e.g. 5 'PRIVATE HEALTH INSURANCE'
    type_code             text,
    type_display          text,
    member_id             text        not null,
    subscriber_id         text,
    relationship          text        not null default 'self'
        check (relationship in ('self', 'spouse', 'child', 'parent', 'common', 'injured', 'other')),
    plan_value            text,
    plan_name             text,
    group_value           text,
    group_name            text,
    starts_on             date,
    ends_on               date,
    updated_at            timestamptz not null default now(),
    check (ends_on is null or starts_on is null or ends_on >= starts_on)
);

create index coverage_patient_idx on coverage (patient_id, starts_on desc, id);

-- The runtime role reads and writes it like every chart table (V30's default privileges do the
-- same; said here so the table's privileges do not depend on who ran V30).
do
$$
begin
    if exists (select 1 from pg_roles where rolname = 'carechart_runtime') then
        grant select, insert, update, delete on coverage to carechart_runtime;
    end if;
end
$$;
