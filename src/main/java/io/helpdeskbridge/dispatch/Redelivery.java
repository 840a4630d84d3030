package io.helpdeskbridge.dispatch;

import io.helpdeskbridge.resilience.HelpdeskRetry;
import io.helpdeskbridge.spi.HelpdeskException;
import io.helpdeskbridge.store.StoreException;
import java.time.Duration;
import java.time.Instant;

/**
 * When a failed event is tried again. A passing failure (the helpdesk down, rate limited, timing
 * out; the store hiccuping) keeps the row waiting with an exponential backoff, up to {@code
 * maxAttempts} deliveries; a permanent one (a 4xx the helpdesk will repeat, a mapping that throws,
 * a payload no plugin understands) goes to the dead letters at once, so a poison event never
 * blocks anything.
 */
public record Redelivery(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

  public static Redelivery defaults() {
    return new Redelivery(20, Duration.ofSeconds(5), Duration.ofMinutes(10));
  }

  /** The time of the next attempt after {@code attempts} failed ones, or null when it is time to give up. */
  public Instant next(int attempts, Instant now) {
    if (attempts >= maxAttempts) return null;
    long ms = firstBackoff.toMillis() * (1L << Math.min(Math.max(attempts - 1, 0), 20));
    return now.plusMillis(Math.min(ms, maxBackoff.toMillis()));
  }

  /** Whether the failure may pass: the helpdesk's own verdict decides for helpdesk errors. */
  public static boolean passing(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof HelpdeskRetry.GaveUp g) return g.last().kind() != HelpdeskException.Kind.PERMANENT;
      if (t instanceof HelpdeskException h) return h.kind() != HelpdeskException.Kind.PERMANENT;
      if (t instanceof StoreException || t instanceof RouteMissing || t instanceof OrderUnknownYet) return true;
    }
    return false;
  }

  /** The source's API could not say which order the event is about; it is tried again later. */
  public static final class OrderUnknownYet extends RuntimeException {
    public OrderUnknownYet(String source, Throwable cause) {
      super(source + " could not say which order this is about yet: " + cause.getMessage(), cause);
    }
  }

  /** No route consumes the source right now (its file is being reloaded, or was removed). */
  public static final class RouteMissing extends RuntimeException {
    public RouteMissing(String source) {
      super("no route consumes webhook:" + source + " yet; trying again (a routes/ file may be reloading)");
    }
  }
}
