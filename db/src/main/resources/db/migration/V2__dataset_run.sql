-- The Temporal run that last counted an attempt, so a retried "computing" record is not
-- counted twice while a new run of the same workflow id is.
ALTER TABLE datasets ADD COLUMN workflow_run_id varchar(64);
