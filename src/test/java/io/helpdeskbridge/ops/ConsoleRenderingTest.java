package io.helpdeskbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.ops.ConsoleHttp.Response;
import io.helpdeskbridge.store.InboxStatus;
import io.helpdeskbridge.store.StoreTestSupport;
import io.helpdeskbridge.testing.StripeEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the pages show of hostile and secret text: a payload, an event id or an error written to
 * break out of the HTML comes out as text, card numbers are masked, and connector secrets never
 * appear. On H2 and PostgreSQL, since the pages read the store.
 */
class ConsoleRenderingTest extends StoreTestSupport {
  static final String HOSTILE = "<script>alert('owned')</script><img src=x onerror=alert(1)>\"'";
  @TempDir Path home;
  ConsoleFixture f;
  ConsoleFixture.Browser browser;

  @BeforeEach
  void console() {
    f = new ConsoleFixture(store, home);
    browser = f.login();
  }

  private long hostileDelivery() {
    byte[] body = new String(StripeEvents.chargeRefunded("evt_<b>bold</b>", "1001", 0, 2500), StandardCharsets.UTF_8)
        .replace("\"Order #1001\"", "\"Order #1001 " + HOSTILE.replace("\"", "\\\"") + " card 4242 4242 4242 4242\"")
        .getBytes(StandardCharsets.UTF_8);
    return f.stripeDelivery("evt_<b>bold</b>", body, "order:1001", InboxStatus.DEAD, "zendesk: HTTP 422 " + HOSTILE);
  }

  /** The page holds no markup from outside: the only script is the console's own. */
  private static void assertEscaped(String page) {
    assertThat(page).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<b>bold</b>")
        .doesNotContain("4242 4242 4242 4242");
    assertThat(page.split("<script>", -1)).as("one script element").hasSize(2);
  }

  @Test
  void aHostilePayloadEventIdAndErrorAppearAsTextOnEveryPage() {
    long id = hostileDelivery();

    Response delivery = f.get(OpsConsole.BASE + "/events/" + id, browser.headers());
    assertThat(delivery.status()).isEqualTo(200);
    assertEscaped(delivery.body());
    assertThat(delivery.body()).contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;")
        .contains("evt_&lt;b&gt;bold&lt;/b&gt;").contains("[card •••• 4242]");
    for (String page : new String[] {"/timeline?order=order%3A1001", "/dead", "/events?q=" + Html.url("evt_<b>bold</b>"),
        "/events?q=" + Html.url(HOSTILE)}) {
      Response r = f.get(OpsConsole.BASE + page, browser.headers());
      assertThat(r.status()).as(page).isEqualTo(200);
      assertEscaped(r.body());
    }
    assertThat(f.get(OpsConsole.BASE + "/dead", browser.headers()).body()).contains("zendesk: HTTP 422 &lt;script&gt;");
    // every page is served with a policy that would stop an injected script anyway
    assertThat(delivery.headers().get("Content-Security-Policy")).contains("default-src 'none'").contains("script-src 'sha256-")
        .doesNotContain("unsafe-inline");
    assertThat(delivery.headers()).containsEntry("Cache-Control", "no-store").containsEntry("X-Frame-Options", "DENY");
  }

  @Test
  void aPastedHostileEventIsEchoedAsText() {
    Response r = f.post(OpsConsole.BASE + "/try", browser.headers(), "_csrf=" + browser.csrf() + "&mapping=refund-issued&payload="
        + Html.url("</textarea>" + HOSTILE) + "&headers=" + Html.url(HOSTILE));
    assertThat(r.status()).isEqualTo(200);
    assertEscaped(r.body());
    assertThat(r.body()).contains("&lt;/textarea&gt;&lt;script&gt;").contains("not valid JSON");
  }

  @Test
  void noSecretOfAConnectorIsEverShown() {
    Response overview = f.get(OpsConsole.BASE, browser.headers());
    assertThat(overview.status()).isEqualTo(200);
    assertThat(overview.body()).doesNotContain(ConsoleFixture.ZENDESK_API_TOKEN).doesNotContain("pw-in-url")
        .doesNotContain(StripeEvents.SECRET).doesNotContain(ConsoleFixture.TOKEN)
        .contains("<dt>api-token</dt><dd>(set, hidden)</dd>").contains("<dt>webhook-secret</dt><dd>(set, hidden)</dd>")
        .contains("https://***@acme.zendesk.test");
    // and the helpdesk's guard, read-only
    assertThat(overview.body()).contains("plan 400/min, a call may go now").contains("status-CLOSED\">CLOSED");
    f.guard.remaining(400, 3, java.time.Duration.ofSeconds(20));
    assertThat(f.get(OpsConsole.BASE, browser.headers()).body())
        .containsPattern("the helpdesk says 3 of 400 left; paused for (19|20) s \\(budget spent\\)");
    long id = f.stripeDelivery("evt_signed", StripeEvents.chargeRefunded("evt_signed", "1002", 0, 100), "order:1002",
        InboxStatus.DONE, null);
    String page = f.get(OpsConsole.BASE + "/events/" + id, browser.headers()).body();
    assertThat(page).containsPattern("(?i)stripe-signature</th><td><code>t=\\d{4}…\\(\\d+ chars\\)</code>");
  }
}
