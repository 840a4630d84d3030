package io.helpdeskbridge.store;

import io.helpdeskbridge.testing.PostgresSchema;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs a store test class once per database the bridge supports, each test on a store of its own:
 * a private in-memory H2, or a fresh schema on the machine's PostgreSQL, dropped afterwards. The
 * store's SQL has to mean the same on both, and only running it on both shows that. Public, so
 * feature packages with tables of their own (the sweep) use it too.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreTestSupport.Database.class)
public abstract class StoreTestSupport {

  /** The databases a store can live in. */
  public enum Database { H2, POSTGRESQL }

  @Parameter protected Database database;

  protected Store store;
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

  /** Plain SQL against the test's store, for checking what a class wrote. */
  protected Jdbc jdbc() {
    return new Jdbc(store.dataSource());
  }
}
