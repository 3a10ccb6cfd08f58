package org.mevflow.activities.discovery;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.mevflow.core.ncbi.AssemblySummary;
import org.mevflow.core.text.Errors;
import org.mevflow.db.GenomeRepository;
import org.mevflow.workflows.discovery.GenomeListActivities;
import org.mevflow.workflows.discovery.GenomeListRefresh;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams NCBI's {@code assembly_summary_genbank.txt} (plain or gzipped) from its address into the
 * genome list, a batch of rows at a time, heartbeating the count; rows are replaced by accession,
 * so a retried attempt only rewrites what it wrote.
 */
public class GenomeListActivitiesImpl implements GenomeListActivities {
  private static final Logger log = LoggerFactory.getLogger(GenomeListActivitiesImpl.class);
  private static final int BATCH = 2000;

  private final HttpClient http;
  private final GenomeRepository genomes;
  private final String url;

  /** {@code url}: the summary's address; null or blank when the list is not refreshed. */
  public GenomeListActivitiesImpl(HttpClient http, GenomeRepository genomes, String url) {
    this.http = http;
    this.genomes = genomes;
    this.url = url == null || url.isBlank() ? null : url.strip();
  }

  @Override
  public GenomeListRefresh refreshGenomeList() {
    if (url == null) {
      return null;
    }
    HttpResponse<InputStream> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "the assembly summary at " + url + " could not be fetched: " + Errors.describe(e),
          "DownloadFailed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted", "Interrupted");
    }
    long rows;
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw ApplicationFailure.newFailure(
            "the assembly summary at " + url + " answered HTTP " + response.statusCode(),
            "DownloadFailed");
      }
      long[] done = {0};
      rows =
          AssemblySummary.read(
              body,
              BATCH,
              batch -> {
                genomes.upsert(batch);
                done[0] += batch.size();
                Activity.getExecutionContext().heartbeat(done[0]);
              });
    } catch (AssemblySummary.Malformed e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the assembly summary at " + url + " is not one: " + Errors.describe(e), MALFORMED);
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          "reading the assembly summary at " + url + " failed: " + Errors.describe(e),
          "DownloadFailed");
    }
    GenomeListRefresh refreshed = new GenomeListRefresh(url, rows, genomes.count());
    log.info("genome list: {}", refreshed.describe());
    return refreshed;
  }
}
