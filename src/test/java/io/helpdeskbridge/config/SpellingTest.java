package io.helpdeskbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingTest {
  static final List<String> KNOWN = List.of("webhook-secret", "api-key", "api-base", "tolerance-seconds");

  @Test
  void aTypoFindsTheSettingItMeant() {
    assertThat(Spelling.nearest("webhook-secrt", KNOWN)).isEqualTo("webhook-secret");
    assertThat(Spelling.nearest("api_key", KNOWN)).isEqualTo("api-key");
    assertThat(Spelling.nearest("tolerance-second", KNOWN)).isEqualTo("tolerance-seconds");
  }

  @Test
  void somethingElseEntirelyFindsNothing() {
    assertThat(Spelling.nearest("shop-domain", KNOWN)).isNull();
    assertThat(Spelling.nearest("x", KNOWN)).isNull();
  }
}
