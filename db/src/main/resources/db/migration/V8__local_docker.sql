-- WebMEV's local_docker mode: an operation that runs in the container image WebMEV tags with its
-- commit. The image is fixed at ingestion, as the rest of the operation.
ALTER TABLE operations DROP CONSTRAINT operations_runner_check;
ALTER TABLE operations ADD CONSTRAINT operations_runner_check
  CHECK (runner IN ('LOCAL', 'CROMWELL', 'LOCAL_DOCKER'));
ALTER TABLE executions DROP CONSTRAINT executions_runner_check;
ALTER TABLE executions ADD CONSTRAINT executions_runner_check
  CHECK (runner IN ('LOCAL', 'CROMWELL', 'LOCAL_DOCKER'));
ALTER TABLE operations ADD COLUMN image text;

-- [jooq ignore start]
CREATE OR REPLACE FUNCTION operations_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.spec IS DISTINCT FROM OLD.spec
     OR NEW.runner IS DISTINCT FROM OLD.runner
     OR NEW.bundle_uri IS DISTINCT FROM OLD.bundle_uri
     OR NEW.git_commit IS DISTINCT FROM OLD.git_commit
     OR NEW.repository_url IS DISTINCT FROM OLD.repository_url
     OR NEW.image IS DISTINCT FROM OLD.image THEN
    RAISE EXCEPTION 'operation % is immutable once ingested', OLD.id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;
-- [jooq ignore stop]
