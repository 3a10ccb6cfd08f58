-- The whole mevflow domain. Status columns are text with CHECK constraints (not PostgreSQL enum
-- types): adding a state later is one ALTER of a constraint, and jOOQ maps each column onto the
-- Java enum of the same name in org.mevflow.db.type. Ids of things the API hands out are UUIDs
-- chosen by the application (so a retried request can name its row before inserting it).

CREATE TABLE users (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      varchar(150) NOT NULL,
  email         varchar(254) NOT NULL,
  password_hash varchar(255) NOT NULL,
  is_admin      boolean      NOT NULL DEFAULT false,
  is_active     boolean      NOT NULL DEFAULT true,
  created_at    timestamptz  NOT NULL DEFAULT now(),
  CONSTRAINT users_username_key UNIQUE (username),
  CONSTRAINT users_email_key UNIQUE (email),
  CONSTRAINT users_email_lower CHECK (email = lower(email))
);

-- wort-style bearer tokens. The token itself is never stored: token_hash is its SHA-256, and
-- selector (its public half) lets the server re-derive an unexpired token to hand it out again.
CREATE TABLE api_tokens (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id      bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  selector     varchar(64) NOT NULL,
  token_hash   varchar(64) NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  last_used_at timestamptz,
  CONSTRAINT api_tokens_selector_key UNIQUE (selector),
  CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, expires_at);

CREATE TABLE workspaces (
  id         uuid         PRIMARY KEY,
  owner_id   bigint       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name       varchar(255) NOT NULL,
  created_at timestamptz  NOT NULL DEFAULT now(),
  updated_at timestamptz  NOT NULL DEFAULT now(),
  CONSTRAINT workspaces_owner_name_key UNIQUE (owner_id, name)
);

-- An ingested operation never changes: spec and files are fixed at ingestion (see trigger below).
CREATE TABLE operations (
  id                  uuid         PRIMARY KEY,
  name                varchar(255) NOT NULL,
  description         text         NOT NULL DEFAULT '',
  spec                jsonb        NOT NULL,
  runner              varchar(16)  NOT NULL,
  workspace_operation boolean      NOT NULL DEFAULT true,
  repository_url      text,
  git_commit          varchar(64),
  bundle_uri          text         NOT NULL,
  is_active           boolean      NOT NULL DEFAULT true,
  created_at          timestamptz  NOT NULL DEFAULT now(),
  CONSTRAINT operations_runner_check CHECK (runner IN ('LOCAL', 'CROMWELL'))
);

CREATE TABLE operation_categories (
  operation_id uuid         NOT NULL REFERENCES operations (id) ON DELETE CASCADE,
  category     varchar(255) NOT NULL,
  PRIMARY KEY (operation_id, category)
);

CREATE TABLE executions (
  id             uuid         PRIMARY KEY,
  operation_id   uuid         NOT NULL REFERENCES operations (id),
  owner_id       bigint       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  workspace_id   uuid         REFERENCES workspaces (id) ON DELETE SET NULL,
  job_name       varchar(255) NOT NULL,
  runner         varchar(16)  NOT NULL,
  status         varchar(16)  NOT NULL DEFAULT 'QUEUED',
  inputs         jsonb        NOT NULL,
  outputs        jsonb,
  error_messages jsonb        NOT NULL DEFAULT '[]',
  workflow_id    varchar(255) NOT NULL,
  runner_job_id  varchar(255),
  retry_of       uuid         REFERENCES executions (id) ON DELETE SET NULL,
  created_at     timestamptz  NOT NULL DEFAULT now(),
  started_at     timestamptz,
  finished_at    timestamptz,
  updated_at     timestamptz  NOT NULL DEFAULT now(),
  CONSTRAINT executions_workflow_id_key UNIQUE (workflow_id),
  CONSTRAINT executions_runner_check CHECK (runner IN ('LOCAL', 'CROMWELL')),
  CONSTRAINT executions_status_check CHECK (status IN (
    'QUEUED', 'SUBMITTING', 'RUNNING', 'FINALIZING', 'SUCCEEDED', 'FAILED', 'ABORTING', 'ABORTED'))
);
CREATE INDEX executions_owner_idx ON executions (owner_id, created_at);
CREATE INDEX executions_workspace_idx ON executions (workspace_id);
CREATE INDEX executions_status_idx ON executions (status, updated_at);

CREATE TABLE resources (
  id                  uuid         PRIMARY KEY,
  owner_id            bigint       REFERENCES users (id) ON DELETE CASCADE,
  name                varchar(255) NOT NULL,
  resource_type       varchar(32),
  file_format         varchar(32),
  -- the last type/format that validated, restored when a new one fails
  valid_resource_type varchar(32),
  valid_file_format   varchar(32),
  storage_uri         text,
  size_bytes          bigint,
  checksum            varchar(80),
  status              varchar(16)  NOT NULL,
  status_message      text,
  is_active           boolean      NOT NULL DEFAULT false,
  is_public           boolean      NOT NULL DEFAULT false,
  produced_by         uuid         REFERENCES executions (id) ON DELETE SET NULL,
  output_key          varchar(255),
  created_at          timestamptz  NOT NULL DEFAULT now(),
  updated_at          timestamptz  NOT NULL DEFAULT now(),
  CONSTRAINT resources_status_check CHECK (status IN (
    'UPLOADING', 'UNVALIDATED', 'VALIDATING', 'VALID', 'INVALID', 'DELETED')),
  CONSTRAINT resources_size_check CHECK (size_bytes IS NULL OR size_bytes >= 0),
  -- one resource per (execution, output key): registering an output twice is a no-op
  CONSTRAINT resources_output_key UNIQUE (produced_by, output_key)
);
CREATE INDEX resources_owner_idx ON resources (owner_id, created_at);

CREATE TABLE workspace_resources (
  workspace_id uuid        NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  resource_id  uuid        NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  added_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, resource_id)
);
CREATE INDEX workspace_resources_resource_idx ON workspace_resources (resource_id);

-- Which resources an execution read, by input key: the provenance DAG and the guard that keeps
-- a used resource in its workspace.
CREATE TABLE execution_inputs (
  execution_id uuid         NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
  resource_id  uuid         NOT NULL REFERENCES resources (id),
  input_key    varchar(255) NOT NULL,
  PRIMARY KEY (execution_id, resource_id, input_key)
);
CREATE INDEX execution_inputs_resource_idx ON execution_inputs (resource_id);

CREATE TABLE datasets (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  db                varchar(16)  NOT NULL,
  accession         varchar(64)  NOT NULL,
  status            varchar(16)  NOT NULL DEFAULT 'QUEUED',
  size_mb           bigint,
  task_queue        varchar(64),
  signature_uri     text,
  signature_bytes   bigint,
  signature_source  varchar(16),
  attempts          integer      NOT NULL DEFAULT 0,
  last_error        text,
  workflow_id       varchar(255),
  previous_workflow_id varchar(255),
  requested_at      timestamptz  NOT NULL DEFAULT now(),
  started_at        timestamptz,
  computed_at       timestamptz,
  updated_at        timestamptz  NOT NULL DEFAULT now(),
  CONSTRAINT datasets_db_accession_key UNIQUE (db, accession),
  CONSTRAINT datasets_db_check CHECK (db IN ('SRA', 'GENOMES')),
  CONSTRAINT datasets_status_check CHECK (status IN ('QUEUED', 'COMPUTING', 'COMPUTED', 'MISSING', 'FAILED')),
  CONSTRAINT datasets_source_check CHECK (signature_source IS NULL OR signature_source IN ('COMPUTED', 'SUBMITTED')),
  CONSTRAINT datasets_attempts_check CHECK (attempts >= 0),
  -- a COMPUTED row always names its stored signature
  CONSTRAINT datasets_computed_has_signature CHECK (
    status <> 'COMPUTED' OR (signature_uri IS NOT NULL AND signature_source IS NOT NULL))
);
CREATE INDEX datasets_status_idx ON datasets (status, updated_at);

-- One row per sketch (k) of the served signature of a dataset.
CREATE TABLE dataset_sketches (
  dataset_id bigint      NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  ksize      integer     NOT NULL,
  hash_count bigint      NOT NULL,
  md5sum     varchar(32) NOT NULL,
  PRIMARY KEY (dataset_id, ksize),
  CONSTRAINT dataset_sketches_count_check CHECK (hash_count >= 0)
);

CREATE TABLE submissions (
  id          uuid        PRIMARY KEY,
  dataset_id  bigint      NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  storage_uri text        NOT NULL,
  size_bytes  bigint      NOT NULL,
  sha256      varchar(64) NOT NULL,
  status      varchar(16) NOT NULL DEFAULT 'PENDING',
  reason      text,
  report      jsonb,
  workflow_id varchar(255) NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  decided_at  timestamptz,
  CONSTRAINT submissions_workflow_id_key UNIQUE (workflow_id),
  CONSTRAINT submissions_status_check CHECK (status IN (
    'PENDING', 'VERIFYING', 'VERIFIED', 'REJECTED', 'UNVERIFIABLE'))
);
CREATE INDEX submissions_dataset_idx ON submissions (dataset_id, created_at);

-- On-demand re-verification of a served signature: drift is recorded, nothing is replaced.
CREATE TABLE verifications (
  id           uuid        PRIMARY KEY,
  dataset_id   bigint      NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  requested_by bigint      REFERENCES users (id) ON DELETE SET NULL,
  status       varchar(16) NOT NULL DEFAULT 'RUNNING',
  report       jsonb,
  workflow_id  varchar(255) NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  CONSTRAINT verifications_workflow_id_key UNIQUE (workflow_id),
  CONSTRAINT verifications_status_check CHECK (status IN ('RUNNING', 'MATCH', 'DRIFT', 'UNVERIFIABLE', 'FAILED'))
);

CREATE TABLE discovery_runs (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  day         date         NOT NULL,
  status      varchar(16)  NOT NULL DEFAULT 'RUNNING',
  found       integer      NOT NULL DEFAULT 0,
  inserted    integer      NOT NULL DEFAULT 0,
  started     integer      NOT NULL DEFAULT 0,
  last_error  text,
  workflow_id varchar(255) NOT NULL,
  started_at  timestamptz  NOT NULL DEFAULT now(),
  finished_at timestamptz,
  CONSTRAINT discovery_runs_status_check CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED'))
);

-- WebMEV's banner message and feedback form.
CREATE TABLE site_messages (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message    text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE feedback (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    bigint      REFERENCES users (id) ON DELETE SET NULL,
  message    text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- [jooq ignore start]
CREATE FUNCTION operations_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.spec IS DISTINCT FROM OLD.spec
     OR NEW.runner IS DISTINCT FROM OLD.runner
     OR NEW.bundle_uri IS DISTINCT FROM OLD.bundle_uri
     OR NEW.git_commit IS DISTINCT FROM OLD.git_commit
     OR NEW.repository_url IS DISTINCT FROM OLD.repository_url THEN
    RAISE EXCEPTION 'operation % is immutable once ingested', OLD.id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER operations_immutable BEFORE UPDATE ON operations
  FOR EACH ROW EXECUTE FUNCTION operations_immutable();
-- [jooq ignore stop]
