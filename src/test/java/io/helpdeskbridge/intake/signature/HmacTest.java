package io.helpdeskbridge.intake.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HmacTest {

  private static final byte[] BODY =
      "{\"id\":\"evt_1\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void rfc4231CaseTwoInHexAndBase64() {
    byte[] mac = Hmac.sha256(utf8("Jefe"), utf8("what do ya want for nothing?"));

    assertThat(Hmac.hex(mac))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assertThat(Hmac.base64(mac)).isEqualTo("W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
  }

  @Test
  void shopifyVectorFromTheContractIsBase64OfTheBodyMac() {
    assertThat(Hmac.base64(Hmac.sha256(utf8("shpss_test_secret"), BODY)))
        .isEqualTo("PVLwnu1YHzpGLn2MwNKXb7Ul1ju5gfmLeM65DvA9/S8=");
  }

  @Test
  void easyPostVectorFromTheContractIsLowerCaseHexOfTheBodyMac() {
    assertThat(Hmac.hex(Hmac.sha256(utf8("ep_test_secret"), BODY)))
        .isEqualTo("780a278ebb14d0ac3c4afa4914a2c9f6378368e65728e53dae69559b5019a576");
  }

  @Test
  void hexIsLowerCaseAndZeroPadded() {
    assertThat(Hmac.hex(new byte[] {0x00, 0x0f, (byte) 0xab, (byte) 0xff})).isEqualTo("000fabff");
    assertThat(Hmac.hex(new byte[0])).isEmpty();
  }

  @Test
  void base64UsesTheStandardAlphabetWithPadding() {
    assertThat(Hmac.base64(new byte[] {(byte) 0xfb, (byte) 0xff, 0x00})).isEqualTo("+/8A");
    assertThat(Hmac.base64(new byte[] {0x01})).isEqualTo("AQ==");
  }

  @Test
  void emptyKeyIsRefused() {
    assertThatThrownBy(() -> Hmac.sha256(new byte[0], BODY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constantTimeEqualsComparesWholeStrings() {
    assertThat(Hmac.constantTimeEquals("abc123", "abc123")).isTrue();
    assertThat(Hmac.constantTimeEquals("", "")).isTrue();
    assertThat(Hmac.constantTimeEquals("abc123", "abc124")).isFalse();
    assertThat(Hmac.constantTimeEquals("abc123", "abc12")).isFalse();
    assertThat(Hmac.constantTimeEquals("abc", "ABC")).isFalse();
    assertThat(Hmac.constantTimeEquals("é", "e")).isFalse();
  }

  @Test
  void constantTimeEqualsNeverMatchesNull() {
    assertThat(Hmac.constantTimeEquals(null, "a")).isFalse();
    assertThat(Hmac.constantTimeEquals("a", null)).isFalse();
    assertThat(Hmac.constantTimeEquals(null, null)).isFalse();
  }
}
