package io.helpdeskbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.ops.ConsoleHttp.Response;
import io.helpdeskbridge.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's door: the token buys a signed cookie, nothing else gets in, and every POST needs the session's form token. */
class ConsoleAuthTest {
  @TempDir Path home;
  Store store;
  ConsoleFixture f;

  /** Every page and form of the console, as a browser would ask for them. */
  static final List<String> PAGES = List.of("", "/", "/events", "/events?q=1001", "/events/1", "/timeline?order=order:1001",
      "/dead", "/dead?source=stripe", "/dead/replays/1", "/try", "/login", "/no-such-page");
  static final List<String> POSTS = List.of("/dead/replay", "/dead/purge", "/try", "/logout");

  @BeforeEach
  void open() {
    store = Store.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    f = new ConsoleFixture(store, home);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void theTokenBuysAnHttpOnlyStrictCookieThatHoldsAnHmacNotTheToken() {
    Response r = f.post(OpsConsole.BASE + "/login", Map.of(), "token=" + ConsoleFixture.TOKEN + "&next=%2Fops%2Fconsole%2Fdead");

    assertThat(r.status()).isEqualTo(303);
    assertThat(r.headers()).containsEntry("Location", "/ops/console/dead");
    String set = r.headers().get("Set-Cookie");
    assertThat(set).startsWith("hdb_console=v1.").contains("; HttpOnly").contains("; SameSite=Strict").contains("; Path=/ops/console")
        .contains("Max-Age=43200").doesNotContain("Secure").doesNotContain(ConsoleFixture.TOKEN)
        .doesNotContain(Base64.getEncoder().encodeToString(ConsoleFixture.TOKEN.getBytes(StandardCharsets.UTF_8)));
    String cookie = ConsoleFixture.cookieOf(r);
    assertThat(cookie.split("\\.")).hasSize(4);
    Response page = f.get(OpsConsole.BASE, Map.of("Cookie", "other=1; hdb_console=" + cookie));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<h1>Overview</h1>").contains("Log out");
    // behind a TLS-terminating proxy the cookie is Secure too
    Response viaHttps = f.post(OpsConsole.BASE + "/login", Map.of("X-Forwarded-Proto", "https"), "token=" + ConsoleFixture.TOKEN);
    assertThat(viaHttps.headers().get("Set-Cookie")).contains("; Secure");
  }

  @Test
  void withoutASessionEveryPageIsTheLoginFormWith401AndEveryJsonEndpointA401Problem() {
    for (String page : PAGES) {
      Response r = f.get(OpsConsole.BASE + page, Map.of());
      assertThat(r.status()).as(page).isEqualTo(401);
      assertThat(r.body()).as(page).contains("<h1>Log in</h1>").contains("name=\"token\"").doesNotContain("name=\"_csrf\"");
    }
    for (String post : POSTS) {
      Response r = f.post(OpsConsole.BASE + post, Map.of(), "id=1&before=2030-01-01&mapping=refund-issued");
      assertThat(r.status()).as(post).isEqualTo(401);
    }
    Response json = f.get(OpsConsole.BASE + "/dead/replays/1.json", Map.of());
    assertThat(json.status()).isEqualTo(401);
    assertThat(json.headers().get("Content-Type")).isEqualTo("application/problem+json");
    // the login form brings the reader back to the page asked for
    assertThat(f.get(OpsConsole.BASE + "/events?q=1001", Map.of()).body())
        .contains("name=\"next\" value=\"/ops/console/events?q=1001\"");
  }

  @Test
  void aWrongTokenIsRefusedAndTooManyMakeLoginsWait() {
    Response wrong = f.post(OpsConsole.BASE + "/login", Map.of(), "token=guess");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.headers()).doesNotContainKey("Set-Cookie");
    assertThat(wrong.body()).contains("That is not the ops token.");
    assertThat(f.post(OpsConsole.BASE + "/login", Map.of(), "").status()).isEqualTo(401);

    for (int i = 2; i < ConsoleAuth.MAX_FAILURES; i++) f.post(OpsConsole.BASE + "/login", Map.of(), "token=guess" + i);
    Response throttled = f.post(OpsConsole.BASE + "/login", Map.of(), "token=" + ConsoleFixture.TOKEN);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.headers()).doesNotContainKey("Set-Cookie").containsKey("Retry-After");

    f.clock.advance(ConsoleAuth.FAILURE_WINDOW.plusSeconds(1));
    assertThat(f.post(OpsConsole.BASE + "/login", Map.of(), "token=" + ConsoleFixture.TOKEN).status()).isEqualTo(303);
  }

  @Test
  void forgedAlteredExpiredAndLoggedOutCookiesAreRefused() {
    ConsoleFixture.Browser b = f.login();
    String[] p = b.cookie().split("\\.");
    ConsoleAuth otherToken = new ConsoleAuth(new OpsApi(store, null, "another-token").derivedKey(
        "helpdesk-bridge ops console session v1"), f.clock);
    List<String> forged = List.of(
        p[0] + "." + p[1].substring(1) + "A." + p[2] + "." + p[3],               // another nonce, same MAC
        p[0] + "." + p[1] + "." + (Long.parseLong(p[2]) + 3600) + "." + p[3],   // a later issue time
        p[0] + "." + p[1] + "." + p[2] + "." + p[3].substring(1) + "A",          // a changed MAC
        otherToken.newSession(),                                               // signed with another token's key
        ConsoleFixture.TOKEN,                                                  // the token itself
        "v1.x.1.y", "", "v2." + p[1] + "." + p[2] + "." + p[3]);
    for (String cookie : forged) {
      assertThat(f.get(OpsConsole.BASE, Map.of("Cookie", "hdb_console=" + cookie)).status()).as(cookie).isEqualTo(401);
    }
    // a query parameter cannot pose as the cookie
    assertThat(f.get(OpsConsole.BASE + "?Cookie=hdb_console%3D" + b.cookie(), Map.of()).status()).isEqualTo(401);

    assertThat(f.get(OpsConsole.BASE, b.headers()).status()).isEqualTo(200);
    f.clock.advance(ConsoleAuth.MAX_AGE.plus(Duration.ofSeconds(1)));
    assertThat(f.get(OpsConsole.BASE, b.headers()).status()).as("expired").isEqualTo(401);

    ConsoleFixture.Browser again = f.login();
    Response out = f.post(OpsConsole.BASE + "/logout", again.headers(), "_csrf=" + again.csrf());
    assertThat(out.status()).isEqualTo(303);
    assertThat(out.headers().get("Set-Cookie")).startsWith("hdb_console=;").contains("Max-Age=0");
    assertThat(f.get(OpsConsole.BASE, again.headers()).status()).as("logged out").isEqualTo(401);
  }

  @Test
  void everyPostNeedsItsOwnSessionsFormToken() {
    ConsoleFixture.Browser a = f.login();
    ConsoleFixture.Browser b = f.login();
    assertThat(a.csrf()).isNotEqualTo(b.csrf());
    String form = "mapping=refund-issued&sample=stripe%2Fcharge.refunded";

    assertThat(f.post(OpsConsole.BASE + "/try", a.headers(), form).status()).as("no form token").isEqualTo(403);
    assertThat(f.post(OpsConsole.BASE + "/try", a.headers(), form + "&_csrf=").status()).as("empty").isEqualTo(403);
    assertThat(f.post(OpsConsole.BASE + "/try", a.headers(), form + "&_csrf=" + b.csrf()).status()).as("another session's")
        .isEqualTo(403);
    assertThat(f.post(OpsConsole.BASE + "/logout", a.headers(), "").status()).as("logout too").isEqualTo(403);
    assertThat(f.post(OpsConsole.BASE + "/dead/purge", a.headers(), "before=2030-01-01").status()).isEqualTo(403);

    Response ok = f.post(OpsConsole.BASE + "/try", a.headers(), form + "&_csrf=" + a.csrf());
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).contains("Refund of 25.00 USD issued in stripe for order 1001.");
  }

  @Test
  void theTokenAsABearerOpensThePagesForScripts() {
    assertThat(f.get(OpsConsole.BASE + "/dead", Map.of("Authorization", "Bearer " + ConsoleFixture.TOKEN)).status()).isEqualTo(200);
    assertThat(f.get(OpsConsole.BASE + "/dead", Map.of("Authorization", "Bearer nope")).status()).isEqualTo(401);
    assertThat(f.post(OpsConsole.BASE + "/try", Map.of("Authorization", "Bearer " + ConsoleFixture.TOKEN),
        "mapping=refund-issued&sample=stripe%2Fcharge.refunded").status()).isEqualTo(200);
  }

  @Test
  void afterLoggingInTheConsoleOnlyEverGoesToItsOwnPages() {
    assertThat(OpsConsole.safeNext("/ops/console/events?q=1001")).isEqualTo("/ops/console/events?q=1001");
    for (String evil : new String[] {null, "https://evil.test/", "//evil.test/ops/console", "/ops/console//evil.test",
        "/ops/console\\evil", "/ops/console\r\nSet-Cookie: x=1", "/elsewhere", "/ops/console/login"}) {
      assertThat(OpsConsole.safeNext(evil)).as(String.valueOf(evil)).isEqualTo("/ops/console");
    }
  }
}
