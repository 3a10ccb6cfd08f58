package org.mevflow.api.users;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.mevflow.api.security.MevflowUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** WebMEV's user listing: a regular user sees only themselves, first in the list. */
@RestController
@Tag(name = "WebMEV users")
public class UsersController {

  /** A user as WebMEV's front end reads it. */
  public record UserView(long id, String email, String username, boolean is_admin) {}

  @GetMapping("/api/users/")
  @Operation(summary = "The caller (WebMEV's front end reads the first item's email)")
  public List<UserView> list(@AuthenticationPrincipal MevflowUser caller) {
    return List.of(new UserView(caller.id(), caller.email(), caller.username(), caller.admin()));
  }
}
