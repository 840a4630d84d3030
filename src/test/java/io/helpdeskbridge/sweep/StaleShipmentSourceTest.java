package io.helpdeskbridge.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.ShipmentDelayed;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class StaleShipmentSourceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant RAISED = Instant.parse("2026-03-02T09:00:00Z");
  private static final ConnectorSettings SETTINGS = ConnectorSettings.of(StaleShipmentSource.ID, Map.of());

  private final StaleShipmentSource source = new StaleShipmentSource();

  private static StaleShipmentSource.Stale overdue(String orderKey) {
    return new StaleShipmentSource.Stale("overdue:EZ1:2026-03-01", StaleShipmentSource.OVERDUE, RAISED, orderKey, "EZ1",
        "USPS", "easypost", "trk_1", "in_transit", "2026-03-01", null, Instant.parse("2026-03-01T20:00:00Z"),
        "https://track.easypost.com/EZ1");
  }

  private List<OrderEvent> normalize(String body) throws Exception {
    WebhookRequest request = new WebhookRequest(StaleShipmentSource.ID, Map.of(), body.getBytes(StandardCharsets.UTF_8),
        Instant.parse("2026-03-02T09:00:05Z"));
    return source.normalize(request, JSON.readTree(body), SETTINGS);
  }

  @Test
  void anOverdueParcelIsOneShipmentDelayedForItsOrder() throws Exception {
    List<OrderEvent> events = normalize(overdue("order:1001").toJson());

    assertThat(events).containsExactly(new ShipmentDelayed(StaleShipmentSource.ID, "overdue:EZ1:2026-03-01", RAISED,
        new OrderRef("1001", null, null, null, "EZ1", "USPS"), StaleShipmentSource.OVERDUE, "USPS", "EZ1", "2026-03-01",
        null, "https://track.easypost.com/EZ1"));
    assertThat(events.get(0).order().key()).isEqualTo("order:1001");
  }

  @Test
  void aQuietParcelSaysSoInItsVendorTypeAndKeepsTheCurrentEstimate() throws Exception {
    StaleShipmentSource.Stale quiet = new StaleShipmentSource.Stale("quiet:EZ2:2026-02-27T08:00:00Z",
        StaleShipmentSource.QUIET, RAISED, "tracking:EZ2", "EZ2", "UPS", "aftership", null, "InTransit", null,
        "2026-03-20", Instant.parse("2026-02-27T08:00:00Z"), null);
    JsonNode payload = JSON.readTree(quiet.toJson());

    ShipmentDelayed delayed = (ShipmentDelayed) normalize(quiet.toJson()).get(0);

    assertThat(delayed.vendorType()).isEqualTo(StaleShipmentSource.QUIET);
    assertThat(source.vendorType(null, payload)).isEqualTo(StaleShipmentSource.QUIET);
    assertThat(source.eventId(null, payload)).isEqualTo("quiet:EZ2:2026-02-27T08:00:00Z");
    assertThat(delayed.previousEstimate()).isNull();
    assertThat(delayed.newEstimate()).isEqualTo("2026-03-20");
    // only the tracking number is known: the dispatcher's resolver looks for the order
    assertThat(delayed.order()).isEqualTo(new OrderRef(null, null, null, null, "EZ2", "UPS"));
    assertThat(delayed.order().key()).isEqualTo("tracking:EZ2");
  }

  @Test
  void everyKindOfOrderKeyBecomesItsPartOfTheReference() {
    assertThat(StaleShipmentSource.orderRef("vendor-order:shopify:4507", "T", "c"))
        .isEqualTo(new OrderRef(null, "shopify:4507", null, null, "T", "c"));
    assertThat(StaleShipmentSource.orderRef("payment:pi_1", "T", "c").paymentId()).isEqualTo("pi_1");
    assertThat(StaleShipmentSource.orderRef("email:a@example.com", "T", "c").email()).isEqualTo("a@example.com");
    assertThat(StaleShipmentSource.orderRef("unknown", "T", null)).isEqualTo(new OrderRef(null, null, null, null, "T", null));
    assertThat(StaleShipmentSource.orderRef(null, "T", null).key()).isEqualTo("tracking:T");
  }

  @Test
  void whatIsNotAStaleParcelMeansNothing() throws Exception {
    assertThat(normalize("{}")).isEmpty();
    assertThat(normalize("{\"id\":\"x\",\"type\":\"stale_shipment_overdue\"}")).as("no tracking number").isEmpty();
    assertThat(normalize("{\"id\":\"x\",\"type\":\"refund\",\"trackingNumber\":\"T\"}")).as("another type").isEmpty();
    assertThat(normalize("[1]")).isEmpty();
  }

  @Test
  void everyHttpDeliveryIsRefusedAsNoWebhookSource() {
    WebhookRequest forged = new WebhookRequest(StaleShipmentSource.ID, Map.of(),
        overdue("order:1").toJson().getBytes(StandardCharsets.UTF_8), RAISED);

    assertThatThrownBy(() -> source.verify(forged, SETTINGS, Clock.systemUTC()))
        .isInstanceOfSatisfying(WebhookRejected.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.detail()).contains("not a webhook source");
        });
  }

  @Test
  void itIsNotAPluginTheServiceLoaderFinds() {
    assertThat(source.id()).isEqualTo("stale-sweep");
    assertThat(ServiceLoader.load(EventSource.class).stream().map(p -> p.type().getName()))
        .isNotEmpty()
        .doesNotContain(StaleShipmentSource.class.getName());
  }
}
