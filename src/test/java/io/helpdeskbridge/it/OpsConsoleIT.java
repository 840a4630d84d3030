package io.helpdeskbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helpdeskbridge.testing.BridgeProcess;
import io.helpdeskbridge.testing.HeadlessChromium;
import io.helpdeskbridge.testing.HttpGate;
import io.helpdeskbridge.testing.StoreProbe;
import io.helpdeskbridge.testing.StripeEvents;
import io.helpdeskbridge.testing.ZendeskStandIn;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The ops console in a real browser against the real jar: an operator logs in, finds order 1001's
 * timeline (a Stripe refund → RefundIssued → the Zendesk note), replays a dead letter once the
 * helpdesk takes it and sees it applied, and tries a mapping on a sample. Without the token, every
 * page and every ops API answers 401 (plain HTTP, no browser).
 */
class OpsConsoleIT {
  static final String TOKEN = "ops-console-it-token-5b2e";
  static final String DEAD_EVENT = "evt_it_console_dead";

  @TempDir static Path home;
  static ZendeskStandIn zendesk;
  static HttpGate gate;
  static BridgeProcess bridge;
  static StoreProbe store;

  @BeforeAll
  static void start() throws Exception {
    zendesk = new ZendeskStandIn();
    // Zendesk is reached through a gate that can answer 422 for one event, as Zendesk does for an invalid update
    gate = new HttpGate(zendesk.url());
    Map<String, String> env = zendesk.bridgeEnv();
    env.put("ZENDESK_URL", gate.url());
    env.put("BRIDGE_OPS_TOKEN", TOKEN);
    env.put("BRIDGE_COALESCE_MS", "0");
    store = new StoreProbe(home);
    bridge = new BridgeProcess(home, env).start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (bridge != null) bridge.close();
    if (gate != null) gate.close();
    if (zendesk != null) zendesk.close();
  }

  private static void deliver(String eventId, String order, long amount) throws Exception {
    byte[] body = StripeEvents.chargeRefunded(eventId, order, 0, amount);
    assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(body), body).statusCode()).isEqualTo(202);
  }

  @Test
  void withoutTheTokenEveryPageAndEveryOpsApiAnswers401() throws Exception {
    List<String> pages = List.of("/ops/console", "/ops/console/", "/ops/console/events?q=1001", "/ops/console/events/1",
        "/ops/console/timeline?order=order%3A1001", "/ops/console/dead", "/ops/console/dead?source=stripe",
        "/ops/console/dead/replays/1", "/ops/console/try", "/ops/console/login", "/ops/console/no-such-page");
    List<String> apis = List.of("/ops/dead", "/ops/inbox", "/ops/inbox/1", "/ops/console/dead/replays/1.json");
    List<String> posts = List.of("/ops/replay", "/ops/purge?before=2030-01-01", "/ops/console/dead/replay",
        "/ops/console/dead/purge", "/ops/console/try", "/ops/console/logout", "/ops/console/login");
    List<Map<String, String>> strangers = List.of(Map.of(), Map.of("Authorization", "Bearer not-the-token"),
        Map.of("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("ops:" + TOKEN).getBytes(StandardCharsets.UTF_8))),
        Map.of("Cookie", "hdb_console=" + TOKEN), Map.of("Cookie", "hdb_console=v1.AAAA.1795565593.forged"));

    for (Map<String, String> who : strangers) {
      for (String page : pages) {
        HttpResponse<String> r = bridge.get(page, who);
        assertThat(r.statusCode()).as(page + " " + who).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).as(page).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(r.body()).as(page).contains("<h1>Log in</h1>").doesNotContain("evt_").doesNotContain("Overview");
      }
      for (String api : apis) {
        HttpResponse<String> r = bridge.get(api, who);
        assertThat(r.statusCode()).as(api + " " + who).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).as(api).hasValue("application/problem+json");
      }
      for (String post : posts) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(who);
        headers.put("Content-Type", post.startsWith("/ops/console") ? "application/x-www-form-urlencoded" : "application/json");
        String body = post.startsWith("/ops/console") ? "id=1&before=2030-01-01&mapping=refund-issued&token=wrong" : "{\"allDead\":true}";
        assertThat(bridge.postRaw(post, headers, body.getBytes(StandardCharsets.UTF_8)).statusCode()).as(post + " " + who).isEqualTo(401);
      }
    }
    // the token opens them: it is the token that decides
    Map<String, String> ops = Map.of("Authorization", "Bearer " + TOKEN);
    assertThat(bridge.get("/ops/console/dead", ops).statusCode()).isEqualTo(200);
    assertThat(bridge.get("/ops/inbox", ops).statusCode()).isEqualTo(200);
    assertThat(bridge.get("/health").statusCode()).as("the probe stays open").isEqualTo(200);
  }

  @Test
  void anOperatorFindsATimelineReplaysADeadLetterAndTriesAMappingInTheBrowser() throws Exception {
    Assumptions.assumeTrue(HeadlessChromium.available(), "skipped: " + HeadlessChromium.DRIVER + " is missing."
        + " Install Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does) to run it");
    // order 1001's refund reaches its ticket; order 2002's is refused by Zendesk (422) and dies
    deliver("evt_it_console_1001", "1001", 2500);
    await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(store.status("stripe", "evt_it_console_1001")));
    gate.refuse(DEAD_EVENT, 422, "{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\","
        + "\"details\":{\"base\":[{\"description\":\"Ticket 2002 is closed <script>alert(1)</script>\"}]}}");
    deliver(DEAD_EVENT, "2002", 1500);
    await().atMost(Duration.ofSeconds(30)).until(() -> "dead".equals(store.status("stripe", DEAD_EVENT)));
    assertThat(gate.refused()).isPositive();
    long deadId = ((Number) store.inboxRow("stripe", DEAD_EVENT).get("id")).longValue();

    try (HeadlessChromium chromium = new HeadlessChromium()) {
      WebDriver browser = chromium.driver();
      String base = "http://127.0.0.1:" + bridge.port();

      // log in: the console sends the reader to the login form, then back to the page asked for
      browser.get(base + "/ops/console/events?q=1001");
      assertThat(heading(browser)).isEqualTo("Log in");
      browser.findElement(By.id("token")).sendKeys(TOKEN);
      browser.findElement(By.cssSelector("form[action='/ops/console/login'] button[type=submit]")).click();
      awaitHeading(browser, "Events");
      assertThat(browser.manage().getCookieNamed("hdb_console")).satisfies(c -> {
        assertThat(c.isHttpOnly()).isTrue();
        assertThat(c.getSameSite()).isEqualTo("Strict");
        assertThat(c.getValue()).doesNotContain(TOKEN);
      });

      // find the order and its timeline: the vendor's delivery -> the canonical event -> the ticket change
      WebElement q = browser.findElement(By.id("q"));
      q.clear();
      q.sendKeys("1001");
      browser.findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
      await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.linkText("Timeline of order:1001")).isEmpty());
      browser.findElement(By.linkText("Timeline of order:1001")).click();
      awaitHeading(browser, "Timeline of order:1001");
      String timeline = mainText(browser);
      assertThat(timeline).contains("Linked ticket(s): zendesk #1001")
          .containsSubsequence("stripe charge.refunded", "evt_it_console_1001", "done", "RefundIssued", "zendesk #1001", "applied");
      chromium.screenshot("timeline");

      // the dead letter: listed with its error (as text), replayed from the console once Zendesk takes it
      gate.open();
      browser.findElement(By.linkText("Dead letters")).click();
      awaitHeading(browser, "Dead letters");
      assertThat(mainText(browser)).contains(DEAD_EVENT).contains("Zendesk 422").contains("<script>alert(1)</script>");
      browser.findElement(By.id("dead-" + deadId)).click();
      browser.findElement(By.cssSelector("button[name=scope][value=selected]")).click();
      await().atMost(Duration.ofSeconds(10)).until(() -> heading(browser).startsWith("Replay "));
      // the page's script follows the replay until it is finished; the row says it was applied
      await().atMost(Duration.ofSeconds(60)).until(() ->
          "true".equals(browser.findElement(By.cssSelector("section[data-progress]")).getAttribute("data-done")));
      WebElement row = browser.findElement(By.cssSelector("tr[data-id='" + deadId + "']"));
      assertThat(row.findElement(By.cssSelector("[data-field=status]")).getText()).isEqualTo("done");
      assertThat(row.findElement(By.cssSelector("[data-field=outcome]")).getText()).contains("applied zendesk#2002");
      assertThat(browser.findElement(By.cssSelector("[data-summary]")).getText()).isEqualTo("1 of 1 finished, 0 dead again");
      assertThat(store.status("stripe", DEAD_EVENT)).isEqualTo("done");
      assertThat(zendesk.markers(2002)).containsExactly("stripe/" + DEAD_EVENT);
      chromium.screenshot("replay");

      // try a mapping with a bundled sample: the note it would write, nothing sent
      long updatesBefore = zendesk.updates();
      browser.findElement(By.linkText("Mapping try-out")).click();
      awaitHeading(browser, "Mapping try-out");
      new Select(browser.findElement(By.id("mapping"))).selectByValue("refund-issued");
      new Select(browser.findElement(By.id("sample"))).selectByValue("stripe/charge.refunded");
      browser.findElement(By.cssSelector("form[action='/ops/console/try'] button[type=submit]")).click();
      await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("result")).isEmpty());
      assertThat(browser.findElement(By.cssSelector("pre.note")).getText())
          .startsWith("Refund of 25.00 USD issued in stripe for order 1001.");
      assertThat(mainText(browser)).contains("Adds tags").contains("refund_issued").contains("Dry run: nothing was sent.");
      assertThat(zendesk.updates()).isEqualTo(updatesBefore);
      chromium.screenshot("try-out");

      // the overview: routes, the helpdesk's budget and breaker, the connectors' health; no secret on it
      browser.findElement(By.linkText("Overview")).click();
      awaitHeading(browser, "Overview");
      String overview = mainText(browser);
      assertThat(overview).contains("stripe").contains("Started").contains("CLOSED").contains("plan 400/min")
          .doesNotContain(io.helpdeskbridge.testing.ZendeskStub.TOKEN).doesNotContain(StripeEvents.SECRET).doesNotContain(TOKEN);
      Path shot = chromium.screenshot("overview");
      assertThat(Files.size(shot)).isGreaterThan(10_000);

      // logging out ends the session
      browser.findElement(By.cssSelector("form.logout button")).click();
      awaitHeading(browser, "Log in");
      browser.get(base + "/ops/console/dead");
      assertThat(heading(browser)).isEqualTo("Log in");
    }
  }

  private static String heading(WebDriver browser) {
    List<WebElement> h1 = browser.findElements(By.tagName("h1"));
    return h1.isEmpty() ? "" : h1.get(0).getText();
  }

  private static void awaitHeading(WebDriver browser, String text) {
    await().atMost(Duration.ofSeconds(15)).until(() -> heading(browser).equals(text));
  }

  private static String mainText(WebDriver browser) {
    return browser.findElement(By.tagName("main")).getText();
  }
}
