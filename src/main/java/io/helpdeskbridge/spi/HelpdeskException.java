package io.helpdeskbridge.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * A helpdesk call that failed, carrying the decision: retry (maybe after the helpdesk's own
 * {@code Retry-After}), refetch after a concurrent edit, or give up. Messages carry the helpdesk's
 * status and text, never credentials.
 */
public class HelpdeskException extends Exception {

  public enum Kind {
    /** 429, 5xx, timeouts, connection refused: try again later. */
    RETRYABLE,
    /** The ticket changed since we read it (safe update): read again and re-apply. */
    CONFLICT,
    /** 4xx that will fail the same way every time: dead-letter it. */
    PERMANENT
  }

  private final Kind kind;
  private final int status;
  private final Duration retryAfter;

  public HelpdeskException(Kind kind, int status, String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public static HelpdeskException retryable(int status, String message, Duration retryAfter) {
    return new HelpdeskException(Kind.RETRYABLE, status, message, retryAfter, null);
  }

  public static HelpdeskException permanent(int status, String message) {
    return new HelpdeskException(Kind.PERMANENT, status, message, null, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when the call never got an answer. */
  public int status() {
    return status;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
