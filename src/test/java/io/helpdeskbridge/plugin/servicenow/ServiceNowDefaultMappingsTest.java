package io.helpdeskbridge.plugin.servicenow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.helpdeskbridge.plugin.servicenow.ServiceNowStub.CASES;
import static io.helpdeskbridge.plugin.servicenow.ServiceNowStub.SYS_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.RefundIssued;
import io.helpdeskbridge.event.ShipmentException;
import io.helpdeskbridge.mapping.ChangeRenderer;
import io.helpdeskbridge.mapping.Mapping;
import io.helpdeskbridge.mapping.MappingLoader;
import io.helpdeskbridge.spi.NewTicket;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code mappings/refund-issued.yaml} and {@code mappings/shipment-exception.yaml},
 * unchanged, rendered with sample events: the ServiceNow requests they turn into.
 */
class ServiceNowDefaultMappingsTest {
  private final ServiceNowStub stub = new ServiceNowStub();
  private final ChangeRenderer renderer = new ChangeRenderer();

  @AfterEach
  void stop() {
    stub.close();
  }

  private static Mapping mapping(String name) throws Exception {
    String file = "mappings/" + name + ".yaml";
    Map<String, Mapping> loaded = new MappingLoader()
        .load(List.of(new BridgeHome.ConfigFile(name + ".yaml", file, Files.readString(Path.of(file)))));
    return loaded.get(name);
  }

  @Test
  void aFullRefundIsAWorkNoteAndTheOrderStatusColumnWithTagsInTheTagsColumn() throws Exception {
    Mapping m = mapping("refund-issued");
    RefundIssued event = new RefundIssued("stripe", "evt_1", Instant.parse("2026-11-24T03:00:00Z"), OrderRef.ofOrder("1001"),
        "charge.refunded", Money.of(2500, "usd"), "re_1", "ch_1001", null);
    TicketChange change = renderer.render(m, event);
    stub.server.stubFor(get(urlPathEqualTo(CASES + "/" + SYS_ID)).willReturn(okJson("{\"result\":{\"u_tags\":\"refund_pending\"}}")));
    stub.server.stubFor(patch(urlPathEqualTo(CASES + "/" + SYS_ID)).willReturn(okJson("{\"result\":{}}")));

    stub.connect(Map.of("tags-field", "u_tags")).apply(new TicketRef("servicenow", SYS_ID), change, "[marker evt_1]");

    assertThat(change.note()).contains("1001", "re_1");
    String fields = change.fields().containsKey("order_status") ? "\"u_order_status\":\"" + change.fields().get("order_status") + "\"," : "";
    stub.server.verify(patchRequestedFor(urlPathEqualTo(CASES + "/" + SYS_ID)).withRequestBody(equalToJson(
        "{" + fields + "\"u_tags\":\"refund_issued\",\"work_notes\":" + json(change.noteWithMarker("[marker evt_1]")) + "}")));
  }

  @Test
  void aShipmentExceptionOpensACaseWithHighPriorityAndTheShipmentStatusColumn() throws Exception {
    Mapping m = mapping("shipment-exception");
    ShipmentException event = new ShipmentException("aftership", "e1", Instant.parse("2026-11-24T03:00:00Z"),
        new OrderRef("1001", null, "jane@example.com", null, "1Z999", "ups"), "tracking_update", "ups", "1Z999",
        "Exception", "Address not found", null, null);
    TicketChange change = renderer.render(m, event);
    NewTicket ticket = renderer.newTicket(m, event, change, "[marker e1]");
    stub.server.stubFor(get(urlPathEqualTo(CASES)).willReturn(okJson("{\"result\":[]}")));
    stub.server.stubFor(post(urlPathEqualTo(CASES)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"result\":{\"sys_id\":\"" + SYS_ID + "\"}}")));

    TicketRef made = stub.connect().create(ticket, "idem-e1");

    assertThat(made.id()).isEqualTo(SYS_ID);
    assertThat(ticket.subject()).isEqualTo("Shipment problem: ups parcel 1Z999 (order 1001)");
    stub.server.verify(postRequestedFor(urlPathEqualTo(CASES)).withRequestBody(equalToJson(
        "{\"short_description\":\"Shipment problem: ups parcel 1Z999 (order 1001)\",\"description\":" + json(ticket.description())
            + ",\"work_notes\":" + json(ticket.description()) + ",\"priority\":\"2\",\"u_shipment_status\":\"exception\","
            + "\"u_order_number\":\"1001\",\"correlation_id\":\"idem-e1\"}")));
    assertThat(ticket.description()).contains("Address not found").endsWith("[marker e1]");
  }

  private static String json(String s) {
    return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(s).toString();
  }
}
