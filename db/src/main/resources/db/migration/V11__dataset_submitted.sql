-- A dataset known only from a submission (nobody asked to compute it) is SUBMITTED, not a
-- phantom QUEUED with no workflow behind it; a compute request moves it to QUEUED.
ALTER TABLE datasets DROP CONSTRAINT datasets_status_check;
ALTER TABLE datasets ADD CONSTRAINT datasets_status_check
  CHECK (status IN ('QUEUED', 'COMPUTING', 'COMPUTED', 'MISSING', 'FAILED', 'SUBMITTED'));
