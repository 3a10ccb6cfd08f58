package org.mevflow.api.signatures;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * wort's API document where wort's connexion serves it ({@code /v1/openapi.json}) and its browsable
 * UI ({@code /v1/ui/}): the OpenAPI group of mevflow's /v1 routes, as the code declares them.
 */
@Controller
public class WortApiDocsController {
  @GetMapping("/v1/openapi.json")
  public String document() {
    return "forward:/v3/api-docs/wort";
  }

  @GetMapping({"/v1/ui", "/v1/ui/"})
  public String ui() {
    return "redirect:/swagger-ui/index.html?urls.primaryName=wort";
  }
}
