package org.mevflow.core.storage;

import java.io.FileNotFoundException;

/** The object does not exist. */
public class NoSuchObjectException extends FileNotFoundException {
  public NoSuchObjectException(ObjectRef ref) {
    super("no object " + ref);
  }

  /** Nothing at this path or URI. */
  public NoSuchObjectException(String where) {
    super("nothing at " + where);
  }
}
