package io.helpdeskbridge.plugin.paypal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * RSA keys with X.509 certificates standing in for PayPal's, made with the JDK's own {@code
 * keytool} once per test JVM (no Bouncy Castle on the classpath), and deliveries signed with them
 * the way PayPal documents it. The signing is written here from PayPal's scheme, not with the
 * bridge's code, so tests check the bridge against the contract.
 */
public final class PayPalTestKeys {

  /** A key and its certificate. */
  public record Cert(PrivateKey key, X509Certificate certificate) {
    /** The certificate as PEM, what PayPal's certificate URL serves. */
    public String pem() {
      try {
        return "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static final String PASSWORD = "test-only";
  private static final Map<String, Cert> MADE = new ConcurrentHashMap<>();

  private PayPalTestKeys() {}

  /** Valid for ten years from yesterday, named like PayPal's sandbox signing certificate. */
  public static Cert valid() {
    return make("valid", "CN=messageverificationcerts.sandbox.paypal.com, O=Test stand-in", "-1d", 3650);
  }

  /** PayPal's name, but expired a week ago. */
  public static Cert expired() {
    return make("expired", "CN=messageverificationcerts.sandbox.paypal.com, O=Test stand-in", "-10d", 3);
  }

  /** Valid, but somebody else's name. */
  public static Cert foreign() {
    return make("foreign", "CN=messageverificationcerts.paypal.com.evil.example, O=Forger", "-1d", 3650);
  }

  /**
   * The five headers of a delivery of {@code body} to {@code webhookId}, signed with {@code cert}'s
   * key: SHA256withRSA over {@code id|time|webhookId|crc32(body)}, the CRC as unsigned decimal.
   */
  public static Map<String, String> signed(byte[] body, String webhookId, String certUrl, Instant time,
      String transmissionId, Cert cert) {
    CRC32 crc = new CRC32();
    crc.update(body);
    String message = transmissionId + "|" + time + "|" + webhookId + "|" + crc.getValue();
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(cert.key());
      s.update(message.getBytes(StandardCharsets.UTF_8));
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("PAYPAL-TRANSMISSION-ID", transmissionId);
      headers.put("PAYPAL-TRANSMISSION-TIME", time.toString());
      headers.put("PAYPAL-TRANSMISSION-SIG", Base64.getEncoder().encodeToString(s.sign()));
      headers.put("PAYPAL-CERT-URL", certUrl);
      headers.put("PAYPAL-AUTH-ALGO", "SHA256withRSA");
      headers.put("PAYPAL-AUTH-VERSION", "v2");
      return headers;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Cert make(String alias, String subject, String startDate, int validityDays) {
    return MADE.computeIfAbsent(alias, a -> keytool(a, subject, startDate, validityDays));
  }

  private static Cert keytool(String alias, String subject, String startDate, int validityDays) {
    try {
      Path dir = Files.createTempDirectory("paypal-test-keys");
      Path store = dir.resolve(alias + ".p12");
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      Process p = new ProcessBuilder(keytool, "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
          "-alias", alias, "-dname", subject, "-startdate", startDate, "-validity", String.valueOf(validityDays),
          "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("keytool failed: " + out);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        ks.load(in, PASSWORD.toCharArray());
      }
      Cert cert = new Cert((PrivateKey) ks.getKey(alias, PASSWORD.toCharArray()), (X509Certificate) ks.getCertificate(alias));
      Files.delete(store);
      Files.delete(dir);
      return cert;
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
