package io.helpdeskbridge.plugin.paypal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.helpdeskbridge.spi.WebhookRejected;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * PayPal's signing certificates, fetched from {@code PAYPAL-CERT-URL} and kept by URL (PayPal
 * gives each certificate its own URL, so a cached one never goes stale; it is still checked for
 * validity on every use, since it expires while cached).
 *
 * <p>What makes a certificate acceptable:
 *
 * <ul>
 *   <li>its URL passes {@link PayPalCertHosts} (https on a PayPal host by default), and it is
 *       fetched without following redirects, so the TLS connection to PayPal's host vouches for it;
 *   <li>its subject's CN is PayPal's message-verification name ({@code messageverificationcerts…
 *       .paypal.com}), the rule of PayPal's Java SDK ({@code SSLUtil.validateCertificateChain});
 *   <li>it is valid now.
 * </ul>
 *
 * The chain is not built to a trust anchor: PayPal serves the leaf alone (issued by DigiCert's EV
 * intermediate, which is not in the JDK's trust store), and the SDKs' bundled roots are out of date
 * since PayPal moved to DigiCert Global Root G2, so a chain check here would refuse genuine
 * deliveries. The host rule plus TLS is what keeps a forger's certificate out.
 *
 * <p>Refusals: a URL or certificate that does not qualify is a forged delivery ({@code 400}); a
 * certificate host that does not answer, times out, or answers 429/5xx leaves the delivery
 * unverified, never accepted: {@code 503}, which PayPal retries.
 */
final class PayPalCertificates {

  /** How a certificate is fetched: plain HTTP in production, a stand-in in tests. */
  interface Fetcher {
    Fetched get(URI url, Duration timeout) throws IOException;
  }

  /** A fetch's status and body (at most {@link #MAX_BYTES} of it). */
  record Fetched(int status, byte[] body) {}

  /** A PEM certificate is 2–3 KB; anything much larger is not one. */
  static final int MAX_BYTES = 64 * 1024;

  private final Fetcher fetcher;
  private final Cache<String, X509Certificate> byUrl =
      Caffeine.newBuilder().maximumSize(64).expireAfterWrite(Duration.ofDays(1)).build();

  PayPalCertificates(Fetcher fetcher) {
    this.fetcher = fetcher;
  }

  /** Fetches with {@code client}, which must not follow redirects (a redirect could leave PayPal). */
  static Fetcher http(HttpClient client) {
    return (url, timeout) -> {
      HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "*/*").GET().build();
      try {
        HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
          return new Fetched(r.statusCode(), in.readNBytes(MAX_BYTES + 1));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      }
    };
  }

  /** The public key that must have signed a delivery naming {@code certUrl}, or a refusal. */
  PublicKey signingKey(String certUrl, PayPalCertHosts hosts, Duration timeout, Instant now) throws WebhookRejected {
    URI url = url(certUrl);
    if (url == null || !hosts.allows(url)) {
      throw WebhookRejected.badSignature(PayPalTransmission.CERT_URL
          + " must be an https URL on a PayPal host (see the connector's cert-hosts)" + hostOf(url));
    }
    String key = url.toString();
    X509Certificate cert = byUrl.getIfPresent(key);
    if (cert == null) {
      cert = download(url, timeout);
      requirePayPalSubject(cert);
      byUrl.put(key, cert);
    }
    try {
      cert.checkValidity(Date.from(now));
    } catch (CertificateExpiredException e) {
      throw WebhookRejected.badSignature("the certificate at " + PayPalTransmission.CERT_URL + " has expired");
    } catch (CertificateNotYetValidException e) {
      throw WebhookRejected.badSignature("the certificate at " + PayPalTransmission.CERT_URL + " is not valid yet");
    }
    return cert.getPublicKey();
  }

  private X509Certificate download(URI url, Duration timeout) throws WebhookRejected {
    Fetched fetched;
    try {
      fetched = fetcher.get(url, timeout);
    } catch (IOException e) {
      // the JDK names host and port at most; the class says timeout, refused, reset
      throw unavailable("could not be reached (" + e.getClass().getSimpleName() + ")");
    }
    if (fetched.status() == 429 || fetched.status() >= 500) {
      throw unavailable("answered " + fetched.status());
    }
    if (fetched.status() != 200) {
      throw WebhookRejected.badSignature("the certificate at " + PayPalTransmission.CERT_URL
          + " could not be fetched (HTTP " + fetched.status() + ")");
    }
    if (fetched.body().length > MAX_BYTES) {
      throw WebhookRejected.badSignature(PayPalTransmission.CERT_URL + " does not serve a certificate");
    }
    try {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(fetched.body()));
      // the leaf comes first; anything after it would be its issuers
      if (!certs.isEmpty() && certs.iterator().next() instanceof X509Certificate leaf) return leaf;
    } catch (CertificateException | RuntimeException notACertificate) {
      // falls through to the refusal below
    }
    throw WebhookRejected.badSignature(PayPalTransmission.CERT_URL + " does not serve a certificate");
  }

  private static void requirePayPalSubject(X509Certificate cert) throws WebhookRejected {
    String cn = commonName(cert);
    if (cn == null || !cn.startsWith("messageverificationcerts") || !cn.endsWith(".paypal.com")) {
      throw WebhookRejected.badSignature("the certificate at " + PayPalTransmission.CERT_URL
          + " is not PayPal's message-verification certificate");
    }
  }

  private static String commonName(X509Certificate cert) {
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) return String.valueOf(rdn.getValue()).toLowerCase(Locale.ROOT);
      }
    } catch (InvalidNameException e) {
      return null;
    }
    return null;
  }

  private static WebhookRejected unavailable(String what) {
    return new WebhookRejected(503, "Verification unavailable",
        "PayPal's signing certificate " + what + "; the delivery is not accepted unverified, retry later");
  }

  private static URI url(String value) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** The host the URL named, when it is safe to repeat in a message. */
  private static String hostOf(URI url) {
    String host = url == null ? null : url.getHost();
    String scheme = url == null ? null : url.getScheme();
    if (host == null || scheme == null || !host.matches("[A-Za-z0-9.-]{1,100}") || !scheme.matches("[A-Za-z]{1,10}")) return "";
    return " (not " + scheme + "://" + host + ")";
  }
}
