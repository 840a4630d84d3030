package io.helpdeskbridge.plugin.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.helpdeskbridge.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class StripeSignatureTest {

  private static final String BODY_TEXT = "{\"id\":\"evt_1\",\"object\":\"event\"}";
  private static final byte[] BODY = BODY_TEXT.getBytes(StandardCharsets.UTF_8);
  private static final String SECRET = "whsec_test_secret";
  private static final String OTHER_SECRET = "whsec_other_secret";
  private static final long T = 1_700_000_000L;
  private static final String CONTRACT_V1 =
      "0c8670ed117751cc551a20e35839447075c42800ea3cf3e8a2fbda99cd1e6edd";
  private static final String CONTRACT_HEADER = "t=1700000000,v1=" + CONTRACT_V1;
  private static final Duration TOLERANCE = StripeSignature.DEFAULT_TOLERANCE;
  private static final Instant NOW = Instant.ofEpochSecond(T + 10);

  private static void verify(String header, byte[] body, List<String> secrets, Instant now)
      throws WebhookRejected {
    StripeSignature.verify(header, body, secrets, TOLERANCE, now);
  }

  private static String sdkSignature(String secret, long t, String body) throws Exception {
    return Webhook.Util.computeHmacSha256(secret, t + "." + body);
  }

  // --- the contract's test vector ---

  @Test
  void signReproducesTheContractVector() {
    assertThat(StripeSignature.sign(BODY, SECRET, T)).isEqualTo(CONTRACT_HEADER);
  }

  @Test
  void contractVectorVerifiesTenSecondsLater() {
    assertThatCode(() -> verify(CONTRACT_HEADER, BODY, List.of(SECRET), NOW))
        .doesNotThrowAnyException();
  }

  @Test
  void stripeSdkComputesTheSameContractVector() throws Exception {
    assertThat(sdkSignature(SECRET, T, BODY_TEXT)).isEqualTo(CONTRACT_V1);
    assertThat(Webhook.Signature.generateSignatureHeader(BODY_TEXT, SECRET, T))
        .isEqualTo(CONTRACT_HEADER);
  }

  // --- cross-checks with Stripe's own SDK ---

  @Test
  void signatureComputedBySdkVerifies() throws Exception {
    String body = "{\"id\":\"evt_sdk\",\"type\":\"charge.refunded\",\"note\":\"é€\"}";
    String header = "t=" + T + ",v1=" + sdkSignature(SECRET, T, body);

    assertThatCode(
            () -> verify(header, body.getBytes(StandardCharsets.UTF_8), List.of(SECRET), NOW))
        .doesNotThrowAnyException();
  }

  @Test
  void headerGeneratedBySdkAtTheCurrentTimeVerifies() throws Exception {
    long sdkNow = Webhook.Util.getTimeNow();
    String header = Webhook.Signature.generateSignatureHeader(BODY_TEXT, SECRET, sdkNow);

    Instant oneSecondLater = Instant.ofEpochSecond(sdkNow).plusSeconds(1);

    assertThatCode(() -> verify(header, BODY, List.of(SECRET), oneSecondLater))
        .doesNotThrowAnyException();
  }

  @Test
  void ourSignatureVerifiesWithTheSdk() throws Exception {
    String body = "{\"id\":\"evt_ours\",\"object\":\"event\",\"amount\":2500}";
    String header = StripeSignature.sign(body.getBytes(StandardCharsets.UTF_8), SECRET, T);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    assertThat(Webhook.Signature.verifyHeader(body, header, SECRET, 300, clock)).isTrue();
  }

  static Stream<Arguments> headersBothShouldJudgeAlike() throws Exception {
    String good = sdkSignature(SECRET, T, BODY_TEXT);
    String wrong = sdkSignature(OTHER_SECRET, T, BODY_TEXT);
    long stale = T - 301;
    long future = T + 3600;
    return Stream.of(
        Arguments.of("valid", "t=" + T + ",v1=" + good, true),
        Arguments.of("wrong secret", "t=" + T + ",v1=" + wrong, false),
        Arguments.of("wrong then right", "t=" + T + ",v1=" + wrong + ",v1=" + good, true),
        Arguments.of("right then wrong", "t=" + T + ",v1=" + good + ",v1=" + wrong, true),
        Arguments.of("v0 only", "t=" + T + ",v0=" + good, false),
        Arguments.of("v0 and v1", "t=" + T + ",v0=" + wrong + ",v1=" + good, true),
        Arguments.of("space before v1", "t=" + T + ", v1=" + good, false),
        Arguments.of("space after v1=", "t=" + T + ",v1= " + good, false),
        Arguments.of("space after the signature", "t=" + T + ",v1=" + good + " ", false),
        Arguments.of("upper-case hex", "t=" + T + ",v1=" + good.toUpperCase(), false),
        Arguments.of(
            "stale", "t=" + stale + ",v1=" + sdkSignature(SECRET, stale, BODY_TEXT), false),
        Arguments.of(
            "future", "t=" + future + ",v1=" + sdkSignature(SECRET, future, BODY_TEXT), true),
        Arguments.of("no t", "v1=" + good, false),
        Arguments.of("first t wins", "t=" + T + ",t=" + (T + 1) + ",v1=" + good, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headersBothShouldJudgeAlike")
  void acceptsExactlyWhatTheSdkAccepts(String name, String header, boolean accepted) {
    Clock clock = Clock.fixed(Instant.ofEpochSecond(T), ZoneOffset.UTC);
    boolean sdk;
    try {
      sdk = Webhook.Signature.verifyHeader(BODY_TEXT, header, SECRET, 300, clock);
    } catch (SignatureVerificationException e) {
      sdk = false;
    }
    boolean ours;
    try {
      verify(header, BODY, List.of(SECRET), Instant.ofEpochSecond(T));
      ours = true;
    } catch (WebhookRejected e) {
      ours = false;
    }

    assertThat(sdk).as("Stripe SDK").isEqualTo(accepted);
    assertThat(ours).as("ours").isEqualTo(accepted);
  }

  // --- behaviour ---

  @Test
  void anyOfSeveralV1SignaturesMayMatch() {
    String wrong = StripeSignature.sign(BODY, OTHER_SECRET, T).substring("t=1700000000,".length());
    String header = "t=" + T + "," + wrong + ",v1=" + CONTRACT_V1;

    assertThatCode(() -> verify(header, BODY, List.of(SECRET), NOW)).doesNotThrowAnyException();
  }

  @Test
  void onlyV0IsRefusedForTheMissingScheme() {
    assertThatThrownBy(() -> verify("t=" + T + ",v0=" + CONTRACT_V1, BODY, List.of(SECRET), NOW))
        .isInstanceOf(WebhookRejected.class)
        .hasMessageContaining("expected scheme");
  }

  @Test
  void wrongSecretIsRefused() {
    assertThatThrownBy(() -> verify(CONTRACT_HEADER, BODY, List.of(OTHER_SECRET), NOW))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("no signature matches the configured secret")
        .satisfies(e -> assertThat(((WebhookRejected) e).status()).isEqualTo(400));
  }

  @Test
  void timestampOlderThanTheToleranceIsRefused() {
    Instant now = Instant.ofEpochSecond(T + 301);

    assertThatThrownBy(() -> verify(CONTRACT_HEADER, BODY, List.of(SECRET), now))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("timestamp outside the tolerance (300 s)");
  }

  @Test
  void timestampExactlyAtTheToleranceIsAccepted() {
    Instant now = Instant.ofEpochSecond(T + 300);

    assertThatCode(() -> verify(CONTRACT_HEADER, BODY, List.of(SECRET), now))
        .doesNotThrowAnyException();
  }

  @Test
  void timestampInTheFutureIsAcceptedAsTheSdkDoes() {
    Instant now = Instant.ofEpochSecond(T - 3600);

    assertThatCode(() -> verify(CONTRACT_HEADER, BODY, List.of(SECRET), now))
        .doesNotThrowAnyException();
  }

  @Test
  void zeroNegativeOrNoToleranceDisablesTheAgeCheck() {
    Instant muchLater = Instant.ofEpochSecond(T).plus(Duration.ofDays(365));

    for (Duration tolerance : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), null}) {
      assertThatCode(
              () ->
                  StripeSignature.verify(
                      CONTRACT_HEADER, BODY, List.of(SECRET), tolerance, muchLater))
          .as("tolerance %s", tolerance)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void customToleranceIsNamedInTheRejection() {
    Instant now = Instant.ofEpochSecond(T + 61);

    assertThatThrownBy(
            () ->
                StripeSignature.verify(
                    CONTRACT_HEADER, BODY, List.of(SECRET), Duration.ofSeconds(60), now))
        .hasMessage("timestamp outside the tolerance (60 s)");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void missingHeaderIsRefused(String header) {
    assertThatThrownBy(() -> verify(header, BODY, List.of(SECRET), NOW))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("missing Stripe-Signature header");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "v1=" + CONTRACT_V1,
        "garbage",
        ",,,",
        "t=,v1=" + CONTRACT_V1,
        "t=abc,v1=" + CONTRACT_V1,
        "t= 1700000000,v1=" + CONTRACT_V1,
        "t=1700000000 ,v1=" + CONTRACT_V1,
        "t=0,v1=" + CONTRACT_V1,
        "t=-5,v1=" + CONTRACT_V1,
        "t,v1=" + CONTRACT_V1,
        "T=1700000000,v1=" + CONTRACT_V1,
        " t=1700000000,v1=" + CONTRACT_V1
      })
  void headerWithoutAUsableTimestampIsRefused(String header) {
    assertThatThrownBy(() -> verify(header, BODY, List.of(SECRET), NOW))
        .isInstanceOf(WebhookRejected.class)
        .hasMessageStartingWith("Unable to extract timestamp");
  }

  @ParameterizedTest
  @ValueSource(strings = {"t=1700000000", "t=1700000000,", "t=1700000000,v1", "t=1700000000,x=y"})
  void headerWithoutV1IsRefused(String header) {
    assertThatThrownBy(() -> verify(header, BODY, List.of(SECRET), NOW))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("No signatures found with expected scheme v1");
  }

  @Test
  void anyConfiguredSecretMayMatchWhileRolling() {
    String header = StripeSignature.sign(BODY, "whsec_new_secret", T);

    assertThatCode(() -> verify(header, BODY, List.of(SECRET, "whsec_new_secret"), NOW))
        .doesNotThrowAnyException();
  }

  @Test
  void theFirstOfTwoConfiguredSecretsMayMatchToo() {
    String header = CONTRACT_HEADER + ",v1=" + "0".repeat(64);

    assertThatCode(() -> verify(header, BODY, List.of(SECRET, "whsec_new_secret"), NOW))
        .doesNotThrowAnyException();
  }

  @Test
  void tamperedBodyIsRefused() {
    byte[] tampered = BODY.clone();
    tampered[8] ^= 1; // evt_1 -> evt_0

    assertThatThrownBy(() -> verify(CONTRACT_HEADER, tampered, List.of(SECRET), NOW))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("no signature matches the configured secret");
  }

  @Test
  void rawBodyBytesAreSignedUnchangedEvenWhenNotUtf8() {
    byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'};
    String header = StripeSignature.sign(body, SECRET, T);

    assertThatCode(() -> verify(header, body, List.of(SECRET), NOW)).doesNotThrowAnyException();
    byte[] reencoded = new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> verify(header, reencoded, List.of(SECRET), NOW))
        .isInstanceOf(WebhookRejected.class);
  }

  @Test
  void noSecretConfiguredIsAProgrammingError() {
    assertThatThrownBy(() -> verify(CONTRACT_HEADER, BODY, List.of(), NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectionsNeverRevealTheSecretOrTheExpectedSignature() {
    String expectedNow = StripeSignature.sign(BODY, SECRET, T).substring(14);
    String[] headers = {
      null,
      "t=" + T,
      "t=" + T + ",v0=abc",
      "t=" + T + ",v1=deadbeef",
      "v1=deadbeef",
      StripeSignature.sign(BODY, OTHER_SECRET, T),
      CONTRACT_HEADER
    };
    Instant[] nows = {NOW, Instant.ofEpochSecond(T + 10_000)};
    for (String header : headers) {
      for (Instant now : nows) {
        try {
          verify(header, BODY, List.of(SECRET), now);
        } catch (WebhookRejected e) {
          assertThat(e.getMessage())
              .as(header)
              .doesNotContain(SECRET)
              .doesNotContain("whsec_")
              .doesNotContain(expectedNow)
              .doesNotContain(CONTRACT_V1);
          assertThat(e.title()).isEqualTo("Invalid signature");
        }
      }
    }
  }
}
