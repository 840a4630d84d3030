package io.helpdeskbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.plugin.zendesk.ZendeskWebhookSignature;
import io.helpdeskbridge.testing.BridgeProcess;
import io.helpdeskbridge.testing.StoreProbe;
import io.helpdeskbridge.testing.StripeEvents;
import io.helpdeskbridge.plugin.paypal.PayPalTestKeys;
import io.helpdeskbridge.testing.VendorSigner;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile callers: over 200 forged, malformed, oversized and mistyped deliveries across every
 * source. Each gets its 4xx with a problem+json body, nothing is stored, and the bridge still
 * accepts the next valid webhook.
 */
class HostileRequestsIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<String, String> SECRETS = Map.of("stripe", StripeEvents.SECRET, "shopify", "shpss_hostile",
      "easypost", "ep_hostile", "aftership", "as_hostile", "signifyd", "sig_hostile", "zendesk", "zd_hostile",
      "adobe-commerce", "acw_hostile", "paypal", "9HT05813NB147921H", "hubspot", "hs_client_secret_hostile");
  static final String HUBSPOT_URL = "https://bridge.hostile.test/webhooks/hubspot";
  /** Serves the test certificate PayPal deliveries name in PAYPAL-CERT-URL. */
  static com.github.tomakehurst.wiremock.WireMockServer paypalCerts;

  @TempDir static Path home;
  static BridgeProcess bridge;

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("STRIPE_WEBHOOK_SECRET", SECRETS.get("stripe"));
    env.put("SHOPIFY_WEBHOOK_SECRET", SECRETS.get("shopify"));
    env.put("EASYPOST_WEBHOOK_SECRET", SECRETS.get("easypost"));
    env.put("AFTERSHIP_WEBHOOK_SECRET", SECRETS.get("aftership"));
    env.put("SIGNIFYD_WEBHOOK_SECRET", SECRETS.get("signifyd"));
    // Zendesk's ticket webhooks need the helpdesk configured; nothing here reaches it
    env.put("ZENDESK_URL", "http://127.0.0.1:9");
    env.put("ZENDESK_EMAIL", "agent@hostile.test");
    env.put("ZENDESK_API_TOKEN", "zd-hostile-token");
    env.put("ZENDESK_WEBHOOK_SECRET", SECRETS.get("zendesk"));
    env.put("ADOBE_COMMERCE_URL", "http://127.0.0.1:9");
    env.put("ADOBE_COMMERCE_WEBHOOK_SECRET", SECRETS.get("adobe-commerce"));
    paypalCerts = new com.github.tomakehurst.wiremock.WireMockServer(
        com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().dynamicPort());
    paypalCerts.start();
    paypalCerts.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/certs/CERT-hostile")
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.ok(PayPalTestKeys.valid().pem())));
    env.put("PAYPAL_WEBHOOK_ID", SECRETS.get("paypal"));
    env.put("PAYPAL_CERT_HOSTS", "http://127.0.0.1:" + paypalCerts.port());
    // HubSpot's webhooks need the helpdesk configured too; nothing here reaches it
    env.put("HUBSPOT_ACCESS_TOKEN", "pat-hostile");
    env.put("HUBSPOT_API_BASE", "http://127.0.0.1:9");
    env.put("HUBSPOT_WEBHOOK_SECRET", SECRETS.get("hubspot"));
    env.put("HUBSPOT_WEBHOOK_URL", HUBSPOT_URL);
    bridge = new BridgeProcess(home, env).start();
  }

  @AfterAll
  static void stop() throws Exception {
    bridge.stop();
    if (paypalCerts != null) paypalCerts.stop();
  }

  /** One hostile request and the status it must get. */
  record Attack(String name, String source, Map<String, String> headers, byte[] body, int status) {}

  /** The headers that sign {@code body} correctly for {@code source} (what a genuine vendor sends). */
  static Map<String, String> signed(String source, byte[] body, String secret) {
    Map<String, String> h = new LinkedHashMap<>();
    switch (source) {
      case "stripe" -> h.putAll(StripeEvents.signed(body, secret, Instant.now()));
      case "shopify" -> {
        h.put("X-Shopify-Hmac-Sha256", VendorSigner.shopify(body, secret));
        h.put("X-Shopify-Topic", "orders/cancelled");
        h.put("X-Shopify-Shop-Domain", "hostile.myshopify.com");
        h.put("X-Shopify-API-Version", "2026-07");
        h.put("X-Shopify-Webhook-Id", "wh-" + Arrays.hashCode(body));
      }
      case "easypost" -> h.put("X-Hmac-Signature", VendorSigner.easypost(body, secret));
      case "aftership" -> h.put("aftership-hmac-sha256", VendorSigner.aftership(body, secret));
      case "signifyd" -> {
        h.put("SIGNIFYD-SEC-HMAC-SHA256", VendorSigner.signifyd(body, secret));
        h.put("signifyd-checkpoint", "CHECKOUT");
      }
      case "zendesk" -> {
        String ts = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        h.put(ZendeskWebhookSignature.HEADER, ZendeskWebhookSignature.sign(ts, body, secret));
        h.put(ZendeskWebhookSignature.TIMESTAMP_HEADER, ts);
      }
      case "adobe-commerce" -> h.put("Authorization", "Bearer " + secret);
      case "paypal" -> h.putAll(PayPalTestKeys.signed(body, secret, "http://127.0.0.1:" + paypalCerts.port() + "/certs/CERT-hostile",
          Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), java.util.UUID.randomUUID().toString(), PayPalTestKeys.valid()));
      case "hubspot" -> {
        String ts = String.valueOf(Instant.now().toEpochMilli());
        h.put("X-HubSpot-Signature-v3", VendorSigner.hubspotV3("POST", HUBSPOT_URL, body, ts, secret));
        h.put("X-HubSpot-Request-Timestamp", ts);
      }
      default -> throw new IllegalArgumentException(source);
    }
    return h;
  }

  static String signatureHeader(String source) {
    return Map.of("stripe", "Stripe-Signature", "shopify", "X-Shopify-Hmac-Sha256", "easypost", "X-Hmac-Signature",
        "aftership", "aftership-hmac-sha256", "signifyd", "SIGNIFYD-SEC-HMAC-SHA256", "zendesk", ZendeskWebhookSignature.HEADER,
        "adobe-commerce", "Authorization", "paypal", "PAYPAL-TRANSMISSION-SIG", "hubspot", "X-HubSpot-Signature-v3")
        .get(source);
  }

  static List<Attack> corpus() {
    List<Attack> attacks = new ArrayList<>();
    byte[] valid = "{\"id\":\"evt_hostile\",\"object\":\"event\",\"type\":\"charge.refunded\",\"event_id\":\"e1\",\"orderId\":\"1\",\"data\":{}}"
        .getBytes(StandardCharsets.UTF_8);
    byte[] tenMegabytes = new byte[10 * 1024 * 1024];
    Arrays.fill(tenMegabytes, (byte) 'a');
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 3000; i++) deep.append("{\"a\":");
    deep.append("1");
    for (int i = 0; i < 3000; i++) deep.append('}');
    Map<String, byte[]> malformed = new LinkedHashMap<>();
    malformed.put("truncated JSON", "{\"id\":\"evt_1\",\"type\":".getBytes(StandardCharsets.UTF_8));
    malformed.put("invalid UTF-8", new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
    malformed.put("nesting 3000 deep", deep.toString().getBytes(StandardCharsets.UTF_8));
    malformed.put("a JSON array", "[1,2,3]".getBytes(StandardCharsets.UTF_8));
    malformed.put("a JSON number", "42".getBytes(StandardCharsets.UTF_8));
    malformed.put("JSON null", "null".getBytes(StandardCharsets.UTF_8));
    malformed.put("a JSON string", "\"evt\"".getBytes(StandardCharsets.UTF_8));
    malformed.put("empty body", new byte[0]);
    malformed.put("XML", "<event id=\"1\"/>".getBytes(StandardCharsets.UTF_8));
    malformed.put("two documents", "{}{}".getBytes(StandardCharsets.UTF_8));
    malformed.put("trailing garbage", "{\"id\":\"evt_x\"} trailing".getBytes(StandardCharsets.UTF_8));
    malformed.put("NaN literal", "{\"id\":NaN}".getBytes(StandardCharsets.UTF_8));
    List<String> garbageSignatures = List.of("", " ", "abc", "t=,v1=", "t=1,v1=00", "hmac-sha256-hex=zz", "====",
        "x".repeat(4000), "t=" + Long.MAX_VALUE + ",v1=" + "a".repeat(64), "\u00e9\u00e9\u00e9", "null", "v1=" + "0".repeat(64));
    for (String source : SECRETS.keySet()) {
      String secret = SECRETS.get(source);
      Function<byte[], Map<String, String>> sign = b -> signed(source, b, secret);
      Map<String, String> unsigned = new LinkedHashMap<>(sign.apply(valid));
      unsigned.remove(signatureHeader(source));
      attacks.add(new Attack("no signature", source, unsigned, valid, 400));
      attacks.add(new Attack("wrong secret", source, signed(source, valid, secret + "-not"), valid, 400));
      attacks.add(new Attack("another vendor's secret", source, signed(source, valid, "whsec_someone_else"), valid, 400));
      byte[] tampered = new String(valid, StandardCharsets.UTF_8).replace("\"1\"", "\"2\"").getBytes(StandardCharsets.UTF_8);
      // a shared secret in a header (Adobe Commerce) authenticates the caller, not the body: nothing to tamper with
      if (!source.equals("adobe-commerce")) attacks.add(new Attack("tampered body", source, sign.apply(valid), tampered, 400));
      for (String g : garbageSignatures) {
        Map<String, String> h = new LinkedHashMap<>(sign.apply(valid));
        h.put(signatureHeader(source), g);
        attacks.add(new Attack("garbage signature '" + (g.length() > 12 ? g.substring(0, 12) + "…" : g) + "'", source, h, valid, 400));
      }
      for (Map.Entry<String, byte[]> m : malformed.entrySet()) {
        attacks.add(new Attack(m.getKey() + ", correctly signed", source, sign.apply(m.getValue()), m.getValue(), 400));
        attacks.add(new Attack(m.getKey() + ", unsigned", source, unsigned, m.getValue(), 400));
      }
      for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
        Map<String, String> h = new LinkedHashMap<>(sign.apply(valid));
        h.put("Content-Type", type);
        attacks.add(new Attack("content type " + type, source, h, valid, 415));
      }
      attacks.add(new Attack("10 MB body", source, sign.apply(tenMegabytes), tenMegabytes, 413));
    }
    attacks.add(new Attack("stale replayed Stripe signature", "stripe",
        StripeEvents.signed(valid, StripeEvents.SECRET, Instant.now().minusSeconds(3600)), valid, 400));
    attacks.add(new Attack("unknown source", "nosuchvendor", Map.of(), valid, 404));
    attacks.add(new Attack("path climbing", "..%2F..%2Fadmin", Map.of(), valid, 404));
    return attacks;
  }

  @Test
  void everyHostileRequestGetsItsProblemAndNothingIsStored() throws Exception {
    List<Attack> corpus = corpus();
    assertThat(corpus.size()).isGreaterThanOrEqualTo(200);
    List<String> wrong = new ArrayList<>();
    for (Attack a : corpus) {
      Map<String, String> headers = new LinkedHashMap<>(a.headers());
      HttpResponse<String> r = headers.containsKey("Content-Type")
          ? bridge.postRaw("/webhooks/" + a.source(), headers, a.body())
          : bridge.post("/webhooks/" + a.source(), headers, a.body());
      String type = r.headers().firstValue("Content-Type").orElse("");
      JsonNode problem = type.startsWith("application/problem+json") ? JSON.readTree(r.body()) : null;
      if (r.statusCode() != a.status() || problem == null || problem.path("status").asInt() != a.status()
          || problem.path("title").asText().isBlank()) {
        wrong.add(a.source() + " / " + a.name() + ": got " + r.statusCode() + " " + type + " "
            + (r.body().length() > 120 ? r.body().substring(0, 120) : r.body()));
      }
      for (String secret : SECRETS.values()) {
        if (r.body().contains(secret)) wrong.add(a.source() + " / " + a.name() + ": the answer contains a secret");
      }
    }

    assertThat(wrong).as("requests answered wrongly").isEmpty();
    assertThat(new StoreProbe(home).rows("select count(*) as n from inbox").get(0).get("n")).isEqualTo(0L);
    assertThat(bridge.get("/health").statusCode()).isEqualTo(200);
    byte[] good = StripeEvents.chargeRefunded("evt_after_the_storm", "1001", 0, 2500);
    assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(good), good).statusCode()).isEqualTo(202);
  }
}
