package org.mevflow.core.operations;

import java.util.Optional;

/** The types an operation's input may have, as WebMEV names them in its specs. */
public enum AttributeType {
  Integer,
  PositiveInteger,
  NonNegativeInteger,
  BoundedInteger,
  Float,
  PositiveFloat,
  NonNegativeFloat,
  BoundedFloat,
  String,
  Boolean,
  Option,
  DataResource,
  VariableDataResource;

  public boolean isResource() {
    return this == DataResource || this == VariableDataResource;
  }

  public boolean isBounded() {
    return this == BoundedInteger || this == BoundedFloat;
  }

  public boolean isInteger() {
    return this == Integer
        || this == PositiveInteger
        || this == NonNegativeInteger
        || this == BoundedInteger;
  }

  public boolean isFloat() {
    return this == Float
        || this == PositiveFloat
        || this == NonNegativeFloat
        || this == BoundedFloat;
  }

  public static Optional<AttributeType> named(java.lang.String name) {
    for (AttributeType t : values()) {
      if (t.name().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
