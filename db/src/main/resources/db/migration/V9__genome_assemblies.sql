-- Genome metadata as wort keeps it: one row per assembly from NCBI's assembly summary (loaded
-- with `mevflow genomes load`) or looked up once in E-utilities. A compute request for an
-- assembly without a row answers wort's 404 "Metadata not available" before any workflow starts.
CREATE TABLE genome_assemblies (
  accession          varchar(32)  PRIMARY KEY,
  organism_name      text         NOT NULL,
  infraspecific_name text         NOT NULL DEFAULT '',
  asm_name           text         NOT NULL,
  ftp_path           text         NOT NULL,
  source             varchar(16)  NOT NULL,
  updated_at         timestamptz  NOT NULL DEFAULT now(),
  CONSTRAINT genome_assemblies_source_check CHECK (source IN ('SUMMARY', 'EUTILS'))
);
