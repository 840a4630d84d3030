package io.helpdeskbridge.ops;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The console's sessions. Logging in with the ops token gives a cookie holding a random nonce,
 * the time it was issued and an HMAC over both, keyed with a key derived from the token: the
 * cookie never holds the token, a forged or altered cookie fails the HMAC, and a new token ends
 * every session. Any instance with the same token accepts the cookie (a cluster behind a load
 * balancer). Each session's form token for CSRF is an HMAC of its nonce, checked on every POST on
 * top of the cookie's {@code SameSite=Strict}. Logging out revokes the nonce on this instance.
 */
final class ConsoleAuth {
  static final String COOKIE = "hdb_console";
  static final String CSRF_FIELD = "_csrf";
  /** How long a session lasts: one shift and then some. */
  static final Duration MAX_AGE = Duration.ofHours(12);
  /** Wrong tokens allowed per {@link #FAILURE_WINDOW} before logins wait. */
  static final int MAX_FAILURES = 10;
  static final Duration FAILURE_WINDOW = Duration.ofMinutes(5);

  /** A valid session: its nonce and when it was issued; {@code bearer} for API-style access with the token itself. */
  record Session(String nonce, Instant issuedAt, boolean bearer) {}

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private final SecureRandom random = new SecureRandom();
  private final byte[] key;
  private final Clock clock;
  private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
  private final Deque<Instant> failures = new ArrayDeque<>();

  /** @param key the session key ({@link OpsApi#derivedKey}), never the token itself */
  ConsoleAuth(byte[] key, Clock clock) {
    this.key = key.clone();
    this.clock = clock;
  }

  /** A new session's cookie value: {@code v1.<nonce>.<issued epoch s>.<hmac>}. */
  String newSession() {
    byte[] nonce = new byte[18];
    random.nextBytes(nonce);
    String body = "v1." + B64.encodeToString(nonce) + "." + clock.instant().getEpochSecond();
    return body + "." + B64.encodeToString(hmac("session\n" + body));
  }

  /** The session a cookie value stands for, if its HMAC holds and it is neither expired nor revoked. */
  Optional<Session> verify(String cookie) {
    if (cookie == null || cookie.length() > 200) return Optional.empty();
    String[] parts = cookie.split("\\.", -1);
    if (parts.length != 4 || !"v1".equals(parts[0])) return Optional.empty();
    byte[] mac;
    long issued;
    try {
      mac = B64D.decode(parts[3]);
      issued = Long.parseLong(parts[2]);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(mac, hmac("session\n" + parts[0] + "." + parts[1] + "." + parts[2]))) return Optional.empty();
    Instant at = Instant.ofEpochSecond(issued);
    Instant now = clock.instant();
    if (at.isAfter(now.plusSeconds(60)) || at.plus(MAX_AGE).isBefore(now)) return Optional.empty();
    if (revoked.containsKey(parts[1])) return Optional.empty();
    return Optional.of(new Session(parts[1], at, false));
  }

  /** The form token of a session: sent in every form, required on every POST. */
  String csrfToken(Session s) {
    return s.bearer() ? "" : B64.encodeToString(hmac("csrf\n" + s.nonce()));
  }

  /** Whether a POST may go: a bearer caller needs no form token; a cookie session needs its own. */
  boolean csrfOk(Session s, String formToken) {
    if (s.bearer()) return true;
    return formToken != null && MessageDigest.isEqual(csrfToken(s).getBytes(StandardCharsets.UTF_8),
        formToken.getBytes(StandardCharsets.UTF_8));
  }

  /** Ends a session here: its cookie is refused from now on, until it would have expired anyway. */
  void revoke(Session s) {
    if (s.bearer()) return;
    Instant now = clock.instant();
    revoked.entrySet().removeIf(e -> e.getValue().isBefore(now));
    revoked.put(s.nonce(), s.issuedAt().plus(MAX_AGE));
  }

  /** The {@code Set-Cookie} value of a new session. */
  static String setCookie(String value, boolean secure) {
    return COOKIE + "=" + value + "; Path=" + OpsConsole.BASE + "; Max-Age=" + MAX_AGE.toSeconds()
        + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }

  /** The {@code Set-Cookie} value that removes the session cookie. */
  static String clearCookie(boolean secure) {
    return COOKIE + "=; Path=" + OpsConsole.BASE + "; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }

  /** Whether another login may be tried now: after {@link #MAX_FAILURES} wrong tokens in the window, no. */
  synchronized boolean loginAllowed() {
    prune();
    return failures.size() < MAX_FAILURES;
  }

  synchronized void loginFailed() {
    prune();
    failures.addLast(clock.instant());
  }

  private void prune() {
    Instant cutoff = clock.instant().minus(FAILURE_WINDOW);
    while (!failures.isEmpty() && failures.peekFirst().isBefore(cutoff)) failures.pollFirst();
  }

  private byte[] hmac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
