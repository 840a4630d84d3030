package io.helpdeskbridge.ops;

import io.helpdeskbridge.config.BridgeConfig;
import io.helpdeskbridge.ops.ConsoleHttp.Request;
import io.helpdeskbridge.ops.ConsoleHttp.Response;
import io.helpdeskbridge.store.Store;
import io.helpdeskbridge.ticket.Helpdesks;
import java.time.Clock;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ops console: server-rendered pages under {@code /ops/console} over the same store, replayer
 * and token as the {@code /ops/*} API. Overview (routes, helpdesk budgets and breakers, connector
 * health), Events (search, an order's timeline, one delivery), Dead letters (filter, inspect,
 * replay with progress, purge) and the mapping try-out.
 *
 * <p>Without a session every page answers 401 with the login form (JSON endpoints: 401
 * problem+json). Logging in with the ops token sets an HttpOnly, SameSite=Strict cookie holding an
 * HMAC-signed session, never the token ({@link ConsoleAuth}); every POST also needs the session's
 * form token. {@code Authorization: Bearer <token>} works too, for scripts. Nothing secret is
 * shown: payloads go through {@link PayloadMasker}, connector settings show only whether a secret
 * is set.
 */
public final class OpsConsole implements Processor {
  private static final Logger LOG = LoggerFactory.getLogger(OpsConsole.class);
  public static final String BASE = "/ops/console";

  private final OpsApi ops;
  private final ConsoleAuth auth;
  private final OverviewPage overview;
  private final EventsPages events;
  private final DeadLettersPages dead;
  private final TryOutPage tryOut;

  public OpsConsole(OpsApi ops, Store store, BridgeConfig config, Helpdesks helpdesks, Clock clock) {
    this.ops = ops;
    this.auth = new ConsoleAuth(ops.derivedKey("helpdesk-bridge ops console session v1"), clock);
    ConsoleData data = new ConsoleData(store);
    this.overview = new OverviewPage(ops, data, config, helpdesks, clock);
    this.events = new EventsPages(data, config);
    this.dead = new DeadLettersPages(ops, data, config, clock);
    this.tryOut = new TryOutPage(config);
  }

  @Override
  public void process(Exchange exchange) {
    handle(Request.from(exchange)).writeTo(exchange);
  }

  /** Answers one request (the Camel-free core, which the tests call directly). */
  Response handle(Request req) {
    String sub = req.path().startsWith(BASE) ? req.path().substring(BASE.length()) : req.path();
    if (sub.endsWith("/")) sub = sub.substring(0, sub.length() - 1);
    boolean post = "POST".equals(req.method());
    try {
      if (sub.equals("/login") && post) return login(req);
      Optional<ConsoleAuth.Session> session = session(req);
      if (session.isEmpty()) return unauthorized(req, sub);
      ConsoleAuth.Session s = session.get();
      String csrf = auth.csrfToken(s);
      if (post && !auth.csrfOk(s, req.field(ConsoleAuth.CSRF_FIELD))) {
        return Response.html(403, Html.page("Form expired", null, csrf,
            Html.notice("error", "This form was not sent from this console session (its form token is missing or wrong)."
                + " Nothing was done. Go back, reload the page and try again.")));
      }
      if (post) {
        switch (sub) {
          case "/logout" -> {
            auth.revoke(s);
            return Response.redirect(BASE).with("Set-Cookie", ConsoleAuth.clearCookie(req.secure()));
          }
          case "/dead/replay" -> {
            return dead.replay(req);
          }
          case "/dead/purge" -> {
            return dead.purge(req, csrf);
          }
          case "/try" -> {
            return tryOut.render(req, csrf, true);
          }
          default -> {
            return notFound(csrf, req);
          }
        }
      }
      if (!"GET".equals(req.method()) && !"HEAD".equals(req.method())) return notFound(csrf, req);
      if (sub.isEmpty()) return overview.render(req, csrf);
      if (sub.equals("/login")) return Response.redirect(BASE);
      if (sub.equals("/events")) return events.search(req, csrf);
      if (sub.matches("/events/\\d{1,18}")) return events.delivery(Long.parseLong(sub.substring(8)), csrf);
      if (sub.equals("/timeline")) return events.timeline(req, csrf);
      if (sub.equals("/dead")) return dead.list(req, csrf);
      if (sub.matches("/dead/replays/\\d{1,9}\\.json")) return dead.progressJson(Long.parseLong(sub.substring(14, sub.length() - 5)));
      if (sub.matches("/dead/replays/\\d{1,9}")) return dead.progress(Long.parseLong(sub.substring(14)), csrf);
      if (sub.equals("/try")) return tryOut.render(req, csrf, false);
      return notFound(csrf, req);
    } catch (RuntimeException e) {
      LOG.error("ops console: {} {} failed", req.method(), req.path(), e);
      return Response.html(500, Html.page("Something went wrong", null, null,
          Html.notice("error", "The console could not answer: " + PayloadMasker.text(String.valueOf(e.getMessage())))));
    }
  }

  private Optional<ConsoleAuth.Session> session(Request req) {
    String authorization = req.header("authorization");
    if (authorization != null && authorization.startsWith("Bearer ") && ops.tokenMatches(authorization.substring(7).trim())) {
      return Optional.of(new ConsoleAuth.Session("bearer", null, true));
    }
    return auth.verify(req.cookie(ConsoleAuth.COOKIE));
  }

  /** 401: the login form for a page (coming back to it afterwards), problem+json for a JSON endpoint. */
  private static Response unauthorized(Request req, String sub) {
    if (sub.endsWith(".json") || (req.header("accept") != null && req.header("accept").startsWith("application/json"))) {
      return Response.json(401, "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
          + "\"detail\":\"log in to the ops console, or send Authorization: Bearer <BRIDGE_OPS_TOKEN>\"}");
    }
    String next = "GET".equals(req.method()) ? req.path() + (req.query().isEmpty() ? "" : "?" + req.query()) : BASE;
    return loginPage(401, next, null);
  }

  private Response login(Request req) {
    String next = safeNext(req.field("next"));
    if (!auth.loginAllowed()) {
      return loginPage(429, next, "Too many wrong tokens in the last few minutes. Wait a while, then try again.")
          .with("Retry-After", String.valueOf(ConsoleAuth.FAILURE_WINDOW.toSeconds()));
    }
    if (!ops.tokenMatches(req.field("token"))) {
      auth.loginFailed();
      LOG.warn("ops console: a login with a wrong token");
      return loginPage(401, next, "That is not the ops token.");
    }
    return Response.redirect(next).with("Set-Cookie", ConsoleAuth.setCookie(auth.newSession(), req.secure()));
  }

  /** Where to go after logging in: a console page, never another site. */
  static String safeNext(String next) {
    if (next == null || !next.startsWith(BASE) || next.contains("//") || next.contains("\\")
        || next.chars().anyMatch(c -> c < 0x21 || c == 0x7f) || next.startsWith(BASE + "/login")) {
      return BASE;
    }
    return next;
  }

  static Response loginPage(int status, String next, String error) {
    String content = (error == null ? "" : Html.notice("error", error))
        + "<p>This console shows and steers the bridge: what came in, what it did to which ticket, and what failed."
        + " Log in with the ops token (<code>BRIDGE_OPS_TOKEN</code>; without it the bridge keeps a generated one in"
        + " <code>data/dev-secrets/ops</code>).</p>\n"
        + "<form method=\"post\" action=\"" + BASE + "/login\">\n"
        + "<input type=\"hidden\" name=\"next\" value=\"" + Html.esc(safeNext(next)) + "\">\n"
        + "<div class=\"field\"><label for=\"token\">Ops token</label>\n"
        + "<input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"current-password\" required size=\"40\"></div>\n"
        + "<button type=\"submit\" class=\"primary\">Log in</button>\n</form>\n";
    return Response.html(status, Html.page("Log in", null, null, content));
  }

  private static Response notFound(String csrf, Request req) {
    return Response.html(404, Html.page("Not found", null, csrf,
        Html.notice("error", "The console has no page " + req.method() + " " + req.path() + ".")
            + "<p><a href=\"" + BASE + "\">Back to the overview</a></p>"));
  }
}
