package io.helpdeskbridge.plugin.paypal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a {@code PAYPAL-CERT-URL} may point. The header names the key the signature is checked
 * against, so a URL anywhere else would let the sender sign with a key of their own: the URL must
 * be {@code https} on a PayPal host. Entries of the {@code cert-hosts} setting:
 *
 * <ul>
 *   <li>{@code .paypal.com} (the default): https, any host under that domain ({@code
 *       api.paypal.com}, {@code api.sandbox.paypal.com}, where PayPal's certificates live);
 *   <li>{@code api.paypal.com}: https, exactly that host (any port);
 *   <li>{@code http://127.0.0.1:8089}: exactly that scheme, host and port. The only way to allow
 *       plain http, meant for a test stand-in, never for PayPal itself.
 * </ul>
 *
 * A URL with user info, or one that does not parse, is never allowed.
 */
final class PayPalCertHosts {

  private record Entry(String scheme, String host, int port, boolean suffix) {}

  private final List<Entry> entries;

  private PayPalCertHosts(List<Entry> entries) {
    this.entries = entries;
  }

  static PayPalCertHosts parse(List<String> values) {
    List<Entry> out = new ArrayList<>();
    for (String raw : values) {
      String v = raw.trim().toLowerCase(Locale.ROOT);
      if (v.isEmpty()) continue;
      if (v.contains("://")) {
        URI origin;
        try {
          origin = new URI(v);
        } catch (java.net.URISyntaxException e) {
          throw new IllegalStateException("cert-hosts entry '" + raw + "' is not a URL");
        }
        if (origin.getHost() == null) throw new IllegalStateException("cert-hosts entry '" + raw + "' names no host");
        out.add(new Entry(origin.getScheme(), origin.getHost(), origin.getPort(), false));
      } else if (v.startsWith(".")) {
        out.add(new Entry("https", v, -1, true));
      } else {
        int colon = v.lastIndexOf(':');
        boolean withPort = colon > 0 && v.substring(colon + 1).chars().allMatch(Character::isDigit);
        out.add(new Entry("https", withPort ? v.substring(0, colon) : v,
            withPort ? Integer.parseInt(v.substring(colon + 1)) : -1, false));
      }
    }
    return new PayPalCertHosts(List.copyOf(out));
  }

  /** Whether the bridge may fetch a signing certificate from {@code url}. */
  boolean allows(URI url) {
    if (url == null || !url.isAbsolute() || url.getRawUserInfo() != null || url.getHost() == null) return false;
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost().toLowerCase(Locale.ROOT);
    for (Entry e : entries) {
      if (!e.scheme().equals(scheme)) continue;
      if (e.suffix() ? host.endsWith(e.host()) && host.length() > e.host().length() : host.equals(e.host())) {
        if (e.port() < 0 || e.port() == effectivePort(url)) return true;
      }
    }
    return false;
  }

  private static int effectivePort(URI url) {
    if (url.getPort() >= 0) return url.getPort();
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }
}
