-- The job queue does not order jobs by priority, so nothing reads this index, and every scheduled, picked and
-- finished job paid for keeping it up to date.
drop index if exists scheduled_tasks_priority_time;
