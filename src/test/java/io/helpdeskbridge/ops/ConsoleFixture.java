package io.helpdeskbridge.ops;

import io.helpdeskbridge.config.BridgeConfig;
import io.helpdeskbridge.config.BridgeSettings;
import io.helpdeskbridge.config.Plugins;
import io.helpdeskbridge.ops.ConsoleHttp.Request;
import io.helpdeskbridge.ops.ConsoleHttp.Response;
import io.helpdeskbridge.resilience.HelpdeskGuard;
import io.helpdeskbridge.resilience.HelpdeskRetry;
import io.helpdeskbridge.spi.HelpdeskConnection;
import io.helpdeskbridge.spi.NewTicket;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import io.helpdeskbridge.store.Store;
import io.helpdeskbridge.testing.StripeEvents;
import io.helpdeskbridge.ticket.Helpdesks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A console over a real store and the shipped connectors and mappings, without a server: requests
 * go straight to {@link OpsConsole#handle}. Zendesk is configured (with a token the pages must
 * never show) next to Stripe; its connection is a stand-in that writes nowhere.
 */
final class ConsoleFixture {
  static final String TOKEN = "ops-console-test-token-7f3a";
  static final String ZENDESK_API_TOKEN = "zd-api-token-must-never-show";
  static final String ZENDESK_URL = "https://agent:pw-in-url@acme.zendesk.test";

  final Store store;
  final BridgeConfig config;
  final OpsApi ops;
  final OpsConsole console;
  final HelpdeskGuard guard = new HelpdeskGuard("zendesk", 400, Duration.ofSeconds(30));
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

  ConsoleFixture(Store store, Path home) {
    this.store = store;
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BRIDGE_HOME", home.toString());
    env.put("STRIPE_WEBHOOK_SECRET", StripeEvents.SECRET);
    env.put("ZENDESK_URL", ZENDESK_URL);
    env.put("ZENDESK_EMAIL", "agent@acme.test");
    env.put("ZENDESK_API_TOKEN", ZENDESK_API_TOKEN);
    this.config = BridgeConfig.load(BridgeSettings.from(env), Plugins.discover(), false);
    Helpdesks helpdesks = new Helpdesks(Map.of("zendesk", new Helpdesks.Entry("zendesk", new Nowhere(),
        new HelpdeskRetry("zendesk", HelpdeskRetry.Policy.defaults(), guard))), "zendesk");
    this.ops = new OpsApi(store, new Replayer(store, null), TOKEN);
    this.console = new OpsConsole(ops, store, config, helpdesks, clock);
  }

  /** A logged-in browser: its cookie and the form token of its session. */
  record Browser(String cookie, String csrf) {
    Map<String, String> headers() {
      return Map.of("Cookie", ConsoleAuth.COOKIE + "=" + cookie);
    }
  }

  Response get(String pathAndQuery, Map<String, String> headers) {
    return console.handle(Request.get(pathAndQuery, headers));
  }

  Response post(String path, Map<String, String> headers, String form) {
    return console.handle(Request.post(path, headers, form));
  }

  Browser login() {
    Response r = post(OpsConsole.BASE + "/login", Map.of(), "token=" + TOKEN);
    String cookie = cookieOf(r);
    Response page = get(OpsConsole.BASE, Map.of("Cookie", ConsoleAuth.COOKIE + "=" + cookie));
    return new Browser(cookie, csrfOf(page.body()));
  }

  static String cookieOf(Response r) {
    String set = r.headers().get("Set-Cookie");
    if (set == null) throw new AssertionError("no Set-Cookie in " + r.status() + " " + r.headers());
    return set.substring(set.indexOf('=') + 1, set.indexOf(';'));
  }

  static String csrfOf(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    if (!m.find()) throw new AssertionError("no form token on the page");
    return m.group(1);
  }

  /** Stores a signed Stripe delivery as intake would, finished with {@code status}. */
  long stripeDelivery(String eventId, byte[] body, String orderKey, io.helpdeskbridge.store.InboxStatus status, String error) {
    String headers = "{\"Stripe-Signature\":\"" + StripeEvents.signed(body).get("Stripe-Signature") + "\"}";
    long id = store.inbox().accept("stripe", eventId, "charge.refunded", orderKey, headers,
        new String(body, StandardCharsets.UTF_8), io.helpdeskbridge.store.InboxStatus.RECEIVED, null, clock.instant()).id();
    store.inbox().startAttempt(id, clock.instant());
    store.inbox().finish(id, status, status.db(), error, clock.instant());
    return id;
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  /** A helpdesk connection that writes nowhere; it describes itself with credentials in its URL. */
  static final class Nowhere implements HelpdeskConnection {
    @Override
    public Optional<TicketRef> find(Lookup lookup) {
      return Optional.empty();
    }

    @Override
    public void apply(TicketRef ticket, TicketChange change, String marker) {}

    @Override
    public boolean hasMarker(TicketRef ticket, String marker) {
      return false;
    }

    @Override
    public TicketRef create(NewTicket ticket, String idempotencyKey) {
      return new TicketRef("zendesk", "1");
    }

    @Override
    public String describe() {
      return "Zendesk at " + ZENDESK_URL;
    }
  }
}
