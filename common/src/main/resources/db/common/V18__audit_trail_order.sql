-- Province scale (issue 8): every list request writes an audit row, so the trail grows by millions; newest first
-- (and by cursor) it reads one index range, backwards.
create index audit_log_trail on audit_log (at, id);
