package io.helpdeskbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.store.AuditTrail;
import io.helpdeskbridge.store.InboxStatus;
import io.helpdeskbridge.store.StoreTestSupport;
import io.helpdeskbridge.testing.StripeEvents;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An order's story is put together from the inbox, the aliases and the audit trail, on H2 and PostgreSQL. */
class OrderTimelineTest extends StoreTestSupport {
  @TempDir Path home;
  ConsoleFixture f;
  ConsoleData data;

  @BeforeEach
  void console() {
    f = new ConsoleFixture(store, home);
    data = new ConsoleData(store);
  }

  @Test
  void deliveriesThenCanonicalEventsThenTicketChangesOldestFirst() {
    long first = f.stripeDelivery("evt_first", StripeEvents.chargeRefunded("evt_first", "1001", 0, 1000), "order:1001",
        InboxStatus.DONE, null);
    store.audit().record(new AuditTrail.Entry(first, "stripe", "evt_first", "RefundIssued", "order:1001", "zendesk", "77",
        "applied", null, f.clock.instant()));
    store.correlation().remember("zendesk", "order:1001", "77", "field:order_id");
    f.clock.advance(Duration.ofMinutes(5));
    // stored under the payment before the bridge knew its order; an alias links it
    long second = f.stripeDelivery("evt_second", StripeEvents.chargeRefunded("evt_second", "", 1000, 5000), "payment:pi_it_1",
        InboxStatus.DEAD, "zendesk: HTTP 422 Unprocessable Entity");
    store.aliases().remember("payment:pi_it_1", "order:1001", "stripe/evt_first");
    f.clock.advance(Duration.ofMinutes(5));
    f.stripeDelivery("evt_other", StripeEvents.chargeRefunded("evt_other", "2002", 0, 100), "order:2002", InboxStatus.DONE, null);

    OrderTimeline t = OrderTimeline.of("order:1001", data, f.config);

    assertThat(t.steps()).extracting(s -> s.delivery().id()).containsExactly(first, second);
    OrderTimeline.Step one = t.steps().get(0);
    assertThat(one.events()).extracting(OrderTimeline.Canonical::type).containsExactly("RefundIssued");
    assertThat(one.events().get(0).json()).contains("\"orderId\" : \"1001\"").contains("\"minor\" : 1000");
    assertThat(one.changes()).extracting(AuditTrail.Entry::helpdesk, AuditTrail.Entry::ticketId, AuditTrail.Entry::action)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("zendesk", "77", "applied"));
    OrderTimeline.Step two = t.steps().get(1);
    assertThat(two.delivery().status()).isEqualTo(InboxStatus.DEAD);
    assertThat(two.events()).extracting(OrderTimeline.Canonical::type).containsExactly("RefundIssued");
    assertThat(two.changes()).isEmpty();

    String page = f.get(EventsPages.timelineHref("order:1001"), f.login().headers()).body();
    assertThat(page).contains("Linked ticket(s): zendesk #77").contains("2 deliveries, oldest first")
        .containsSubsequence("evt_first", "RefundIssued", "zendesk #77", "applied", "evt_second", "zendesk: HTTP 422", "RefundIssued",
            "No ticket change recorded")
        .doesNotContain("evt_other");
  }

  @Test
  void theSearchFindsAnOrderByNumberKeyTicketOrAliasAndDeliveriesByEventIdOrSource() {
    long id = f.stripeDelivery("evt_find", StripeEvents.chargeRefunded("evt_find", "1001", 0, 1000), "order:1001", InboxStatus.DONE,
        null);
    store.audit().record(new AuditTrail.Entry(id, "stripe", "evt_find", "RefundIssued", "order:1001", "zendesk", "77", "applied",
        null, f.clock.instant()));
    store.aliases().remember("tracking:1Z999", "order:1001", "test");

    for (String q : new String[] {"1001", "#1001", "order:1001", "77", "1Z999"}) {
      assertThat(data.orders(q)).as(q).extracting(ConsoleData.OrderHit::orderKey).containsExactly("order:1001");
    }
    assertThat(data.orders("77").get(0).matchedBy()).isEqualTo("ticket 77");
    assertThat(data.orders("9999")).isEmpty();
    assertThat(data.deliveries("evt_find", 10)).extracting(r -> r.id()).containsExactly(id);
    assertThat(data.deliveries("stripe", 10)).extracting(r -> r.id()).containsExactly(id);

    String page = f.get(OpsConsole.BASE + "/events?q=1001", f.login().headers()).body();
    assertThat(page).contains("<a href=\"/ops/console/timeline?order=order%3A1001\">Timeline of order:1001</a>");
  }

  @Test
  void theOverviewCountsEachSourcesTrafficAndNamesTheLastErrors() {
    f.stripeDelivery("evt_a", StripeEvents.chargeRefunded("evt_a", "1", 0, 1), "order:1", InboxStatus.DONE, null);
    f.stripeDelivery("evt_b", StripeEvents.chargeRefunded("evt_b", "2", 0, 1), "order:2", InboxStatus.DEAD,
        "TicketWriteFailed: zendesk: HTTP 422 the ticket is closed");
    store.audit().record(new AuditTrail.Entry(1, "stripe", "evt_a", "RefundIssued", "order:1", "zendesk", "5", "applied", null,
        f.clock.instant()));

    ConsoleData.SourceHealth stripe = data.sources(f.clock.instant()).get("stripe");
    assertThat(stripe.lastQuarterHour()).isEqualTo(2);
    assertThat(stripe.dead()).isEqualTo(1);
    assertThat(stripe.lastError()).contains("the ticket is closed");
    ConsoleData.DeskHealth zendesk = data.helpdesk("zendesk");
    assertThat(zendesk.lastSuccessTicket()).isEqualTo("5");
    assertThat(zendesk.lastError()).contains("HTTP 422 the ticket is closed");
    assertThat(data.helpdesk("sandbox").lastError()).isNull();

    String page = f.get(OpsConsole.BASE, f.login().headers()).body();
    assertThat(page).contains("<a href=\"/ops/console/dead?source=stripe\">1</a>").contains("HTTP 422 the ticket is closed");
  }
}
