package io.helpdeskbridge.plugin.paypal;

import io.helpdeskbridge.spi.ClientCredentialsToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PayPal's OAuth client-credentials tokens ({@code POST /v1/oauth2/token}, client id and secret as
 * HTTP Basic), one per API base and credentials, shared by verification and order lookups so both
 * reuse one token until shortly before it expires. Keyed by a digest of the secret, never the
 * secret.
 *
 * @see <a href="https://developer.paypal.com/api/rest/authentication/">PayPal: get an access token</a>
 */
final class PayPalTokens {
  static final String TOKEN_PATH = "/v1/oauth2/token";

  private final HttpClient http;
  private final Clock clock;
  private final Map<String, ClientCredentialsToken> tokens = new ConcurrentHashMap<>();

  PayPalTokens(HttpClient http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  ClientCredentialsToken of(PayPalConfig config) {
    return tokens.computeIfAbsent(key(config), k -> new ClientCredentialsToken(http,
        URI.create(config.apiBase() + TOKEN_PATH), config.clientId(), config.clientSecret(),
        ClientCredentialsToken.Style.BASIC_HEADER, Map.of(), clock));
  }

  private static String key(PayPalConfig config) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(config.clientSecret().getBytes(StandardCharsets.UTF_8));
      return config.apiBase() + "\n" + config.clientId() + "\n" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
