-- Procedures (issue 16: US Core Procedure): a chart category like the others, decided on by the
-- access policy as 'procedure'. Only the current view checks categories (versions copy it).
alter table chart_entry drop constraint chart_entry_category_check;
alter table chart_entry add constraint chart_entry_category_check
    check (category in ('encounter', 'condition', 'medication', 'allergy', 'immunization', 'observation', 'note',
                        'document', 'procedure'));
