package io.helpdeskbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.ticket.DryRunSink;
import io.helpdeskbridge.yaml.Problem;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the harness (behind validate, try and route reload) reports about a file, and on which line. */
class RouteHarnessTest {
  static RouteHarness harness() {
    return new RouteHarness(new DryRunSink(LiveRoutes.MAPPINGS, Set.of()), Set.of("stripe", "shopify")::contains, LiveRoutes.MAPPINGS);
  }

  @Test
  void aRouteIdGivenInTwoFilesIsReportedOnTheSecondFilesIdLine() {
    try (RouteHarness h = harness()) {
      assertThat(h.load("routes/a.yaml", "- route:\n    id: shared\n    from:\n      uri: direct:a\n      steps:\n        - log: a\n")).isEmpty();

      // Camel itself would let the second replace the first without a word
      assertThat(h.load("routes/b.yaml", "# b\n- route:\n    from:\n      uri: direct:b\n      steps:\n        - log: b\n    id: shared\n"))
          .contains(new Problem("routes/b.yaml", 7, "route id 'shared' is already taken by routes/a.yaml; route ids must be unique"));
    }
  }

  @Test
  void anUnknownComponentIsReportedOnTheLineOfItsUri() {
    try (RouteHarness h = harness()) {
      assertThat(h.load("routes/a.yaml", "# uses tickett:default in a comment\n- route:\n    from:\n      uri: webhook:stripe\n"
          + "      steps:\n        - to: tickett:default?mapping=refund-issued\n"))
          .hasValueSatisfying(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).startsWith("No endpoint could be found for: tickett://default?mapping=refund-issued");
          });
    }
  }

  @Test
  void theIdLineIsFoundWhateverTheQuoting() {
    String text = "- route:\n    id: \"stripe\"\n- route:\n    id: 'other'  # comment\n";
    assertThat(RouteHarness.lineOfId(text, "stripe")).isEqualTo(2);
    assertThat(RouteHarness.lineOfId(text, "other")).isEqualTo(4);
    assertThat(RouteHarness.lineOfId(text, "missing")).isEqualTo(1);
  }
}
