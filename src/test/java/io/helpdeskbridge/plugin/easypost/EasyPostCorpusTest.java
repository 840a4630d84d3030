package io.helpdeskbridge.plugin.easypost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.event.OrderEvent;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What each EasyPost payload of the vendor contract corpus means, so a corpus file says what its
 * README row claims before the approved outputs show the ticket: the event it gives and the words
 * an agent reads in it.
 */
class EasyPostCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "tracker.created.pre-transit.json | - | -",
        "tracker.updated.in-transit.json | - | -",
        "tracker.updated.out-for-delivery.json | - | -",
        "tracker.updated.available-for-pickup.json | - | -",
        "tracker.updated.estimate-earlier.json | - | -",
        "tracker.updated.delivered.no-estimate-null-location.json | ShipmentDelivered | -",
        "tracker.updated.delivered.estimate-later.json | ShipmentDelivered | -",
        "tracker.updated.failure-lost.json | ShipmentException | FedEx 794644790132 is undeliverable (lost)",
        "tracker.updated.return-refused.json | ShipmentException"
            + " | DHL Express 1234567890 is being returned to the sender (refused by the recipient)",
        "tracker.updated.error.json | ShipmentException | USPS EZ9999999999 is not trackable (carrier error)",
        "tracker.updated.weather-delay.json | ShipmentDelayed | USPS 9400111202555842761023 now 2026-11-22T00:00:00Z",
      })
  void eachCorpusPayloadMeansWhatItsReadmeSays(String file, String type, String words) throws IOException {
    List<OrderEvent> events = EasyPostNormalizer.normalize(payload(file), Instant.parse("2026-11-30T00:00:00Z"));

    if (type == null) {
      assertThat(events).isEmpty();
      return;
    }
    assertThat(events).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo(type));
    if (words != null) {
      assertThat(summary(events.get(0))).isEqualTo(words);
    }
  }

  private static String summary(OrderEvent e) {
    if (e instanceof io.helpdeskbridge.event.ShipmentException x) {
      return x.carrier() + " " + x.trackingNumber() + " is " + x.status();
    }
    io.helpdeskbridge.event.ShipmentDelayed d = (io.helpdeskbridge.event.ShipmentDelayed) e;
    return d.carrier() + " " + d.trackingNumber() + " now " + d.newEstimate();
  }

  private static JsonNode payload(String file) throws IOException {
    try (InputStream in = EasyPostCorpusTest.class.getClassLoader().getResourceAsStream("vendor/easypost/" + file)) {
      assertThat(in).as(file).isNotNull();
      return JSON.readTree(in);
    }
  }
}
