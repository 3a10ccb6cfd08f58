-- A resource's metadata as WebMEV keeps it: the observations (samples) and features (genes) it
-- holds, each with its attributes (an annotation table's columns), one row per element, so a
-- workspace's union is a query and a page of it is a LIMIT (WebMEV keeps whole JSON sets).
CREATE TABLE resource_elements (
  resource_id uuid         NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
  kind        varchar(16)  NOT NULL,
  element_id  varchar(255) NOT NULL,
  attributes  jsonb        NOT NULL DEFAULT '{}',
  PRIMARY KEY (resource_id, kind, element_id),
  CONSTRAINT resource_elements_kind_check CHECK (kind IN ('OBSERVATION', 'FEATURE'))
);
CREATE INDEX resource_elements_element_idx ON resource_elements (kind, element_id);
