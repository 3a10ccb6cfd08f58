package org.mevflow.simulators.cromwell;

import java.time.Duration;
import java.util.List;

/**
 * What the simulator does with one submitted workflow. A job is Submitted, then Running until it
 * has been asked its status {@code polls} times and {@code runTime} has passed; then it ends as
 * {@code outcome} says. Trouble may be added: a burst of 500s on the job's next calls, metadata
 * that fails a number of times, slow answers, a slow submit.
 */
public record Scenario(
    Outcome outcome,
    int polls,
    Duration runTime,
    List<String> failures,
    int errorBurst,
    int metadataFailures,
    Duration answerDelay,
    Duration submitDelay) {

  /** How the job ends. */
  public enum Outcome {
    /**
     * Runs the workflow's command and succeeds with its outputs in storage (or fails if it does).
     */
    SUCCEED,
    /** Fails with the scenario's failure messages. */
    FAIL,
    /** Someone aborted it on the Cromwell server: it ends Aborted. */
    ABORT_EXTERNALLY,
    /** Cromwell forgets it (a wiped database): every later call answers 404. */
    VANISH
  }

  public Scenario {
    failures = List.copyOf(failures);
  }

  public static Scenario succeed() {
    return new Scenario(
        Outcome.SUCCEED, 2, Duration.ZERO, List.of(), 0, 0, Duration.ZERO, Duration.ZERO);
  }

  public static Scenario fail(String... messages) {
    return succeed().withOutcome(Outcome.FAIL, List.of(messages));
  }

  public static Scenario abortedExternally() {
    return succeed().withOutcome(Outcome.ABORT_EXTERNALLY, List.of());
  }

  public static Scenario vanish() {
    return succeed().withOutcome(Outcome.VANISH, List.of());
  }

  private Scenario withOutcome(Outcome o, List<String> messages) {
    return new Scenario(
        o, polls, runTime, messages, errorBurst, metadataFailures, answerDelay, submitDelay);
  }

  /** Stays Running for this many status calls. */
  public Scenario polls(int n) {
    return new Scenario(
        outcome, n, runTime, failures, errorBurst, metadataFailures, answerDelay, submitDelay);
  }

  /** Stays Running at least this long after its submit. */
  public Scenario runTime(Duration d) {
    return new Scenario(
        outcome, polls, d, failures, errorBurst, metadataFailures, answerDelay, submitDelay);
  }

  /** The job's next {@code n} calls after the submit answer 500. */
  public Scenario errorBurst(int n) {
    return new Scenario(
        outcome, polls, runTime, failures, n, metadataFailures, answerDelay, submitDelay);
  }

  /** The job's first {@code n} metadata calls answer 500. */
  public Scenario metadataFailures(int n) {
    return new Scenario(outcome, polls, runTime, failures, errorBurst, n, answerDelay, submitDelay);
  }

  /** Every answer about the job waits this long. */
  public Scenario slowAnswers(Duration d) {
    return new Scenario(
        outcome, polls, runTime, failures, errorBurst, metadataFailures, d, submitDelay);
  }

  /** The submit itself waits this long before it answers (the job exists from the start). */
  public Scenario slowSubmit(Duration d) {
    return new Scenario(
        outcome, polls, runTime, failures, errorBurst, metadataFailures, answerDelay, d);
  }
}
