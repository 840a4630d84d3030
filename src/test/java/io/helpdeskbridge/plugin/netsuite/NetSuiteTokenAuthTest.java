package io.helpdeskbridge.plugin.netsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Token-based authentication against Oracle's own worked example ("The Signature for Web Services
 * and RESTlets", "The Authorization Headers"): account 123456, its published consumer key and secret,
 * token id and secret, nonce {@code fjaLirsIcCGVZWzBX0pg} and timestamp {@code 1508242306}. Oracle
 * publishes the HMAC-SHA256 signature for a REST web services GET and for a RESTlet POST with query
 * parameters; both come out of the library the plugin signs with, and out of the stand-in's own
 * RFC 5849 code, so the stand-in's check is itself checked.
 */
class NetSuiteTokenAuthTest {
  // Oracle's published example values, not credentials of any account
  private static final String CONSUMER_KEY = "ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4";
  private static final String CONSUMER_SECRET = "d26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9e8b5";
  private static final String TOKEN_ID = "2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc";
  private static final String TOKEN_SECRET = "c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295";
  private static final String NONCE = "fjaLirsIcCGVZWzBX0pg";
  private static final String TIMESTAMP = "1508242306";
  private static final URI REST_URL = URI.create("https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40");
  private static final URI RESTLET_URL = URI.create(
      "https://123456.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=6&deploy=1&customParam=someValue&testParam=someOtherValue");
  /** Oracle's REST web services header example gives this, percent-encoded as in the header. */
  private static final String ORACLE_REST_SIGNATURE = "B5OIWznZ2YP0OB7VrJrGkYsTh%2B8H%2B5T9Hag%2Bo92q0zY%3D";
  /** And this for the RESTlet POST, whose query parameters are signed too. */
  private static final String ORACLE_RESTLET_SIGNATURE = "%2BKK4SKNgz4ZiILGLwOMtfYlgcXSy1eis8ldE9X90azQ%3D";
  private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"");

  private static NetSuiteTokenAuth oracle(Clock clock) {
    return new NetSuiteTokenAuth("123456", CONSUMER_KEY, CONSUMER_SECRET, TOKEN_ID, TOKEN_SECRET, clock);
  }

  private static Map<String, String> params(String header) {
    assertThat(header).startsWith("OAuth ");
    Map<String, String> p = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(header);
    while (m.find()) p.put(m.group(1), m.group(2));
    return p;
  }

  @Test
  void signsOraclesRestWebServicesExampleToItsPublishedHeader() throws Exception {
    String header = oracle(Clock.systemUTC()).authorization("GET", REST_URL, NONCE, TIMESTAMP);

    assertThat(params(header)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "realm", "123456", "oauth_consumer_key", CONSUMER_KEY, "oauth_token", TOKEN_ID, "oauth_nonce", NONCE,
        "oauth_timestamp", TIMESTAMP, "oauth_signature_method", "HMAC-SHA256", "oauth_version", "1.0",
        "oauth_signature", ORACLE_REST_SIGNATURE));
    assertThat(header).startsWith("OAuth realm=\"123456\", ").doesNotContain(CONSUMER_SECRET).doesNotContain(TOKEN_SECRET);
  }

  @Test
  void signsTheQueryParametersAsInOraclesRestletExample() throws Exception {
    String header = oracle(Clock.systemUTC()).authorization("POST", RESTLET_URL, NONCE, TIMESTAMP);

    assertThat(params(header)).containsEntry("oauth_signature", ORACLE_RESTLET_SIGNATURE);
    // a changed query parameter is a different signature
    URI other = URI.create(RESTLET_URL.toString().replace("deploy=1", "deploy=2"));
    assertThat(params(oracle(Clock.systemUTC()).authorization("POST", other, NONCE, TIMESTAMP)))
        .doesNotContainEntry("oauth_signature", ORACLE_RESTLET_SIGNATURE);
  }

  @Test
  void theStandInsOwnSignatureCodeAgreesWithOraclesExamples() {
    Map<String, String> oauth = Map.of("oauth_consumer_key", CONSUMER_KEY, "oauth_token", TOKEN_ID, "oauth_nonce", NONCE,
        "oauth_timestamp", TIMESTAMP, "oauth_signature_method", "HMAC-SHA256", "oauth_version", "1.0");

    assertThat(NetSuiteStandIn.signature("GET", REST_URL, oauth, CONSUMER_SECRET, TOKEN_SECRET))
        .isEqualTo(URLDecoder.decode(ORACLE_REST_SIGNATURE, StandardCharsets.UTF_8));
    assertThat(NetSuiteStandIn.signature("POST", RESTLET_URL, oauth, CONSUMER_SECRET, TOKEN_SECRET))
        .isEqualTo(URLDecoder.decode(ORACLE_RESTLET_SIGNATURE, StandardCharsets.UTF_8));
  }

  @Test
  void eachRequestGetsAFreshTwentyCharacterNonceAndTheCurrentTime() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    NetSuiteTokenAuth auth = oracle(clock);
    Set<String> nonces = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      Map<String, String> p = params(auth.authorization("GET", REST_URL));
      assertThat(p.get("oauth_nonce")).matches("[A-Za-z0-9]{20}");
      assertThat(p).containsEntry("oauth_timestamp", String.valueOf(clock.instant().getEpochSecond()));
      nonces.add(p.get("oauth_nonce"));
    }
    assertThat(nonces).hasSize(50);
  }

  @Test
  void theAccountIdGivesTheRealmAndTheHostInNetSuitesTwoSpellings() {
    for (String id : new String[] {"1234567_SB1", "1234567-sb1", " 1234567_sb1 "}) {
      NetSuiteAccount a = NetSuiteAccount.of(id);
      assertThat(a.realm()).as(id).isEqualTo("1234567_SB1");
      assertThat(a.apiBase()).as(id).isEqualTo("https://1234567-sb1.suitetalk.api.netsuite.com");
    }
    assertThat(NetSuiteAccount.of("TSTDRV2345678").apiBase()).isEqualTo("https://tstdrv2345678.suitetalk.api.netsuite.com");
    // the id becomes a host name: nothing that could send the signed request elsewhere
    for (String bad : new String[] {"", "1234567.evil.example", "1234567/x", "a b", "1234567_"}) {
      assertThatThrownBy(() -> NetSuiteAccount.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void neitherPrintingNorScrubbingShowsACredential() {
    NetSuiteTokenAuth auth = oracle(Clock.systemUTC());

    assertThat(auth.toString()).isEqualTo("NetSuiteTokenAuth[realm=123456]");
    assertThat(auth.scrub("echo " + TOKEN_SECRET + " and " + CONSUMER_SECRET + " for " + CONSUMER_KEY + "/" + TOKEN_ID))
        .isEqualTo("echo [credential] and [credential] for [credential]/[credential]");
  }
}
