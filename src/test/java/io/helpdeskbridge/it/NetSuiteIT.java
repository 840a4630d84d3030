package io.helpdeskbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.plugin.netsuite.NetSuiteStandIn;
import io.helpdeskbridge.plugin.zendesk.ZendeskWebhookSignature;
import io.helpdeskbridge.testing.BridgeProcess;
import io.helpdeskbridge.testing.ZendeskStandIn;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * NetSuite as the order system behind Zendesk, through the real bridge: a signed Zendesk ticket
 * webhook about order SO1001 (and one naming only the requester's email) gets an internal note with
 * the sales order NetSuite holds, found with SuiteQL and read from the record service, every request
 * signed with token-based authentication that the NetSuite stand-in recomputes. The bridge starts once;
 * the concurrency-limit case runs last, since it pauses the connector's lookups.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetSuiteIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ZENDESK_SECRET = "zd-it-netsuite-webhook-secret";
  private static final String ORDER_STATUS_FIELD = "360000333444";

  @TempDir static Path home;
  private static ZendeskStandIn zendesk;
  private static NetSuiteStandIn netsuite;
  private static BridgeProcess bridge;

  @BeforeAll
  static void start() throws Exception {
    zendesk = new ZendeskStandIn();
    netsuite = new NetSuiteStandIn();
    netsuite.salesOrder("4711", "SO1001", "jane@example.com", "USD", netsuite.salesOrderRecord("4711", "SO1001", "jane@example.com",
        "Pending Fulfillment", "59.9", "UPS Ground", "1Z999AA10123456784", "2.0 × Blue mug", "1.0 × Tote bag"));
    netsuite.salesOrder("4712", "SO1002", "joe@example.com", "EUR", netsuite.salesOrderRecord("4712", "SO1002", "joe@example.com",
        "Billed", "120", "DHL Express", "", "1.0 × Desk lamp"));
    netsuite.concurrencyLimited("SO1003", null);
    Map<String, String> env = zendesk.bridgeEnv();
    env.putAll(netsuite.env());
    env.put("ZENDESK_WEBHOOK_SECRET", ZENDESK_SECRET);
    env.put("ZENDESK_ORDER_STATUS_FIELD_ID", ORDER_STATUS_FIELD);
    bridge = new BridgeProcess(home, env).start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (bridge != null) bridge.close();
    if (netsuite != null) netsuite.close();
    if (zendesk != null) zendesk.close();
  }

  private static HttpResponse<String> ticketCreated(long ticket, String subject, String email, String orderNumber) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ticket_id", String.valueOf(ticket));
    body.put("event", "ticket_created");
    body.put("subject", subject);
    body.put("description", "Hello");
    body.put("requester_email", email);
    body.put("tags", "web_widget");
    if (orderNumber != null) body.put("order_number", orderNumber);
    byte[] bytes = JSON.writeValueAsBytes(body);
    String ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return bridge.post("/webhooks/zendesk", Map.of(ZendeskWebhookSignature.HEADER, ZendeskWebhookSignature.sign(ts, bytes, ZENDESK_SECRET),
        ZendeskWebhookSignature.TIMESTAMP_HEADER, ts, "X-Zendesk-Webhook-Invocation-Id", UUID.randomUUID().toString()), bytes);
  }

  private static String lastComment(long ticket) {
    List<String> comments = zendesk.comments(ticket);
    return comments.get(comments.size() - 1);
  }

  @Test
  @Order(1)
  void aTicketAboutAnOrderOrFromACustomerGetsTheSalesOrderFromNetSuite() throws Exception {
    long byNumber = zendesk.seedTicket("Where is order SO1001?", "Hello", "jane@example.com", "web_widget");
    long byEmail = zendesk.seedTicket("Where is my stuff?", "Hello", "joe@example.com", "web_widget");

    assertThat(ticketCreated(byNumber, "Where is order SO1001?", "jane@example.com", "SO1001").statusCode()).isEqualTo(202);
    assertThat(ticketCreated(byEmail, "Where is my stuff?", "joe@example.com", null).statusCode()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(30)).until(() -> zendesk.markers(byNumber).size() == 1 && zendesk.markers(byEmail).size() == 1);
    assertThat(lastComment(byNumber)).contains("Order #SO1001: pending fulfillment").contains("Items: 2 × Blue mug, 1 × Tote bag")
        .contains("Total: 59.90 USD · placed 2026-11-20").doesNotContain("Could not be fetched");
    assertThat(zendesk.field(byNumber, ORDER_STATUS_FIELD)).isEqualTo("pending fulfillment");
    assertThat(zendesk.tags(byNumber)).contains("web_widget", "bridge_enriched");
    assertThat(lastComment(byEmail)).contains("Order #SO1002: billed").contains("Items: 1 × Desk lamp").contains("Total: 120.00 EUR");

    assertThat(netsuite.queries()).anySatisfy(q -> assertThat(q).endsWith("AND t.tranid = 'SO1001' ORDER BY t.id DESC"))
        .anySatisfy(q -> assertThat(q).endsWith("AND LOWER(t.email) = 'joe@example.com' ORDER BY t.trandate DESC, t.id DESC"));
    assertThat(netsuite.requests()).extracting(r -> r.getMethod().getName() + " " + r.getUrl())
        .contains("GET /services/rest/record/v1/salesOrder/4711?expandSubResources=true",
            "GET /services/rest/record/v1/salesOrder/4712?expandSubResources=true");
    // every request of the built jar was signed so that NetSuite's check (recomputed by the stand-in) holds
    assertThat(netsuite.refusedLogins()).isZero();
  }

  @Test
  @Order(2)
  void theConcurrencyLimitIsNamedOnTheTicketAndNoCredentialReachesTheLog() throws Exception {
    long limited = zendesk.seedTicket("Order SO1003 is late", "Hello", "kim@example.com", "web_widget");

    assertThat(ticketCreated(limited, "Order SO1003 is late", "kim@example.com", "SO1003").statusCode()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(30)).until(() -> zendesk.markers(limited).size() == 1);
    assertThat(lastComment(limited)).contains("Order #SO1003: status not fetched").contains("Could not be fetched")
        .contains("order (NetSuite): NetSuite refused the order lookup for the account's concurrency limit (429 CONCURRENCY_LIMIT_EXCEEDED");
    String log = bridge.log();
    assertThat(log).contains("lookup 'netsuite': order (NetSuite) for ticket enrichment");
    for (String secret : List.of(NetSuiteStandIn.CONSUMER_KEY, NetSuiteStandIn.CONSUMER_SECRET, NetSuiteStandIn.TOKEN_ID,
        NetSuiteStandIn.TOKEN_SECRET, ZENDESK_SECRET)) {
      assertThat(log).doesNotContain(secret);
      zendesk.comments(limited).forEach(c -> assertThat(c).doesNotContain(secret));
    }
  }
}
