-- Daily discovery: one row per workflow run (a replay or a manual re-run of a day is a new row),
-- its progress counts, and which day's search first found each dataset, so a later run of the
-- same day sketches what an earlier one left.
ALTER TABLE discovery_runs ADD COLUMN run_id varchar(64);
ALTER TABLE discovery_runs ADD COLUMN pages integer NOT NULL DEFAULT 0;
ALTER TABLE discovery_runs ADD COLUMN computed integer NOT NULL DEFAULT 0;
ALTER TABLE discovery_runs ADD COLUMN missing integer NOT NULL DEFAULT 0;
ALTER TABLE discovery_runs ADD COLUMN failed integer NOT NULL DEFAULT 0;
ALTER TABLE discovery_runs ADD COLUMN joined integer NOT NULL DEFAULT 0;
ALTER TABLE discovery_runs ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE discovery_runs ADD CONSTRAINT discovery_runs_run_key UNIQUE (workflow_id, run_id);
CREATE INDEX discovery_runs_day_idx ON discovery_runs (day);

ALTER TABLE datasets ADD COLUMN discovered_on date;
CREATE INDEX datasets_discovered_idx ON datasets (discovered_on, id) WHERE discovered_on IS NOT NULL;

-- The in-process daily trigger's pause switch (a Temporal Schedule keeps its own).
CREATE TABLE discovery_schedule (
  id         smallint     PRIMARY KEY DEFAULT 1,
  paused     boolean      NOT NULL DEFAULT false,
  note       text,
  updated_at timestamptz  NOT NULL DEFAULT now(),
  CONSTRAINT discovery_schedule_single_row CHECK (id = 1)
);
INSERT INTO discovery_schedule (id) VALUES (1);
