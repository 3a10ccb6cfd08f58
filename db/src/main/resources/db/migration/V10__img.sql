-- wort's third database: IMG genomes. Their sequences are not public, so mevflow never computes
-- them; it serves signatures submitted for them (see docs/wort-contract.md).
ALTER TABLE datasets DROP CONSTRAINT datasets_db_check;
ALTER TABLE datasets ADD CONSTRAINT datasets_db_check CHECK (db IN ('SRA', 'GENOMES', 'IMG'));
