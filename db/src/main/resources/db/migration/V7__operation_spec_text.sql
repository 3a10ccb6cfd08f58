-- The spec as its author wrote it: jsonb keeps no key order, and WebMEV's front end lays out an
-- operation's form in the order of its inputs. Older rows have none (their jsonb is served).
ALTER TABLE operations ADD COLUMN spec_text text;
