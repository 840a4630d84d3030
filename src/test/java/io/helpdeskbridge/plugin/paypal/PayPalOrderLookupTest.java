package io.helpdeskbridge.plugin.paypal;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PayPalEventSource#lookupOrderNumber} against a PayPal stand-in: the order number of a
 * capture that a refund, reversal or dispute names alone, from the capture or its checkout order,
 * in the connector's {@code order-from} order.
 */
class PayPalOrderLookupTest {

  private final WireMockServer paypal = new WireMockServer(wireMockConfig().dynamicPort());
  private final PayPalApiStandIn api = new PayPalApiStandIn(paypal);
  private final PayPalEventSource source = new PayPalEventSource();

  @BeforeEach
  void start() {
    paypal.start();
  }

  @AfterEach
  void stop() {
    paypal.stop();
  }

  private ConnectorSettings settings(Map<String, Object> extra) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("webhook-id", "8PT597110X687430LKGECATA");
    values.put("client-id", PayPalApiStandIn.CLIENT_ID);
    values.put("client-secret", PayPalApiStandIn.CLIENT_SECRET);
    values.put("api-base", "http://127.0.0.1:" + paypal.port());
    values.putAll(extra);
    return new ConnectorSettings("paypal", "paypal", "connectors/paypal.yaml", values);
  }

  private static OrderRef capture(String id) {
    return new OrderRef(null, null, id, null);
  }

  @Test
  void theCapturesOwnInvoiceIdIsTheOrderNumber() throws IOException {
    api.tokens().capture("2GG279541U471931P", "5O190127TN364715T", "1001", "cust-77");

    assertThat(source.lookupOrderNumber(capture("2GG279541U471931P"), settings(Map.of()))).hasValue("1001");
    assertThat(source.lookupOrderNumber(capture("2GG279541U471931P"), settings(Map.of("order-from", "custom_id"))))
        .hasValue("cust-77");
    paypal.verify(0, getRequestedFor(urlPathMatching("/v2/checkout/orders/.*")));
    // one token served both calls
    paypal.verify(exactly(1), postRequestedFor(urlPathEqualTo("/v1/oauth2/token")));
  }

  @Test
  void aCaptureWithoutOrderFieldsIsAnsweredByItsCheckoutOrder() throws IOException {
    api.tokens().capture("3C679366HH908993F", "5O190127TN364715T", null, null).order("5O190127TN364715T", "#1044", null);

    assertThat(source.lookupOrderNumber(capture("3C679366HH908993F"), settings(Map.of()))).hasValue("1044");
  }

  @Test
  void aPurchaseUnitsReferenceIdIsNotAnOrderNumber() throws IOException {
    api.tokens().capture("3C679366HH908993F", "5O190127TN364715T", null, null).order("5O190127TN364715T", null, null);

    assertThat(source.lookupOrderNumber(capture("3C679366HH908993F"), settings(Map.of()))).isEmpty();
  }

  @Test
  void notFoundIsNoOrder() throws IOException {
    api.tokens().unknownIdsAreNotFound();

    assertThat(source.lookupOrderNumber(capture("9XX00000000000000"), settings(Map.of()))).isEmpty();
  }

  @Test
  void aRevokedTokenIsReplacedOnceAndTheCallMadeAgain() throws IOException {
    api.firstTokenRevoked().capture("0TOKEN000REVOKED1", null, "1050", null);

    assertThat(source.lookupOrderNumber(capture("0TOKEN000REVOKED1"), settings(Map.of()))).hasValue("1050");
    paypal.verify(exactly(2), postRequestedFor(urlPathEqualTo("/v1/oauth2/token")));
  }

  @Test
  void aRateLimitedOrFailingApiMakesTheEventWaitForPayPal() {
    api.tokens().capture("1RL00000000000001", null, "1060", null).rateLimited("1RL00000000000001", 1);

    assertThatThrownBy(() -> source.lookupOrderNumber(capture("1RL00000000000001"), settings(Map.of())))
        .isInstanceOf(EventSource.OrderLookupUnavailable.class)
        .hasMessageContaining("429")
        .hasMessageNotContaining(PayPalApiStandIn.ACCESS_TOKEN);
  }

  @Test
  void withoutCredentialsNothingIsAsked() throws IOException {
    Map<String, Object> none = new LinkedHashMap<>();
    none.put("client-id", "");
    none.put("client-secret", "");

    assertThat(source.lookupOrderNumber(capture("2GG279541U471931P"), settings(none))).isEmpty();
    assertThat(paypal.getAllServeEvents()).isEmpty();
  }
}
