package io.helpdeskbridge.plugin.netsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.Lookup.Found;
import io.helpdeskbridge.spi.Lookup.Known;
import io.helpdeskbridge.spi.Lookup.Parcel;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order lookup against the NetSuite stand-in, which answers only requests whose token-based
 * signature it can recompute: the exact SuiteQL and record requests, what is read from the sales
 * order, and how each refusal reaches the engine (nothing found, 401, 429 concurrency, 5xx) without a
 * credential in any message.
 */
class NetSuiteOrderLookupTest {
  private static final String NUMBER_QUERY = "SELECT t.id, t.tranid AS ordernumber, c.symbol AS currency FROM transaction t"
      + " LEFT JOIN currency c ON c.id = t.currency WHERE t.type = 'SalesOrd' AND t.tranid = 'SO1001' ORDER BY t.id DESC";
  private static final List<String> CREDENTIALS = List.of(NetSuiteStandIn.CONSUMER_KEY, NetSuiteStandIn.CONSUMER_SECRET,
      NetSuiteStandIn.TOKEN_ID, NetSuiteStandIn.TOKEN_SECRET);
  private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"");

  private final Lookup lookup = new NetSuiteOrderLookup();
  private NetSuiteStandIn netsuite;

  @BeforeEach
  void start() {
    netsuite = new NetSuiteStandIn();
  }

  @AfterEach
  void stop() {
    netsuite.close();
  }

  private ConnectorSettings settings(String... extra) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < extra.length; i += 2) m.put(extra[i], extra[i + 1]);
    return netsuite.settings(m);
  }

  private void so1001() {
    netsuite.salesOrder("4711", "SO1001", "jane@example.com", "USD", netsuite.salesOrderRecord("4711", "SO1001", "jane@example.com",
        "Pending Fulfillment", "59.9", "UPS Ground", "1Z999AA10123456784 1Z999AA10123456785", "2.0 × Blue mug", "1.0 × Tote bag"));
  }

  private static Map<String, String> oauth(LoggedRequest r) {
    Map<String, String> p = new HashMap<>();
    Matcher m = PARAM.matcher(r.getHeader("Authorization"));
    while (m.find()) p.put(m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
    return p;
  }

  @Test
  void findsTheOrderByItsNumberThenReadsItWithItsLines() throws IOException {
    so1001();

    Found found = lookup.lookUp(new Known("SO1001", null, null, null), settings());

    List<LoggedRequest> requests = netsuite.requests();
    assertThat(requests).hasSize(2);
    LoggedRequest find = requests.get(0);
    assertThat(find.getMethod().getName()).isEqualTo("POST");
    assertThat(find.getUrl()).isEqualTo("/services/rest/query/v1/suiteql?limit=1");
    assertThat(find.getHeader("Prefer")).isEqualTo("transient");
    assertThat(find.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(netsuite.queries()).containsExactly(NUMBER_QUERY);
    LoggedRequest read = requests.get(1);
    assertThat(read.getMethod().getName()).isEqualTo("GET");
    assertThat(read.getUrl()).isEqualTo("/services/rest/record/v1/salesOrder/4711?expandSubResources=true");
    for (LoggedRequest r : requests) {
      assertThat(r.getHeader("Accept")).isEqualTo("application/json");
      assertThat(r.getHeader("Authorization")).startsWith("OAuth realm=\"1234567_SB1\", ");
      assertThat(oauth(r)).containsEntry("oauth_consumer_key", NetSuiteStandIn.CONSUMER_KEY)
          .containsEntry("oauth_token", NetSuiteStandIn.TOKEN_ID).containsEntry("oauth_signature_method", "HMAC-SHA256")
          .containsEntry("oauth_version", "1.0").containsKeys("oauth_nonce", "oauth_timestamp", "oauth_signature");
      assertThat(r.getHeader("Authorization")).doesNotContain(NetSuiteStandIn.CONSUMER_SECRET).doesNotContain(NetSuiteStandIn.TOKEN_SECRET);
    }
    assertThat(oauth(find).get("oauth_nonce")).isNotEqualTo(oauth(read).get("oauth_nonce"));
    assertThat(netsuite.refusedLogins()).isZero();

    assertThat(found.orderId()).isEqualTo("SO1001");
    assertThat(found.email()).isEqualTo("jane@example.com");
    assertThat(found.paymentIds()).isEmpty();
    assertThat(found.values()).containsExactly(
        Map.entry("order_number", "SO1001"),
        Map.entry("order_status", "pending fulfillment"),
        Map.entry("order_items", "2 × Blue mug, 1 × Tote bag"),
        Map.entry("order_total", "59.90 USD"),
        Map.entry("order_created", "2026-11-20"));
    assertThat(found.parcels()).containsExactly(new Parcel("1Z999AA10123456784", "UPS Ground"), new Parcel("1Z999AA10123456785", "UPS Ground"));
  }

  @Test
  void byEmailItTakesTheLatestOrderAndTellsItsNumberWithoutThePrefix() throws IOException {
    so1001();

    Found found = lookup.lookUp(new Known(null, " Jane@Example.com ", null, null),
        settings("order-number-prefix", "SO", "payment-id-field", "custbody_stripe_pi"));

    assertThat(netsuite.queries()).containsExactly("SELECT t.id, t.tranid AS ordernumber, c.symbol AS currency,"
        + " t.custbody_stripe_pi AS paymentid FROM transaction t LEFT JOIN currency c ON c.id = t.currency"
        + " WHERE t.type = 'SalesOrd' AND LOWER(t.email) = 'jane@example.com' ORDER BY t.trandate DESC, t.id DESC");
    assertThat(found.orderId()).isEqualTo("1001");
    assertThat(found.values()).containsEntry("order_number", "SO1001");
  }

  @Test
  void aBareTicketNumberGetsThePrefixAndTheConfiguredColumnIsAsked() throws IOException {
    netsuite.salesOrder("4712", "SO1002", "joe@example.com", "EUR", netsuite.salesOrderRecord("4712", "SO1002", "joe@example.com",
        "Billed", "120", "DHL Express", "", "1.0 × Lamp"));

    Found found = lookup.lookUp(new Known("#1002", null, null, null),
        settings("order-number-prefix", "SO", "order-number-field", "CUSTBODY_SHOP_ORDER"));

    assertThat(netsuite.queries()).containsExactly("SELECT t.id, t.custbody_shop_order AS ordernumber, c.symbol AS currency"
        + " FROM transaction t LEFT JOIN currency c ON c.id = t.currency WHERE t.type = 'SalesOrd'"
        + " AND t.custbody_shop_order = 'SO1002' ORDER BY t.id DESC");
    assertThat(found.orderId()).isEqualTo("1002");
    assertThat(found.values()).containsEntry("order_status", "billed").containsEntry("order_total", "120.00 EUR")
        .containsEntry("order_items", "1 × Lamp");
    assertThat(found.parcels()).isEmpty();
  }

  @Test
  void noOrderMeansNothingAndNoRecordIsRead() throws IOException {
    assertThat(lookup.lookUp(new Known("SO9999", "nobody@example.com", null, null), settings())).isEqualTo(Found.nothing());
    assertThat(netsuite.requests()).hasSize(1);

    assertThat(lookup.lookUp(new Known(null, " ", null, null), settings())).isEqualTo(Found.nothing());
    assertThat(netsuite.requests()).hasSize(1);
  }

  @Test
  void anOrderDeletedBetweenTheTwoCallsIsNothing() throws IOException {
    netsuite.orphanRow("4799", "SO1099");

    assertThat(lookup.lookUp(new Known("SO1099", null, null, null), settings())).isEqualTo(Found.nothing());
    assertThat(netsuite.requests()).extracting(LoggedRequest::getUrl)
        .containsExactly("/services/rest/query/v1/suiteql?limit=1", "/services/rest/record/v1/salesOrder/4799?expandSubResources=true");
  }

  @Test
  void aRefusedLoginSaysWhatToCheckAndNamesNoCredential() {
    so1001();
    String wrong = "ns-test-token-secret-WRONG-0000";

    IOException e = catchThrowableOfType(IOException.class,
        () -> lookup.lookUp(new Known("SO1001", null, null, null), settings("token-secret", wrong)));

    assertThat(e).isNotInstanceOf(Lookup.RateLimited.class);
    assertThat(e.getMessage()).isEqualTo("NetSuite refused the token-based login (401 INVALID_LOGIN, token_rejected) for the"
        + " order lookup: check the account id, consumer key and secret, token id and secret, and the Login Audit Trail");
    assertThat(netsuite.refusedLogins()).isEqualTo(1);
    for (String secret : List.of(wrong, NetSuiteStandIn.CONSUMER_KEY, NetSuiteStandIn.CONSUMER_SECRET, NetSuiteStandIn.TOKEN_ID)) {
      assertThat(e.getMessage()).doesNotContain(secret);
    }
  }

  @Test
  void theConcurrencyLimitPausesTheConnectorForRetryAfterOrTheEnginesDefault() {
    netsuite.concurrencyLimited("SO1003", null);
    netsuite.concurrencyLimited("SO1004", "7");

    Lookup.RateLimited noHeader = catchThrowableOfType(Lookup.RateLimited.class,
        () -> lookup.lookUp(new Known("SO1003", null, null, null), settings()));
    Lookup.RateLimited withHeader = catchThrowableOfType(Lookup.RateLimited.class,
        () -> lookup.lookUp(new Known("SO1004", null, null, null), settings()));

    assertThat(noHeader.retryAfter()).isNull();
    assertThat(noHeader.getMessage()).isEqualTo("NetSuite refused the order lookup for the account's concurrency limit"
        + " (429 CONCURRENCY_LIMIT_EXCEEDED, Retry-After not given)");
    assertThat(withHeader.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(netsuite.requests()).hasSize(2);
  }

  @Test
  void serverErrorsCarryNetSuitesDetailButNoCredential() {
    netsuite.suiteqlAnswers("SO1005", 500, "application/vnd.oracle.resource+json; type=error",
        "{\"type\":\"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.6.1\",\"title\":\"Internal Server Error\",\"status\":500,"
            + "\"o:errorDetails\":[{\"detail\":\"An unexpected error occurred. Error ID: lx2k1v3n for token "
            + NetSuiteStandIn.TOKEN_SECRET + "\",\"o:errorCode\":\"UNEXPECTED_ERROR\"}]}");
    netsuite.suiteqlAnswers("SO1006", 503, "text/html", "<html><body>NetSuite is undergoing maintenance</body></html>");
    netsuite.suiteqlAnswers("SO1007", 400, "application/vnd.oracle.resource+json; type=error",
        "{\"type\":\"https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1\",\"title\":\"Bad Request\",\"status\":400,"
            + "\"o:errorDetails\":[{\"detail\":\"Invalid search query. Detailed unprocessed description follows. Search error occurred:"
            + " Field 'custbody_nope' for record 'transaction' was not found.\",\"o:errorCode\":\"INVALID_PARAMETER\"}]}");

    IOException e500 = catchThrowableOfType(IOException.class, () -> lookup.lookUp(new Known("SO1005", null, null, null), settings()));
    IOException e503 = catchThrowableOfType(IOException.class, () -> lookup.lookUp(new Known("SO1006", null, null, null), settings()));
    IOException e400 = catchThrowableOfType(IOException.class, () -> lookup.lookUp(new Known("SO1007", null, null, null), settings()));

    assertThat(e500).isNotInstanceOf(Lookup.RateLimited.class);
    assertThat(e500.getMessage()).isEqualTo("NetSuite answered 500 UNEXPECTED_ERROR for the order lookup:"
        + " An unexpected error occurred. Error ID: lx2k1v3n for token [credential]");
    assertThat(e503.getMessage()).isEqualTo("NetSuite answered 503 for the order lookup");
    assertThat(e400.getMessage()).startsWith("NetSuite answered 400 INVALID_PARAMETER for the order lookup: Invalid search query.")
        .contains("custbody_nope");
    for (IOException e : List.of(e500, e503, e400)) CREDENTIALS.forEach(c -> assertThat(e.getMessage()).doesNotContain(c));
  }

  @Test
  void aColumnSettingThatIsNoIdentifierIsRefusedBeforeAnyCall() {
    IOException e = catchThrowableOfType(IOException.class, () -> lookup.lookUp(new Known("SO1001", null, null, null),
        settings("order-number-field", "tranid = tranid OR 1")));

    assertThat(e.getMessage()).startsWith("the NetSuite order lookup was not asked: 'order-number-field' must name one SuiteQL column");
    assertThat(netsuite.requests()).isEmpty();
  }

  @Test
  void isEnabledOnlyWithTheAccountAndAllFourCredentials() {
    assertThat(lookup.enabled(settings())).isTrue();
    for (String key : List.of("account-id", "consumer-key", "consumer-secret", "token-id", "token-secret")) {
      assertThat(lookup.enabled(settings(key, ""))).as(key).isFalse();
    }
    assertThat(lookup.id()).isEqualTo("netsuite");
    assertThat(lookup.stage()).isEqualTo(Lookup.Stage.ORDER);
    assertThat(lookup.describes()).isEqualTo("order (NetSuite)");
  }
}
