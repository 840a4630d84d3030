package io.helpdeskbridge.it;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.plugin.zendesk.ZendeskWebhookSignature;
import io.helpdeskbridge.testing.BridgeProcess;
import io.helpdeskbridge.testing.StoreProbe;
import io.helpdeskbridge.testing.ZendeskStandIn;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The carriers' own tracking APIs through the real bridge, started once: a Zendesk ticket about an
 * order whose Shopify fulfillments carry a USPS or a DHL parcel gets that parcel's status from the
 * carrier's stand-in (USPS: OAuth client credentials, then the Tracking API; DHL: the unified API
 * with its key header), and the stale-shipment sweep polls a USPS parcel past its expected day
 * through USPS and raises one ShipmentDelayed for it.
 */
class DhlUspsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ZENDESK_SECRET = "zd-it-webhook-secret";
  private static final String SHOPIFY_TOKEN = "shpat_it_token";
  private static final String DHL_KEY = "dhl-it-api-key-Vq83LmZp";
  private static final String USPS_ID = "usps-it-consumer-key";
  private static final String USPS_SECRET = "usps-it-consumer-secret-R7tWq2";
  private static final String USPS_TOKEN = "usps-it-access-token-eyJraWQiOiJ4";
  private static final String SHIPMENT_STATUS_FIELD = "360000555666";
  private static final String TRACKING_FIELD = "360000777888";

  @TempDir static Path home;
  private static ZendeskStandIn zendesk;
  private static WireMockServer vendors;
  private static BridgeProcess bridge;
  private static StoreProbe store;

  @BeforeAll
  static void start() throws Exception {
    zendesk = new ZendeskStandIn();
    vendors = new WireMockServer(options().dynamicPort());
    vendors.start();
    store = new StoreProbe(home);
    // USPS's token endpoint takes the app's credentials as JSON and answers expires_in as a string
    vendors.stubFor(post(urlPathEqualTo("/oauth2/v3/token")).withHeader("Content-Type", equalTo("application/json"))
        .withRequestBody(equalToJson("{\"grant_type\":\"client_credentials\",\"client_id\":\"" + USPS_ID
            + "\",\"client_secret\":\"" + USPS_SECRET + "\"}"))
        .willReturn(okJson("{\"access_token\":\"" + USPS_TOKEN + "\",\"token_type\":\"Bearer\",\"issued_at\":\""
            + Instant.now().toEpochMilli() + "\",\"expires_in\":\"28799\",\"status\":\"approved\","
            + "\"scope\":\"tracking\",\"issuer\":\"api.usps.com\",\"client_id\":\"" + USPS_ID + "\"}")));
    Map<String, String> env = zendesk.bridgeEnv();
    env.put("ZENDESK_WEBHOOK_SECRET", ZENDESK_SECRET);
    env.put("ZENDESK_SHIPMENT_STATUS_FIELD_ID", SHIPMENT_STATUS_FIELD);
    env.put("ZENDESK_TRACKING_FIELD_ID", TRACKING_FIELD);
    env.put("SHOPIFY_WEBHOOK_SECRET", "shpss-it");
    env.put("SHOPIFY_SHOP", "acme.myshopify.com");
    env.put("SHOPIFY_ADMIN_TOKEN", SHOPIFY_TOKEN);
    env.put("SHOPIFY_API_BASE", vendors.baseUrl());
    env.put("DHL_API_KEY", DHL_KEY);
    env.put("DHL_API_BASE", vendors.baseUrl());
    env.put("USPS_CLIENT_ID", USPS_ID);
    env.put("USPS_CLIENT_SECRET", USPS_SECRET);
    env.put("USPS_API_BASE", vendors.baseUrl());
    env.put("BRIDGE_STALE_SWEEP_SECONDS", "2");
    env.put("BRIDGE_STALE_POLL_MINUTES", "0");
    bridge = new BridgeProcess(home, env).start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (bridge != null) bridge.close();
    if (vendors != null) vendors.stop();
    if (zendesk != null) zendesk.close();
  }

  @Test
  void aTicketsOrderGetsItsUspsAndDhlParcelsFromTheCarriersThemselves() throws Exception {
    String usps = "9400111899223344556601";
    String dhl = "1234567890";
    String uspsDay = day(3);
    String dhlDay = day(2);
    shopifyOrder("3001", "USPS", usps);
    shopifyOrder("3002", "DHL Express", dhl);
    uspsTracking(usps, "In Transit", "Arrived at USPS Regional Destination Facility", uspsDay + "T21:00:00",
        Instant.now().minus(2, ChronoUnit.HOURS));
    String serviceUrl = "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=" + dhl;
    vendors.stubFor(get(urlPathEqualTo("/track/shipments")).withQueryParam("trackingNumber", equalTo(dhl))
        .withHeader("DHL-API-Key", equalTo(DHL_KEY))
        .willReturn(okJson("{\"shipments\":[{\"id\":\"" + dhl + "\",\"service\":\"express\","
            + "\"origin\":{\"address\":{\"addressLocality\":\"LEIPZIG - GERMANY\"}},"
            + "\"destination\":{\"address\":{\"addressLocality\":\"NEW YORK, NY - USA\"}},"
            + "\"status\":{\"timestamp\":\"" + Instant.now().minus(3, ChronoUnit.HOURS) + "\",\"statusCode\":\"transit\","
            + "\"status\":\"transit\",\"description\":\"Arrived at DHL Sort Facility CINCINNATI HUB - USA\"},"
            + "\"estimatedTimeOfDelivery\":\"" + dhlDay + "T23:59:00Z\",\"estimatedTimeOfDeliveryRemark\":\"By End of Day\","
            + "\"serviceUrl\":\"" + serviceUrl + "\",\"details\":{\"totalNumberOfPieces\":1},"
            + "\"events\":[{\"timestamp\":\"" + Instant.now().minus(3, ChronoUnit.HOURS) + "\",\"statusCode\":\"transit\","
            + "\"status\":\"transit\",\"description\":\"Arrived at DHL Sort Facility CINCINNATI HUB - USA\"}]}]}")));
    long uspsTicket = zendesk.seedTicket("Where is my order #3001?", "Hello", "jane@example.com");
    long dhlTicket = zendesk.seedTicket("Order #3002 not here yet", "Hi", "joe@example.com");

    assertThat(ticketCreated(uspsTicket, "Where is my order #3001?", "jane@example.com")).isEqualTo(202);
    assertThat(ticketCreated(dhlTicket, "Order #3002 not here yet", "joe@example.com")).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> zendesk.markers(uspsTicket).size() == 1 && zendesk.markers(dhlTicket).size() == 1);

    assertThat(lastComment(uspsTicket)).contains("Order #3001")
        .contains("Shipment: in transit (Arrived at USPS Regional Destination Facility) · USPS " + usps
            + " · estimated delivery " + uspsDay)
        .contains("Tracking: https://tools.usps.com/go/TrackConfirmAction?tLabels=" + usps)
        .doesNotContain("Could not be fetched");
    assertThat(lastComment(dhlTicket)).contains("Order #3002")
        .contains("Shipment: in transit (Arrived at DHL Sort Facility CINCINNATI HUB - USA) · DHL Express " + dhl
            + " · estimated delivery " + dhlDay)
        .contains("Tracking: " + serviceUrl)
        .doesNotContain("Could not be fetched");
    assertThat(zendesk.field(uspsTicket, SHIPMENT_STATUS_FIELD)).isEqualTo("in transit (Arrived at USPS Regional Destination Facility)");

    List<LoggedRequest> dhlCalls = vendors.findAll(getRequestedFor(urlPathEqualTo("/track/shipments")));
    assertThat(dhlCalls).hasSize(1);
    assertThat(dhlCalls.get(0).getUrl()).isEqualTo("/track/shipments?trackingNumber=" + dhl);
    assertThat(dhlCalls.get(0).getHeader("DHL-API-Key")).isEqualTo(DHL_KEY);
    List<LoggedRequest> uspsCalls = vendors.findAll(getRequestedFor(urlPathEqualTo("/tracking/v3/tracking/" + usps)));
    assertThat(uspsCalls).hasSize(1);
    assertThat(uspsCalls.get(0).getUrl()).endsWith("?expand=DETAIL");
    assertThat(uspsCalls.get(0).getHeader("Authorization")).isEqualTo("Bearer " + USPS_TOKEN);
    // the sweep will know both parcels as the carriers told them
    assertThat(store.rows("select source, status, delivered from shipments where tracking_number in (?, ?) order by source",
        dhl, usps)).containsExactly(Map.of("source", "dhl", "status", "in_transit", "delivered", false),
        Map.of("source", "usps", "status", "in_transit", "delivered", false));
    assertOneTokenAndNoSecretsInTheLog();
  }

  @Test
  void theSweepPollsAUspsParcelPastItsExpectedDayThroughUspsAndRaisesOneDelay() throws Exception {
    String usps = "9205590164917312751003";
    String late = day(-2);
    shopifyOrder("3003", "USPS", usps);
    // USPS still says in transit whenever it is asked: at enrichment and at every sweep
    uspsTracking(usps, "In Transit", "In Transit to Next Facility, Arriving Late", late + "T21:00:00",
        Instant.now().minus(1, ChronoUnit.DAYS));
    long ticket = zendesk.seedTicket("Parcel for #3003 is late", "Where is it?", "kim@example.com");
    // the ticket names the parcel, as the enrichment's note makes it do: the delay finds it however the
    // sweep's raise and the enrichment's linking of the order interleave
    zendesk.seedField(ticket, TRACKING_FIELD, usps);

    assertThat(ticketCreated(ticket, "Parcel for #3003 is late", "kim@example.com")).isEqualTo(202);

    await().atMost(Duration.ofSeconds(40)).until(() -> zendesk.markers(ticket).stream().anyMatch(m -> m.startsWith("stale-sweep/")));
    assertThat(String.join("\n", zendesk.comments(ticket)))
        .contains("Shipment: in transit (In Transit to Next Facility, Arriving Late) · USPS " + usps)
        .containsPattern("Delivery delayed( for order 3003)?: USPS parcel " + usps + " now expected \\(no new date\\) \\(was "
            + late + "\\)");
    assertThat(store.rows("select event_id from inbox where source = 'stale-sweep'"))
        .containsExactly(Map.of("event_id", "overdue:" + usps + ":" + late));
    // two more sweeps ask USPS again (the parcel's last poll moves twice): still one delay, one note
    for (int sweep = 0; sweep < 2; sweep++) {
      Object polled = lastPolled(usps);
      await().atMost(Duration.ofSeconds(20)).until(() -> !Objects.equals(lastPolled(usps), polled));
    }
    // enrichment once, the first sweep once; later sweeps within lookup-cache-seconds reuse that answer
    assertThat(vendors.findAll(getRequestedFor(urlPathEqualTo("/tracking/v3/tracking/" + usps)))).hasSize(2)
        .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + USPS_TOKEN));
    assertThat(zendesk.markers(ticket)).filteredOn(m -> m.startsWith("stale-sweep/")).hasSize(1);
    assertThat(store.rows("select count(*) as n from inbox where source = 'stale-sweep'").get(0).get("n")).isEqualTo(1L);
    assertOneTokenAndNoSecretsInTheLog();
  }

  private static void assertOneTokenAndNoSecretsInTheLog() throws Exception {
    assertThat(vendors.findAll(postRequestedFor(urlPathEqualTo("/oauth2/v3/token")))).as("one token, reused").hasSize(1);
    assertThat(bridge.log()).contains("lookup 'dhl'").contains("lookup 'usps'")
        .doesNotContain(DHL_KEY).doesNotContain(USPS_SECRET).doesNotContain(USPS_TOKEN);
  }

  private static String day(int fromToday) {
    return LocalDate.now(ZoneOffset.UTC).plusDays(fromToday).toString();
  }

  private static Object lastPolled(String trackingNumber) {
    return store.rows("select last_polled_at as t from shipments where tracking_number = ?", trackingNumber).get(0).get("t");
  }

  private static String lastComment(long ticket) {
    List<String> comments = zendesk.comments(ticket);
    return comments.get(comments.size() - 1);
  }

  private static int ticketCreated(long id, String subject, String email) throws Exception {
    byte[] body = JSON.writeValueAsBytes(Map.of("ticket_id", String.valueOf(id), "event", "ticket_created",
        "subject", subject, "description", "Hello", "requester_email", email, "tags", "web_widget",
        "group_id", "360000000001"));
    String ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return bridge.post("/webhooks/zendesk", Map.of(ZendeskWebhookSignature.HEADER, ZendeskWebhookSignature.sign(ts, body, ZENDESK_SECRET),
        ZendeskWebhookSignature.TIMESTAMP_HEADER, ts, "X-Zendesk-Webhook-Invocation-Id", UUID.randomUUID().toString()), body)
        .statusCode();
  }

  /** Shopify's Admin API order, with one fulfillment of the given carrier (its {@code tracking_company}). */
  private static void shopifyOrder(String number, String company, String tracking) {
    vendors.stubFor(get(urlPathMatching("/admin/api/[^/]+/orders.json")).withQueryParam("name", equalTo("#" + number))
        .withHeader("X-Shopify-Access-Token", equalTo(SHOPIFY_TOKEN))
        .willReturn(okJson("{\"orders\":[{\"id\":45078" + number + ",\"name\":\"#" + number + "\",\"email\":\"jane@example.com\","
            + "\"financial_status\":\"paid\",\"fulfillment_status\":\"fulfilled\",\"cancelled_at\":null,\"total_price\":\"59.90\","
            + "\"currency\":\"USD\",\"created_at\":\"2026-11-20T09:00:00-05:00\",\"line_items\":[{\"title\":\"Blue mug\",\"quantity\":2}],"
            + "\"fulfillments\":[{\"id\":" + number + "1,\"status\":\"success\",\"tracking_company\":\"" + company + "\","
            + "\"tracking_number\":\"" + tracking + "\",\"tracking_numbers\":[\"" + tracking + "\"]}]}]}")));
  }

  /** USPS's Tracking 3.0 answer for one number, behind the Bearer token. */
  private static void uspsTracking(String number, String category, String status, String expected, Instant lastEvent) {
    Instant earlier = lastEvent.minus(10, ChronoUnit.HOURS);
    vendors.stubFor(get(urlPathEqualTo("/tracking/v3/tracking/" + number)).withQueryParam("expand", equalTo("DETAIL"))
        .withHeader("Authorization", equalTo("Bearer " + USPS_TOKEN))
        .willReturn(okJson("{\"trackingNumber\":\"" + number + "\",\"mailClass\":\"USPS Ground Advantage\","
            + "\"destinationCity\":\"BROOKLYN\",\"destinationState\":\"NY\",\"destinationZIP\":\"11201\","
            + "\"expectedDeliveryTimeStamp\":\"" + expected + "\",\"mailType\":\"DOMESTIC_MAIL\",\"originCity\":\"PORTLAND\","
            + "\"originState\":\"OR\",\"originZIP\":\"97218\",\"status\":\"" + status + "\",\"statusCategory\":\"" + category + "\","
            + "\"statusSummary\":\"Your item is moving within the USPS network.\",\"trackingEvents\":["
            + "{\"eventType\":\"" + status + "\",\"eventTimestamp\":\"" + lastEvent.minus(5, ChronoUnit.HOURS).toString().replace("Z", "")
            + "\",\"GMTTimestamp\":\"" + lastEvent + "\",\"GMTOffset\":\"-05:00\",\"eventCity\":\"KEARNY\",\"eventState\":\"NJ\","
            + "\"eventZIP\":\"07032\",\"eventCode\":\"T1\"},"
            + "{\"eventType\":\"USPS picked up item\",\"eventTimestamp\":\"" + earlier.minus(8, ChronoUnit.HOURS).toString().replace("Z", "")
            + "\",\"GMTTimestamp\":\"" + earlier + "\",\"GMTOffset\":\"-08:00\",\"eventCity\":\"PORTLAND\",\"eventState\":\"OR\","
            + "\"eventZIP\":\"97218\",\"eventCode\":\"03\"}]}")));
  }
}
