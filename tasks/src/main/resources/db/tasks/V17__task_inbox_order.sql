-- Province scale (issue 8): the task inbox in deadline order (and by cursor) reads one index range.
create index assistance_task_list on assistance_task (deadline, created_at, id);
