package io.helpdeskbridge.plugin.adobecommerce;

import io.helpdeskbridge.intake.signature.Hmac;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the shared secret a merchant puts in a hook's {@code <headers>} ({@code webhooks.xml}) or
 * the Admin's Hook Headers: Commerce signs nothing by default, it sends the headers it is told to.
 * By default the header is {@code Authorization: Bearer <secret>}, the form Adobe's own examples
 * use; the bridge never stores an {@code Authorization} header with a delivery, while any other
 * header name would be kept in the inbox row. Adobe's examples write {@code Bearer: <token>}, so a
 * colon after the scheme is accepted too.
 *
 * <p>Any of several secrets may match (one is being replaced), each compared in constant time with
 * no early exit. Refusals name the header, never a secret.
 *
 * <p>The Webhooks module can also sign deliveries ({@code x-adobe-commerce-webhook-signature}, an
 * RSA SHA-256 signature with a key pair generated in the Admin); that header is not read here.
 *
 * @see <a href="https://developer.adobe.com/commerce/extensibility/webhooks/create-webhooks/">Adobe
 *     Commerce webhooks: hook headers</a>
 */
final class AdobeCommerceSecret {
  static final String DEFAULT_HEADER = "Authorization";
  private static final Pattern BEARER = Pattern.compile("(?i)bearer(?:\\s*:\\s*|\\s+)(.*)");

  private AdobeCommerceSecret() {}

  /** Accepts the delivery or throws a {@code 400} naming what was wrong. */
  static void verify(WebhookRequest request, String header, List<String> secrets) throws WebhookRejected {
    if (secrets == null || secrets.isEmpty()) {
      throw new IllegalArgumentException("no Adobe Commerce webhook secret is configured");
    }
    String value = request.header(header);
    if (value == null || value.isBlank()) throw WebhookRejected.badSignature("missing " + header + " header");
    String presented = value.trim();
    if (isAuthorization(header)) {
      Matcher m = BEARER.matcher(presented);
      if (!m.matches()) throw WebhookRejected.badSignature(header + " is not a Bearer credential");
      presented = m.group(1).trim();
    }
    if (!Hmac.anyMatches(secrets, secret -> secret, List.of(presented))) {
      throw WebhookRejected.badSignature(header + " does not carry the configured secret");
    }
  }

  /** The header value Commerce should be configured to send, for {@code send-sample}. */
  static String headerValue(String header, String secret) {
    return isAuthorization(header) ? "Bearer " + secret : secret;
  }

  private static boolean isAuthorization(String header) {
    return header.trim().toLowerCase(Locale.ROOT).equals("authorization");
  }
}
