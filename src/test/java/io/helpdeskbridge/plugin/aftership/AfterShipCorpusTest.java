package io.helpdeskbridge.plugin.aftership;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.ShipmentDelayed;
import io.helpdeskbridge.event.ShipmentException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What each AfterShip payload of the vendor contract corpus means, so a corpus file says what its
 * README row claims before the approved outputs show the ticket.
 */
class AfterShipCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "tracking_update.out-for-delivery.json | - | -",
        "tracking_update.available-for-pickup.json | - | -",
        "edd_revise.earlier.json | - | -",
        "edd_revise.no-estimate.json | - | -",
        "tracking_update.exception-returned-to-sender.json | ShipmentException"
            + " | UPS 1Z999AA10123450022 is returned to the sender (order 1102)",
        "tracking_update.exception-customs.null-location.json | ShipmentException"
            + " | china post LX123456785CN is delayed in customs (order 1103)",
        "tracking_update.expired.no-order.json | ShipmentException"
            + " | USPS 9261290100830345671234 is no tracking updates for 30 days (order null)",
        "tracking_update.exception.new-subtag.json | ShipmentException"
            + " | FedEx 794644790143 is Held (Awaiting recipient documents) (order 1105)",
        "tracking_update.attempt-fail.v4-legacy.json | ShipmentException"
            + " | USPS 9400111202555842761055 is delivery attempt failed (order 1109)",
        "tracking_update.delivered.v4-legacy.json | ShipmentDelivered | -",
      })
  void eachCorpusPayloadMeansWhatItsReadmeSays(String file, String type, String words) throws IOException {
    List<OrderEvent> events = AfterShipNormalizer.normalize(payload(file));

    if (type == null) {
      assertThat(events).isEmpty();
      return;
    }
    assertThat(events).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo(type));
    if (words != null) {
      ShipmentException x = (ShipmentException) events.get(0);
      assertThat(x.carrier() + " " + x.trackingNumber() + " is " + x.status() + " (order " + x.order().orderId() + ")")
          .isEqualTo(words);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"edd_revise.range.json", "edd_revise.legacy.json"})
  void laterEstimatesAreDelays(String file) throws IOException {
    assertThat(AfterShipNormalizer.normalize(payload(file))).singleElement().isInstanceOf(ShipmentDelayed.class);
  }

  private static JsonNode payload(String file) throws IOException {
    try (InputStream in = AfterShipCorpusTest.class.getClassLoader().getResourceAsStream("vendor/aftership/" + file)) {
      assertThat(in).as(file).isNotNull();
      return JSON.readTree(in);
    }
  }
}
