package io.helpdeskbridge.sweep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The sweep's store tests: H2 and PostgreSQL through {@code StoreTestSupport}, plus a clock the test moves. */
abstract class SweepStoreTestSupport extends io.helpdeskbridge.store.StoreTestSupport {

  /** A clock the test moves; whole seconds, so every database keeps its instants exactly. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(String start) {
      this.now = Instant.parse(start);
    }

    void set(String at) {
      now = Instant.parse(at);
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
