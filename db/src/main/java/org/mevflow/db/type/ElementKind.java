package org.mevflow.db.type;

/** What a resource's element is, in WebMEV's terms: a sample (column) or a gene (row). */
public enum ElementKind {
  OBSERVATION,
  FEATURE
}
