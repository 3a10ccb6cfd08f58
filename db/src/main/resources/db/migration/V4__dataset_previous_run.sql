-- The run a new run of a dataset's workflow replaced, and how that one ended, so the status page
-- shows both (a replay or recompute after a failure).
ALTER TABLE datasets ADD COLUMN previous_run_id varchar(64);
ALTER TABLE datasets ADD COLUMN previous_error text;
