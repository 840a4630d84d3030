package io.helpdeskbridge.plugin.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.spi.HelpdeskConnection;
import io.helpdeskbridge.spi.HelpdeskConnection.Lookup;
import io.helpdeskbridge.spi.HelpdeskException;
import io.helpdeskbridge.spi.NewTicket;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import io.helpdeskbridge.testing.ZendeskStandIn;
import io.helpdeskbridge.testing.ZendeskStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Incidents linked to a problem ticket: the PUT Zendesk receives ({@code type}, {@code problem_id})
 * against the WireMock stub, and the whole round trip against the stateful stand-in.
 */
class ZendeskLinksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MARKER = "[helpdesk-bridge easypost/evt_9 shipment-exception]";
  private static final TicketRef TICKET = new TicketRef("zendesk", "4242");

  private final ZendeskStub stub = new ZendeskStub();

  @AfterEach
  void stop() {
    stub.close();
  }

  private static HelpdeskConnection connect(String url) {
    return new ZendeskConnection(new ZendeskConfig("zendesk", url + "/api/v2", ZendeskStub.EMAIL, ZendeskStub.TOKEN,
        Map.of("order_id", ZendeskStub.ORDER_FIELD, "shipment_status", "360000333444"),
        Duration.ofSeconds(5), Duration.ofSeconds(10)));
  }

  private JsonNode onlyPut() throws Exception {
    assertThat(stub.puts(4242)).as("one PUT for the whole change").hasSize(1);
    return JSON.readTree(stub.puts(4242).get(0).getBodyAsString()).path("ticket");
  }

  @Test
  void aLinkWithoutANoteIsStillOneSafePut() throws Exception {
    stub.ticketForOrder("1001", 4242, "vip");
    stub.updatesSucceed(4242, "vip");

    try (HelpdeskConnection zd = connect(stub.url())) {
      zd.apply(TICKET, TicketChange.incidentOf("501"), MARKER);
    }

    JsonNode t = onlyPut();
    assertThat(t.path("type").asText()).isEqualTo("incident");
    assertThat(t.path("problem_id").isIntegralNumber()).as("problem_id is a number: %s", t).isTrue();
    assertThat(t.path("problem_id").asLong()).isEqualTo(501);
    assertThat(t.has("comment")).isFalse();
    assertThat(t.has("tags")).as("tags unchanged, so not sent").isFalse();
    assertThat(t.path("safe_update").asBoolean()).isTrue();
  }

  @Test
  void theLinkRidesInTheSamePutAsTheNoteFieldsAndTags() throws Exception {
    stub.ticketForOrder("1001", 4242, "vip");
    stub.updatesSucceed(4242, "vip", "carrier_incident");

    try (HelpdeskConnection zd = connect(stub.url())) {
      zd.apply(TICKET, new TicketChange("Your parcel is delayed by a carrier incident.", false, List.of("carrier_incident"),
          List.of(), Map.of("shipment_status", "exception"), "high", null, "incident", "501"), MARKER);
    }

    JsonNode t = onlyPut();
    assertThat(t.path("type").asText()).isEqualTo("incident");
    assertThat(t.path("problem_id").asLong()).isEqualTo(501);
    assertThat(t.path("comment").path("body").asText()).endsWith(MARKER);
    assertThat(t.path("tags")).extracting(JsonNode::asText).containsExactly("vip", "carrier_incident");
    assertThat(t.path("custom_fields").get(0).path("id").asLong()).isEqualTo(360000333444L);
    assertThat(t.path("priority").asText()).isEqualTo("high");
  }

  @Test
  void aProblemIdWithoutATypeMakesTheTicketAnIncident() throws Exception {
    stub.ticketForOrder("1001", 4242);
    stub.updatesSucceed(4242);

    try (HelpdeskConnection zd = connect(stub.url())) {
      zd.apply(TICKET, new TicketChange(null, false, null, null, null, null, null, null, "501"), MARKER);
    }

    JsonNode t = onlyPut();
    assertThat(t.path("type").asText()).isEqualTo("incident");
    assertThat(t.path("problem_id").asLong()).isEqualTo(501);
  }

  @Test
  void aChangeWithoutALinkLeavesTypeAndProblemAlone() throws Exception {
    stub.ticketForOrder("1001", 4242);
    stub.updatesSucceed(4242);

    try (HelpdeskConnection zd = connect(stub.url())) {
      zd.apply(TICKET, new TicketChange("Refund issued.", false, null, null, null, null, null), MARKER);
    }

    // a "type": null would clear an agent's ticket type
    JsonNode t = onlyPut();
    assertThat(t.has("type")).as("no type key in %s", t).isFalse();
    assertThat(t.has("problem_id")).as("no problem_id key in %s", t).isFalse();
  }

  @Test
  void aProblemIdThatIsNoZendeskTicketIsPermanentAndSendsNothing() throws Exception {
    stub.ticketForOrder("1001", 4242);
    stub.updatesSucceed(4242);

    HelpdeskException e;
    try (HelpdeskConnection zd = connect(stub.url())) {
      e = catchThrowableOfType(HelpdeskException.class, () -> zd.apply(TICKET, TicketChange.incidentOf("500Kx00000AbCdE"), MARKER));
    }

    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.PERMANENT);
    assertThat(e.getMessage()).contains("500Kx00000AbCdE");
    assertThat(stub.puts(4242)).isEmpty();
  }

  @Test
  void aProblemTicketIsCreatedWithTypeProblem() throws Exception {
    stub.createsTicket(9001);

    try (HelpdeskConnection zd = connect(stub.url())) {
      TicketRef created = zd.create(new NewTicket("UPS delays in the north-east", "Several parcels are late.", false, null, null,
          "incident-ups-ne", List.of("carrier_incident"), "problem", null, Map.of()), "idem-problem-1");
      assertThat(created.id()).isEqualTo("9001");
    }

    assertThat(stub.creates()).hasSize(1);
    JsonNode t = JSON.readTree(stub.creates().get(0).getBodyAsString()).path("ticket");
    assertThat(t.path("type").asText()).isEqualTo("problem");
    assertThat(t.has("problem_id")).isFalse();
  }

  @Test
  void aSeededTicketBecomesAnIncidentOfTheProblemTheBridgeCreated() throws Exception {
    try (ZendeskStandIn zendesk = new ZendeskStandIn(); HelpdeskConnection zd = connect(zendesk.url())) {
      long customer = zendesk.seedTicket("Where is my parcel?", "It has not moved for a week.", "ann@example.com", "shipping");
      zendesk.seedField(customer, ZendeskStub.ORDER_FIELD, "1001-A");

      TicketRef found = zd.find(new Lookup("field:order_id", "1001-A")).orElseThrow();
      TicketRef problem = zd.create(new NewTicket("UPS delays", "Parcels late in the north-east.", false, null, null,
          "incident-ups-ne", List.of("carrier_incident"), "problem", null, Map.of()), "idem-problem-1");
      // a retried create finds the first ticket, as Zendesk's Idempotency-Key does
      assertThat(zd.create(new NewTicket("UPS delays", "Parcels late in the north-east.", false, null, null,
          "incident-ups-ne", List.of("carrier_incident"), "problem", null, Map.of()), "idem-problem-1")).isEqualTo(problem);
      zd.apply(found, TicketChange.incidentOf(problem.id()), MARKER);

      assertThat(found.id()).isEqualTo(String.valueOf(customer));
      long problemId = Long.parseLong(problem.id());
      assertThat(zendesk.creates()).isEqualTo(1);
      assertThat(zendesk.ticketsOfType("problem")).containsExactly(problemId);
      assertThat(zendesk.ticketsOfType("incident")).containsExactly(customer);
      assertThat(zendesk.type(customer)).isEqualTo("incident");
      assertThat(zendesk.problemId(customer)).isEqualTo(problemId);
      assertThat(zendesk.problemId(problemId)).isNull();
      assertThat(zendesk.tickets()).containsExactly(customer, problemId);
      assertThat(zendesk.field(customer, ZendeskStub.ORDER_FIELD)).isEqualTo("1001-A");
      assertThat(zendesk.tags(customer)).containsExactly("shipping");
      assertThat(zendesk.tags(problemId)).containsExactly("carrier_incident");
      assertThat(zendesk.requesterEmail(customer)).isEqualTo("ann@example.com");
      assertThat(zendesk.comments(customer)).containsExactly("It has not moved for a week.");
      assertThat(zendesk.comments(problemId)).containsExactly("Parcels late in the north-east.");
      // an order number nobody seeded is still its own ticket, as before
      assertThat(zd.find(new Lookup("field:order_id", "77"))).contains(new TicketRef("zendesk", "77"));
      assertThat(zd.find(new Lookup("field:order_id", "no-such-order"))).isEmpty();
      assertThat(zd.find(new Lookup("external_id", "incident-ups-ne"))).contains(problem);
      assertThat(zd.find(new Lookup("external_id", "incident-elsewhere"))).isEmpty();
    }
  }
}
