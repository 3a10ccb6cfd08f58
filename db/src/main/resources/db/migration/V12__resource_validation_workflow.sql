-- A validation names its workflow and what it was asked to check, so operators find it by its
-- workflow and the healer can start it again under the same id when Temporal lost it.
ALTER TABLE resources
  ADD COLUMN validation_workflow_id text,
  ADD COLUMN validation_type        varchar(32),
  ADD COLUMN validation_format      varchar(32);
