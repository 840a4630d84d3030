package io.helpdeskbridge.it;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.helpdeskbridge.plugin.fedex.FedExStandIn;
import io.helpdeskbridge.plugin.ups.UpsStandIn;
import io.helpdeskbridge.plugin.zendesk.ZendeskWebhookSignature;
import io.helpdeskbridge.testing.BridgeProcess;
import io.helpdeskbridge.testing.StoreProbe;
import io.helpdeskbridge.testing.ZendeskStandIn;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * UPS and FedEx asked directly, through the real bridge started once: a new Zendesk ticket about an
 * order whose Shopify fulfillment is a UPS parcel gets UPS's answer in its note, and one whose parcel
 * is FedEx's gets FedEx's; that FedEx parcel is past its estimate, so the stale-shipment sweep polls
 * FedEx again and raises one ShipmentDelayed on the same ticket. Each carrier is asked only about its
 * own parcel, and neither carrier's credentials nor tokens reach the log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpsFedExIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ZENDESK_SECRET = "zd-it-carriers-secret";
  private static final String SHOPIFY_TOKEN = "shpat_it_carriers";
  private static final String SHIPMENT_STATUS_FIELD = "360000555666";
  private static final String UPS_NUMBER = "1Z999AA10123456784";
  private static final String FEDEX_NUMBER = "794843185271";
  private static final DateTimeFormatter UPS_DAY = DateTimeFormatter.BASIC_ISO_DATE;

  @TempDir static Path home;
  private static ZendeskStandIn zendesk;
  private static WireMockServer vendors;
  private static UpsStandIn ups;
  private static FedExStandIn fedex;
  private static BridgeProcess bridge;
  private static StoreProbe store;

  @BeforeAll
  static void start() throws Exception {
    zendesk = new ZendeskStandIn();
    vendors = new WireMockServer(options().dynamicPort());
    vendors.start();
    ups = new UpsStandIn(vendors).tokens(UpsStandIn.token("tok-ups-it", 14399));
    fedex = new FedExStandIn(vendors).tokens(FedExStandIn.token("tok-fedex-it", 3599));
    store = new StoreProbe(home);

    Map<String, String> env = zendesk.bridgeEnv();
    env.put("ZENDESK_WEBHOOK_SECRET", ZENDESK_SECRET);
    env.put("ZENDESK_SHIPMENT_STATUS_FIELD_ID", SHIPMENT_STATUS_FIELD);
    env.put("SHOPIFY_WEBHOOK_SECRET", "shpss-it");
    env.put("SHOPIFY_SHOP", "acme.myshopify.com");
    env.put("SHOPIFY_ADMIN_TOKEN", SHOPIFY_TOKEN);
    env.put("SHOPIFY_API_BASE", vendors.baseUrl());
    env.put("UPS_CLIENT_ID", UpsStandIn.CLIENT_ID);
    env.put("UPS_CLIENT_SECRET", UpsStandIn.CLIENT_SECRET);
    env.put("UPS_API_BASE", ups.base());
    env.put("FEDEX_CLIENT_ID", FedExStandIn.CLIENT_ID);
    env.put("FEDEX_CLIENT_SECRET", FedExStandIn.CLIENT_SECRET);
    env.put("FEDEX_API_BASE", fedex.base());
    env.put("BRIDGE_STALE_SWEEP_SECONDS", "2");
    env.put("BRIDGE_STALE_POLL_MINUTES", "0");
    // each write goes out at once instead of waiting a second for more of its order
    env.put("BRIDGE_COALESCE_MS", "0");
    bridge = new BridgeProcess(home, env).start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (bridge != null) bridge.close();
    if (vendors != null) vendors.stop();
    if (zendesk != null) zendesk.close();
  }

  private static void shopifyOrder(String number, String carrier, String tracking) {
    vendors.stubFor(get(urlPathMatching("/admin/api/[^/]+/orders.json")).withQueryParam("name", equalTo("#" + number))
        .withHeader("X-Shopify-Access-Token", equalTo(SHOPIFY_TOKEN))
        .willReturn(okJson("{\"orders\":[{\"id\":45078" + number + ",\"name\":\"#" + number + "\",\"email\":\"jane@example.com\","
            + "\"financial_status\":\"paid\",\"fulfillment_status\":\"fulfilled\",\"cancelled_at\":null,\"total_price\":\"59.90\","
            + "\"currency\":\"USD\",\"created_at\":\"2026-11-20T09:00:00-05:00\",\"line_items\":[{\"title\":\"Blue mug\",\"quantity\":2}],"
            + "\"fulfillments\":[{\"id\":1" + number + ",\"status\":\"success\",\"tracking_company\":\"" + carrier + "\","
            + "\"tracking_number\":\"" + tracking + "\",\"tracking_numbers\":[\"" + tracking + "\"]}]}]}")));
  }

  private static void ticketCreated(long ticket, String subject) throws IOException {
    byte[] body = JSON.writeValueAsBytes(Map.of("ticket_id", String.valueOf(ticket), "event", "ticket_created",
        "subject", subject, "description", "Hello", "requester_email", "jane@example.com", "tags", "web_widget"));
    String ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    assertThat(bridge.post("/webhooks/zendesk", Map.of(ZendeskWebhookSignature.HEADER,
        ZendeskWebhookSignature.sign(ts, body, ZENDESK_SECRET), ZendeskWebhookSignature.TIMESTAMP_HEADER, ts,
        "X-Zendesk-Webhook-Invocation-Id", UUID.randomUUID().toString()), body).statusCode()).isEqualTo(202);
  }

  private static String lastNote(long ticket) {
    return zendesk.comments(ticket).get(zendesk.comments(ticket).size() - 1);
  }

  @Test
  @Order(1)
  void aNewTicketAboutAUpsParcelGetsUpsAnswer() throws Exception {
    // on its way, due in three days: nothing for the sweep
    LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(3);
    OffsetDateTime scanned = OffsetDateTime.now(ZoneOffset.ofHours(-5)).minusHours(1);
    ups.track(UPS_NUMBER, UpsStandIn.pkg(UPS_NUMBER, null, "005", "On the Way", due.format(UPS_DAY),
        UpsStandIn.activity("I", "AR", "005", "Arrived at Facility", scanned.format(UPS_DAY),
            scanned.format(DateTimeFormatter.ofPattern("HHmmss")), "-05:00",
            scanned.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("HH:mm:ss")))));
    shopifyOrder("3001", "UPS", UPS_NUMBER);
    long ticket = zendesk.seedTicket("Where is my order #3001?", "Hello", "jane@example.com", "web_widget");

    ticketCreated(ticket, "Where is my order #3001?");

    await().atMost(Duration.ofSeconds(30)).until(() -> zendesk.markers(ticket).size() == 1);
    assertThat(lastNote(ticket)).contains("Order #3001: paid, fulfilled")
        .contains("Shipment: in transit (On the Way) · UPS " + UPS_NUMBER + " · estimated delivery " + due)
        .contains("Tracking: https://www.ups.com/track?loc=en_US&tracknum=" + UPS_NUMBER)
        .doesNotContain("Could not be fetched");
    assertThat(zendesk.field(ticket, SHIPMENT_STATUS_FIELD)).isEqualTo("in transit (On the Way)");
    assertThat(ups.trackRequests()).isNotEmpty().allSatisfy(r -> {
      assertThat(r.getUrl()).startsWith(UpsStandIn.TRACK_PATH + UPS_NUMBER + "?locale=en_US");
      assertThat(r.getHeader("Authorization")).isEqualTo("Bearer tok-ups-it");
    });
    // FedEx was not asked about a UPS parcel
    assertThat(fedex.trackRequests()).noneSatisfy(r -> assertThat(r.getBodyAsString()).contains(UPS_NUMBER));
  }

  @Test
  @Order(2)
  void aFedExParcelPastItsEstimateIsPolledAtFedExAndRaisedOnceOnItsTicket() throws Exception {
    // FedEx still has it in transit, two days after the day it promised; when the sweep asks, it has
    // moved on (a later scan) without a new promise
    LocalDate promised = LocalDate.now(ZoneOffset.UTC).minusDays(2);
    OffsetDateTime arrived = OffsetDateTime.now(ZoneOffset.ofHours(-6)).minusDays(2).truncatedTo(ChronoUnit.SECONDS);
    OffsetDateTime departed = arrived.plusDays(1).plusHours(3);
    String estimate = FedExStandIn.dateAndTime("ESTIMATED_DELIVERY", promised + "T00:00:00-06:00");
    fedex.trackInTurn(FEDEX_NUMBER,
        FedExStandIn.result(FEDEX_NUMBER, "AR", "IT", "Arrived at FedEx location", estimate,
            FedExStandIn.scan("AR", "Arrived at FedEx location", arrived.toString())),
        FedExStandIn.result(FEDEX_NUMBER, "DP", "IT", "Departed FedEx location", estimate,
            FedExStandIn.scan("DP", "Departed FedEx location", departed.toString()) + ","
                + FedExStandIn.scan("AR", "Arrived at FedEx location", arrived.toString())));
    shopifyOrder("3002", "FedEx", FEDEX_NUMBER);
    long ticket = zendesk.seedTicket("Order 3002 is late", "Hello", "jane@example.com");

    ticketCreated(ticket, "Order 3002 is late");

    await().atMost(Duration.ofSeconds(30)).until(() -> zendesk.markers(ticket).size() == 1);
    assertThat(lastNote(ticket)).contains("Order #3002")
        .contains("Shipment: in transit (Arrived at FedEx location) · FedEx " + FEDEX_NUMBER + " · estimated delivery " + promised)
        .contains("Tracking: https://www.fedex.com/fedextrack/?trknbr=" + FEDEX_NUMBER);

    // the sweep asks FedEx itself (its own call, after the enrichment's), keeps FedEx's newer answer and
    // raises the delay on the order's ticket
    await().atMost(Duration.ofSeconds(30)).until(() -> zendesk.markers(ticket).size() == 2);
    assertThat(zendesk.markers(ticket).get(1)).startsWith("stale-sweep/");
    assertThat(lastNote(ticket)).contains("Delivery delayed for order 3002: FedEx parcel " + FEDEX_NUMBER)
        .contains("(was " + promised + ")").contains("Tracking: https://www.fedex.com/fedextrack/?trknbr=" + FEDEX_NUMBER);
    assertThat(fedex.trackRequests()).hasSizeGreaterThanOrEqualTo(2).allSatisfy(r -> {
      assertThat(r.getBodyAsString()).contains("\"trackingNumber\":\"" + FEDEX_NUMBER + "\"");
      assertThat(r.getHeader("Authorization")).isEqualTo("Bearer tok-fedex-it");
    });
    assertThat(store.rows("select source, carrier, status, delivered, last_event_at from shipments where tracking_number = ?",
        FEDEX_NUMBER)).singleElement().satisfies(row -> {
          assertThat(row).containsEntry("source", "fedex").containsEntry("carrier", "FedEx")
              .containsEntry("status", "in_transit").containsEntry("delivered", false);
          assertThat(row.get("last_event_at")).isInstanceOfSatisfying(OffsetDateTime.class,
              t -> assertThat(t.toInstant()).isEqualTo(departed.toInstant()));
        });

    // two more sweeps look at the parcel again: still one note, one raised event
    for (int sweep = 0; sweep < 2; sweep++) {
      String polled = lastPolled(FEDEX_NUMBER);
      await().atMost(Duration.ofSeconds(30)).until(() -> !Objects.equals(lastPolled(FEDEX_NUMBER), polled));
    }
    assertThat(zendesk.markers(ticket)).hasSize(2);
    assertThat((Long) store.rows("select count(*) as n from inbox where source = 'stale-sweep'").get(0).get("n")).isEqualTo(1L);
    // UPS was not asked about a FedEx parcel
    assertThat(ups.trackRequests()).noneSatisfy(r -> assertThat(r.getUrl()).contains(FEDEX_NUMBER));
  }

  @Test
  @Order(3)
  void neitherCarriersCredentialsNorTokensReachTheLog() throws Exception {
    // after the lookups above: both tokens were fetched and used
    assertThat(ups.tokenRequests()).hasSize(1);
    assertThat(fedex.tokenRequests()).hasSize(1);
    assertThat(bridge.log()).contains("lookup 'ups': shipment (UPS)").contains("lookup 'fedex': shipment (FedEx)")
        .doesNotContain(UpsStandIn.CLIENT_SECRET).doesNotContain(FedExStandIn.CLIENT_SECRET)
        .doesNotContain("tok-ups-it").doesNotContain("tok-fedex-it");
  }

  private static String lastPolled(String tracking) {
    return String.valueOf(store.rows("select last_polled_at as t from shipments where tracking_number = ?", tracking)
        .get(0).get("t"));
  }
}
