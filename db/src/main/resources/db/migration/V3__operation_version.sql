-- An operation ingested from a folder records "sha256:<64 hex>" of its files as its version.
ALTER TABLE operations ALTER COLUMN git_commit TYPE varchar(80);
