package io.helpdeskbridge.spi;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a helpdesk plugin reports what the helpdesk said about its rate budget on each answer, so
 * the engine slows down before the helpdesk starts refusing. {@link #read} understands the usual
 * headers; a plugin passes each answer's headers to it.
 */
@FunctionalInterface
public interface RateSignal {

  RateSignal NONE = (limit, remaining, resetIn) -> {};

  /**
   * @param limit requests allowed in the helpdesk's window, or -1 when not said
   * @param remaining requests left in the window
   * @param resetIn time until the window refills, or null when not said
   */
  void remaining(int limit, int remaining, Duration resetIn);

  /** One answer's budget as its headers tell it. */
  record Reading(int limit, int remaining, Duration resetIn) {}

  /**
   * Reads {@code ratelimit-limit / -remaining / -reset} (IETF draft, Zendesk ticketing endpoints),
   * {@code X-Rate-Limit / X-Rate-Limit-Remaining} (Zendesk) and {@code X-RateLimit-Total /
   * X-RateLimit-Remaining} (Freshdesk). Header names are looked up in lower case.
   */
  static Optional<Reading> read(Function<String, String> header) {
    Integer remaining = number(header.apply("ratelimit-remaining"));
    Integer limit = number(header.apply("ratelimit-limit"));
    if (remaining == null) {
      remaining = number(header.apply("x-rate-limit-remaining"));
      limit = number(header.apply("x-rate-limit"));
    }
    if (remaining == null) {
      remaining = number(header.apply("x-ratelimit-remaining"));
      limit = number(header.apply("x-ratelimit-total"));
    }
    if (remaining == null) return Optional.empty();
    Integer reset = number(header.apply("ratelimit-reset"));
    return Optional.of(new Reading(limit == null ? -1 : limit, remaining, reset == null ? null : Duration.ofSeconds(reset)));
  }

  private static Integer number(String value) {
    if (value == null) return null;
    // the draft allows "limit, limit;w=60" style lists: the first item is the number
    String first = value.split("[,;]", 2)[0].trim();
    try {
      long n = Long.parseLong(first);
      return n < 0 ? null : (int) Math.min(n, Integer.MAX_VALUE);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
