package org.mevflow.api.problem;

import org.springframework.beans.propertyeditors.CustomBooleanEditor;
import org.springframework.beans.propertyeditors.CustomNumberEditor;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Numbers and booleans in queries and paths are what they say: an empty value ({@code ?limit=},
 * {@code ?failed=}) is refused with a 400 saying so, not read as "not given" (Spring's default).
 */
@ControllerAdvice
public class StrictBinding {
  @InitBinder
  void numbers(WebDataBinder binder) {
    binder.registerCustomEditor(Integer.class, new CustomNumberEditor(Integer.class, false));
    binder.registerCustomEditor(int.class, new CustomNumberEditor(Integer.class, false));
    binder.registerCustomEditor(Long.class, new CustomNumberEditor(Long.class, false));
    binder.registerCustomEditor(long.class, new CustomNumberEditor(Long.class, false));
    binder.registerCustomEditor(Boolean.class, new CustomBooleanEditor(false));
    binder.registerCustomEditor(boolean.class, new CustomBooleanEditor(false));
  }
}
