package org.mevflow.core.operations;

import java.util.Optional;

/**
 * WebMEV's attribute types (its {@code data_structures} package), by the names its specs use: the
 * simple values, the option and list types, the three data-resource types, and the element types
 * (an {@code Observation} or {@code Feature}, and sets of them).
 */
public enum AttributeType {
  Integer(Kind.INTEGER),
  PositiveInteger(Kind.INTEGER),
  NonNegativeInteger(Kind.INTEGER),
  BoundedInteger(Kind.INTEGER),
  Float(Kind.FLOAT),
  PositiveFloat(Kind.FLOAT),
  NonNegativeFloat(Kind.FLOAT),
  BoundedFloat(Kind.FLOAT),
  String(Kind.STRING),
  UnrestrictedString(Kind.STRING),
  Boolean(Kind.BOOLEAN),
  OptionString(Kind.OPTION),
  IntegerOption(Kind.OPTION),
  FloatOption(Kind.OPTION),
  MixedOption(Kind.OPTION),
  StringList(Kind.LIST),
  UnrestrictedStringList(Kind.LIST),
  BoundedIntegerList(Kind.LIST),
  BoundedFloatList(Kind.LIST),
  DataResource(Kind.RESOURCE),
  VariableDataResource(Kind.RESOURCE),
  OperationDataResource(Kind.RESOURCE),
  Observation(Kind.ELEMENT),
  Feature(Kind.ELEMENT),
  ObservationSet(Kind.ELEMENT_SET),
  FeatureSet(Kind.ELEMENT_SET);

  /** What family a type belongs to. */
  public enum Kind {
    INTEGER,
    FLOAT,
    STRING,
    BOOLEAN,
    OPTION,
    LIST,
    RESOURCE,
    ELEMENT,
    ELEMENT_SET
  }

  private final Kind kind;

  AttributeType(Kind kind) {
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isResource() {
    return kind == Kind.RESOURCE;
  }

  /** Needs {@code min} and {@code max}. */
  public boolean isBounded() {
    return this == BoundedInteger
        || this == BoundedFloat
        || this == BoundedIntegerList
        || this == BoundedFloatList;
  }

  /** For a list type, the type of each item; otherwise itself. */
  public AttributeType item() {
    return switch (this) {
      case StringList -> String;
      case UnrestrictedStringList -> UnrestrictedString;
      case BoundedIntegerList -> BoundedInteger;
      case BoundedFloatList -> BoundedFloat;
      default -> this;
    };
  }

  /** Whether a value of this type is a number, text or element set handed to the tool as is. */
  public boolean isValue() {
    return !isResource();
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
