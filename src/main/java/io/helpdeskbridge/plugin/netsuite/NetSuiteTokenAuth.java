package io.helpdeskbridge.plugin.netsuite;

import com.google.api.client.auth.oauth.OAuthHmacSha256Signer;
import com.google.api.client.auth.oauth.OAuthParameters;
import com.google.api.client.http.GenericUrl;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * NetSuite token-based authentication (TBA): every request carries an OAuth 1.0a {@code
 * Authorization} header signed HMAC-SHA256 with the integration's consumer secret and the access
 * token's secret, with the account id as {@code realm}. The signature is computed by Google's OAuth
 * client ({@link OAuthParameters} with {@link OAuthHmacSha256Signer}), which reproduces Oracle's
 * published examples; it covers the method, the URL and its query parameters, not a JSON body.
 *
 * <p>Each header gets a fresh 20-character nonce and the current timestamp: NetSuite refuses a nonce
 * shorter than six characters and a nonce and timestamp it has already seen.
 *
 * @see <a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534941088.html">The
 *     signature for web services and RESTlets</a>
 */
final class NetSuiteTokenAuth {
  private static final String NONCE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final int NONCE_LENGTH = 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String realm;
  private final String consumerKey;
  private final String consumerSecret;
  private final String tokenId;
  private final String tokenSecret;
  private final Clock clock;

  NetSuiteTokenAuth(String realm, String consumerKey, String consumerSecret, String tokenId, String tokenSecret, Clock clock) {
    this.realm = realm;
    this.consumerKey = consumerKey;
    this.consumerSecret = consumerSecret;
    this.tokenId = tokenId;
    this.tokenSecret = tokenSecret;
    this.clock = clock;
  }

  /** The header for one request, with a fresh nonce and the current time. */
  String authorization(String method, URI uri) throws IOException {
    StringBuilder nonce = new StringBuilder(NONCE_LENGTH);
    for (int i = 0; i < NONCE_LENGTH; i++) nonce.append(NONCE_CHARS.charAt(RANDOM.nextInt(NONCE_CHARS.length())));
    return authorization(method, uri, nonce.toString(), String.valueOf(clock.instant().getEpochSecond()));
  }

  /** The header with a given nonce and timestamp: what {@link #authorization(String, URI)} does, made repeatable. */
  String authorization(String method, URI uri, String nonce, String timestamp) throws IOException {
    OAuthHmacSha256Signer signer = new OAuthHmacSha256Signer(consumerSecret);
    signer.setTokenSecret(tokenSecret);
    OAuthParameters oauth = new OAuthParameters();
    oauth.signer = signer;
    oauth.realm = realm;
    oauth.consumerKey = consumerKey;
    oauth.token = tokenId;
    oauth.version = "1.0";
    oauth.nonce = nonce;
    oauth.timestamp = timestamp;
    try {
      oauth.computeSignature(method, new GenericUrl(uri));
    } catch (GeneralSecurityException e) {
      // the JDK lacks HmacSHA256: nothing a retry would mend, and nothing secret in the exception's name
      throw new IOException("could not sign the NetSuite request (" + e.getClass().getSimpleName() + ")");
    }
    return oauth.getAuthorizationHeader();
  }

  /** {@code text} with every credential replaced, for messages built from what NetSuite answered. */
  String scrub(String text) {
    String out = text;
    for (String secret : List.of(consumerSecret, tokenSecret, consumerKey, tokenId)) {
      if (secret != null && !secret.isEmpty()) out = out.replace(secret, "[credential]");
    }
    return out;
  }

  @Override
  public String toString() {
    return "NetSuiteTokenAuth[realm=" + realm + "]";
  }
}
