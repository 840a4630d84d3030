package io.helpdeskbridge.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.event.EnrichedTicket;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.TicketOpened;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.ShipmentState;
import io.helpdeskbridge.store.Store;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnricherTest {

  /** A lookup that answers with what it is given, or blocks, or fails; counting its calls. */
  static final class Fake implements Lookup {
    final String id;
    final Stage stage;
    final List<Known> asked = new CopyOnWriteArrayList<>();
    java.util.function.Function<Known, Found> answer = k -> Found.nothing();
    String failWith;
    CountDownLatch hold;

    Fake(String id, Stage stage) {
      this.id = id;
      this.stage = stage;
    }

    @Override public String id() { return id; }
    @Override public Stage stage() { return stage; }
    @Override public String describes() { return stage.name().toLowerCase() + " (" + id + ")"; }
    @Override public boolean enabled(ConnectorSettings settings) { return true; }

    @Override
    public Found lookUp(Known known, ConnectorSettings settings) throws IOException {
      asked.add(known);
      if (hold != null) {
        try {
          hold.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          throw new IOException("interrupted");
        }
      }
      if (failWith != null) throw new IOException(failWith);
      return answer.apply(known);
    }
  }

  private final Store store = Store.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  private final List<ShipmentState> remembered = new ArrayList<>();
  private Enricher enricher;

  @AfterEach
  void close() {
    if (enricher != null) enricher.close();
    store.close();
  }

  private Enricher enricher(Map<String, Object> settings, Fake... lookups) {
    List<LookupRunner> runners = new ArrayList<>();
    for (Fake f : lookups) runners.add(new LookupRunner(f, new ConnectorSettings(f.id, f.id, "connectors/" + f.id + ".yaml", settings)));
    enricher = new Enricher(runners, store.dataSource(), remembered::addAll);
    return enricher;
  }

  private static TicketOpened ticket(String orderId, String email) {
    return new TicketOpened("zendesk", "inv-1", Instant.parse("2026-11-24T10:00:00Z"), new OrderRef(orderId, email, null, null),
        "ticket_created", "42", "Where is my order?", List.of());
  }

  @Test
  void theOrderLookupFindsTheOrderByEmailAndTellsTheOthersItsPaymentAndParcel() {
    Fake shop = new Fake("shopify", Lookup.Stage.ORDER);
    shop.answer = k -> Lookup.Found.builder().orderId("1001").email(k.email()).paymentId("pi_1")
        .parcel(new Lookup.Parcel("1Z9", "UPS")).value("order_status", "paid, fulfilled").build();
    Fake pay = new Fake("stripe", Lookup.Stage.PAYMENT);
    pay.answer = k -> Lookup.Found.builder().value("payment_status", "succeeded for " + k.paymentIds()).build();
    Fake ship = new Fake("easypost", Lookup.Stage.SHIPMENT);
    ShipmentState state = new ShipmentState("easypost", "1Z9", "UPS", "trk_1", "in_transit", false, null, null, null);
    ship.answer = k -> Lookup.Found.builder().value("shipment_status", "in transit").value("carrier", k.parcels().get(0).carrier())
        .shipment(state).build();

    Enricher.Result r = enricher(Map.of(), shop, pay, ship).enrich(ticket(null, "jane@example.com"));

    EnrichedTicket c = r.context();
    assertThat(r.orderId()).isEqualTo("1001");
    assertThat(c.orderFound()).isTrue();
    assertThat(c.orderStatus()).isEqualTo("paid, fulfilled");
    assertThat(c.paymentStatus()).isEqualTo("succeeded for [pi_1]");
    assertThat(c.shipmentStatus()).isEqualTo("in transit");
    assertThat(c.carrier()).isEqualTo("UPS");
    assertThat(c.fraudState()).isEqualTo("no fraud signal received");
    assertThat(c.missing()).isEmpty();
    assertThat(c.incomplete()).isFalse();
    assertThat(r.shipments()).containsExactly(state);
    assertThat(remembered).as("recorded only once the step has linked the order").isEmpty();
    enricher.remember(r);
    assertThat(remembered).containsExactly(state);
    assertThat(shop.asked).singleElement().satisfies(k -> assertThat(k.email()).isEqualTo("jane@example.com"));
  }

  @Test
  void aSlowOrFailingLookupIsNamedAndTheOthersStillCount() {
    Fake shop = new Fake("shopify", Lookup.Stage.ORDER);
    Fake pay = new Fake("stripe", Lookup.Stage.PAYMENT);
    pay.failWith = "Stripe answered 500";
    Fake ship = new Fake("easypost", Lookup.Stage.SHIPMENT);
    ship.hold = new CountDownLatch(1);
    ship.answer = k -> Lookup.Found.builder().value("shipment_status", "late answer").build();
    shop.answer = k -> Lookup.Found.builder().value("order_status", "paid").build();

    // the slow vendor answers only after enrich() returns: returning at all shows the wait is bounded by
    // the timeout (a wait for the vendor would hang, which the preemptive limit turns into a failure)
    Enricher.Result r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> enricher(Map.of("lookup-timeout-ms", "300"), shop, pay, ship).enrich(ticket("1001", null)));
    assertThat(ship.hold.getCount()).as("the slow vendor had not answered yet").isEqualTo(1);
    ship.hold.countDown();

    assertThat(r.context().orderStatus()).isEqualTo("paid");
    assertThat(r.context().shipmentStatus()).isNull();
    assertThat(r.context().incomplete()).isTrue();
    assertThat(r.context().missing()).containsExactlyInAnyOrder("payment (stripe): Stripe answered 500",
        "shipment (easypost): no answer within 300 ms");
  }

  @Test
  void anAnswerIsCachedAndTheBudgetIsPerConnector() {
    Fake shop = new Fake("shopify", Lookup.Stage.ORDER);
    shop.answer = k -> Lookup.Found.builder().value("order_status", "paid").build();
    Enricher e = enricher(Map.of("lookups-per-second", "1", "lookup-timeout-ms", "200"), shop);

    e.enrich(ticket("1001", null));
    e.enrich(ticket("1001", null));
    // three orders within well under two budget periods (each wait is at most 200 ms): one permit
    // refresh at most, so at most two of them reach the vendor and the rest are told the budget is spent
    List<Enricher.Result> others = List.of(e.enrich(ticket("1002", null)), e.enrich(ticket("1003", null)));

    assertThat(shop.asked.stream().filter(k -> k.orderId().equals("1001"))).as("the repeat came from the cache").hasSize(1);
    assertThat(shop.asked).hasSizeLessThanOrEqualTo(2);
    assertThat(others).anySatisfy(r -> assertThat(r.context().missing()).singleElement().asString()
        .startsWith("order (shopify): the budget of 1 lookups per second was spent"));
  }

  @Test
  void noOrderNumberAndNoEmailMeansNoLookupAndASentenceSayingSo() {
    Fake shop = new Fake("shopify", Lookup.Stage.ORDER);
    Enricher.Result r = enricher(Map.of(), shop).enrich(ticket(null, null));

    assertThat(shop.asked).isEmpty();
    assertThat(r.context().orderFound()).isFalse();
    assertThat(r.context().notFound()).isEqualTo("No order found: the ticket names no order number and no requester email.");
  }
}
