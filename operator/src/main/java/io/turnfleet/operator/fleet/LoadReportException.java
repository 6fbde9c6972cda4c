package io.turnfleet.operator.fleet;

/** A relay answered {@code /load} with something that is not a load report. */
public class LoadReportException extends Exception {
  public LoadReportException(String message) {
    super(message);
  }
}
