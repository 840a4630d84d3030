package io.helpdeskbridge.sweep;

import io.helpdeskbridge.store.Jdbc;
import io.helpdeskbridge.store.Store;
import io.helpdeskbridge.testing.PostgresSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sweep's store tests on H2 and on the machine's PostgreSQL, each test on a store of its own,
 * as {@code store.StoreTestSupport} does for the store package (which it cannot share: it is
 * package-private there).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(SweepStoreTestSupport.Database.class)
abstract class SweepStoreTestSupport {

  enum Database { H2, POSTGRESQL }

  @Parameter Database database;

  Store store;
  private PostgresSchema schema;

  @BeforeEach
  void openStore() {
    String url = switch (database) {
      case H2 -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
      case POSTGRESQL -> (schema = PostgresSchema.create()).url();
    };
    store = Store.open(url);
  }

  @AfterEach
  void closeStore() {
    try {
      if (store != null) store.close();
    } finally {
      if (schema != null) schema.close();
    }
  }

  Jdbc jdbc() {
    return new Jdbc(store.dataSource());
  }

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
