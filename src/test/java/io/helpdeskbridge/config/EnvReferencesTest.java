package io.helpdeskbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvReferencesTest {

  private final List<String> missing = new ArrayList<>();

  private String resolve(Map<String, String> env, String value) {
    return new EnvReferences(env).resolve(value, missing::add);
  }

  @Test
  void requiredReferenceIsReplacedWhenSet() {
    assertThat(resolve(Map.of("ZENDESK_URL", "https://acme.zendesk.com"), "${env:ZENDESK_URL}"))
        .isEqualTo("https://acme.zendesk.com");
    assertThat(missing).isEmpty();
  }

  @Test
  void requiredReferenceThatIsUnsetIsReportedByNameAndBecomesEmpty() {
    assertThat(resolve(Map.of(), "${env:ZENDESK_EMAIL}")).isEmpty();
    assertThat(missing).containsExactly("ZENDESK_EMAIL");
  }

  @Test
  void requiredReferenceSetToEmptyCountsAsMissing() {
    assertThat(resolve(Map.of("ZENDESK_EMAIL", ""), "${env:ZENDESK_EMAIL}")).isEmpty();
    assertThat(missing).containsExactly("ZENDESK_EMAIL");
  }

  @Test
  void optionalReferenceUsesItsDefaultWhenUnset() {
    assertThat(resolve(Map.of(), "${env:STRIPE_TOLERANCE_SECONDS:-300}")).isEqualTo("300");
    assertThat(missing).isEmpty();
  }

  @Test
  void optionalReferenceUsesItsDefaultWhenSetToEmpty() {
    assertThat(resolve(Map.of("STRIPE_TOLERANCE_SECONDS", ""), "${env:STRIPE_TOLERANCE_SECONDS:-300}")).isEqualTo("300");
  }

  @Test
  void optionalReferencePrefersTheVariable() {
    assertThat(resolve(Map.of("STRIPE_TOLERANCE_SECONDS", "60"), "${env:STRIPE_TOLERANCE_SECONDS:-300}")).isEqualTo("60");
  }

  @Test
  void emptyDefaultGivesAnEmptyValueWithoutReporting() {
    assertThat(resolve(Map.of(), "${env:STRIPE_WEBHOOK_SECRET:-}")).isEmpty();
    assertThat(missing).isEmpty();
  }

  @Test
  void defaultMayHoldColonsAndSlashes() {
    assertThat(resolve(Map.of(), "${env:URL:-http://localhost:8080/x}")).isEqualTo("http://localhost:8080/x");
  }

  @Test
  void severalReferencesInOneValue() {
    String v = resolve(Map.of("HOST", "acme", "PORT", "8443"),
        "https://${env:HOST}.example.com:${env:PORT}/${env:PATH_PART:-api}/${env:USER_ID}");

    assertThat(v).isEqualTo("https://acme.example.com:8443/api/");
    assertThat(missing).containsExactly("USER_ID");
  }

  @Test
  void everyMissingVariableIsReportedInOrder() {
    resolve(Map.of(), "${env:B}-${env:A}");

    assertThat(missing).containsExactly("B", "A");
  }

  @Test
  void valueWithoutReferencesIsUnchanged() {
    assertThat(resolve(Map.of("X", "y"), "plain $X ${X} {env:X} text")).isEqualTo("plain $X ${X} {env:X} text");
    assertThat(resolve(Map.of(), "")).isEmpty();
    assertThat(resolve(Map.of(), null)).isNull();
    assertThat(missing).isEmpty();
  }

  @Test
  void dollarsAndBackslashesInValuesAreCopiedLiterally() {
    assertThat(resolve(Map.of("SECRET", "a$1\\b$"), "[${env:SECRET}]")).isEqualTo("[a$1\\b$]");
    assertThat(resolve(Map.of(), "${env:X:-$0}")).isEqualTo("$0");
  }

  @Test
  void isSetMeansPresentAndNotEmpty() {
    EnvReferences env = new EnvReferences(Map.of("A", "1", "B", ""));

    assertThat(env.isSet("A")).isTrue();
    assertThat(env.isSet("B")).isFalse();
    assertThat(env.isSet("C")).isFalse();
  }
}
