package io.helpdeskbridge.plugin.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The shipped refund and shipment-exception mappings, unchanged, produce the right HubSpot requests. */
class HubSpotDefaultMappingsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HubSpotStub stub = new HubSpotStub();
  private final ChangeRenderer renderer = new ChangeRenderer();

  @AfterEach
  void stop() {
    stub.close();
  }

  private static Mapping mapping(String name) throws Exception {
    String file = "mappings/" + name + ".yaml";
    return new MappingLoader().load(List.of(new BridgeHome.ConfigFile(name + ".yaml", file, Files.readString(Path.of(file)))))
        .get(name);
  }

  private HubSpotConnection connection() {
    return stub.connect(Map.of("tags-property", "bridge_tags"));
  }

  @Test
  void refundIssuedPatchesStatusFieldAndTagsThenAddsTheInternalNote() throws Exception {
    stub.server.stubFor(get(urlPathEqualTo("/crm/v3/objects/tickets/4242"))
        .willReturn(okJson(HubSpotStub.ticket("4242", "\"bridge_tags\":\"vip;refund_pending\""))));
    stub.server.stubFor(patch(urlPathEqualTo("/crm/v3/objects/tickets/4242")).willReturn(okJson(HubSpotStub.ticket("4242", ""))));
    stub.server.stubFor(post(urlPathEqualTo("/crm/v3/objects/notes")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"9001\",\"properties\":{}}")));
    RefundIssued refund = new RefundIssued("stripe", "evt_1", Instant.parse("2026-11-24T03:00:00Z"), OrderRef.ofOrder("1001"),
        "charge.refunded", Money.of(2500, "usd"), "re_1", "ch_1", null, true);
    String marker = "[helpdesk-bridge stripe/evt_1 refund-issued]";

    TicketChange change = renderer.render(mapping("refund-issued"), refund);
    connection().apply(new TicketRef("hubspot", "4242"), change, marker);

    assertThat(stub.calls()).containsExactly("GET /crm/v3/objects/tickets/4242?properties=bridge_tags",
        "PATCH /crm/v3/objects/tickets/4242", "POST /crm/v3/objects/notes");
    stub.server.verify(patchRequestedFor(urlPathEqualTo("/crm/v3/objects/tickets/4242")).withRequestBody(equalToJson(
        "{\"properties\":{\"order_status\":\"refunded\",\"bridge_tags\":\"vip;refund_issued\"}}")));
    JsonNode note = JSON.readTree(stub.requests().get(2).getBodyAsString());
    assertThat(note.at("/properties/hs_note_body").asText()).startsWith("Refund of ").contains("order 1001", "re_1",
        "Reason: not given", marker);
    assertThat(note.at("/associations/0/to/id").asText()).isEqualTo("4242");
    assertThat(note.at("/associations/0/types/0/associationTypeId").asInt()).isEqualTo(228);
  }

  @Test
  void shipmentExceptionCreatesAHighPriorityTicketWithTheFieldAndNote() throws Exception {
    stub.server.stubFor(post(urlPathEqualTo("/crm/v3/objects/tickets/search")).willReturn(okJson(HubSpotStub.results())));
    stub.server.stubFor(post(urlPathEqualTo("/crm/v3/objects/tickets")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody(HubSpotStub.ticket("777", "\"subject\":\"x\""))));
    stub.server.stubFor(post(urlPathEqualTo("/crm/v3/objects/notes")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"9002\",\"properties\":{}}")));
    ShipmentException ex = new ShipmentException("aftership", "evt_9", Instant.parse("2026-11-24T03:00:00Z"),
        new OrderRef("1001", null, "c@x.test", null, "1Z999", "ups"), "tracking_update", "ups", "1Z999", "returned",
        "Address unknown", "Berlin", null);
    String marker = "[helpdesk-bridge aftership/evt_9 shipment-exception]";
    Mapping m = mapping("shipment-exception");

    TicketChange change = renderer.render(m, ex);
    NewTicket ticket = renderer.newTicket(m, ex, change, marker);
    TicketRef ref = connection().create(ticket, "hubspot:" + marker);

    assertThat(ref.id()).isEqualTo("777");
    assertThat(stub.calls()).containsExactly("POST /crm/v3/objects/tickets/search", "POST /crm/v3/objects/tickets",
        "POST /crm/v3/objects/notes");
    JsonNode created = JSON.readTree(stub.requests().get(1).getBodyAsString()).path("properties");
    assertThat(created.path("subject").asText()).isEqualTo("Shipment problem: ups parcel 1Z999 (order 1001)");
    assertThat(created.path("hs_ticket_priority").asText()).isEqualTo("HIGH");
    assertThat(created.path("hs_pipeline").asText()).isEqualTo("0");
    assertThat(created.path("hs_pipeline_stage").asText()).isEqualTo("1");
    assertThat(created.path("order_number").asText()).isEqualTo("1001");
    assertThat(created.path("shipment_status").asText()).isEqualTo("exception");
    assertThat(created.path("bridge_tags").asText()).isEqualTo("shipment_exception");
    assertThat(created.path("content").asText()).contains("\"returned\"", "Address unknown", "Berlin", marker);
    stub.server.verify(postRequestedFor(urlPathEqualTo("/crm/v3/objects/notes")).withRequestBody(equalToJson(
        "{\"associations\":[{\"to\":{\"id\":\"777\"},\"types\":[{\"associationCategory\":\"HUBSPOT_DEFINED\","
            + "\"associationTypeId\":228}]}]}", true, true)));
  }
}
