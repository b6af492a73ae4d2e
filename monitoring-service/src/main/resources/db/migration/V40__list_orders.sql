-- Province scale (issue 8): every list reads one index range in its own order, by offset or by cursor.
create index visit_list on visit (visit_month desc, region_code, household_id);
create index risk_list on risk (flagged_at, id);
create index monitoring_case_list on monitoring_case (due_by, opened_at, id);
create index declaration_list on declaration (due_by, created_at, id);
