package io.helpdeskbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helpdeskbridge.plugin.sandbox.SandboxHelpdesk;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.HelpdeskConnection;
import io.helpdeskbridge.spi.HelpdeskConnection.Lookup;
import io.helpdeskbridge.spi.HelpdeskContext;
import io.helpdeskbridge.spi.HelpdeskException;
import io.helpdeskbridge.spi.NewTicket;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sandbox helpdesk keeps its tickets in the store's {@code sandbox_*} tables, so its SQL is
 * checked here, on every database the store runs on.
 */
class SandboxTablesTest extends StoreTestSupport {

  private HelpdeskConnection sandbox(boolean autoCreate) {
    return new SandboxHelpdesk().connect(
        ConnectorSettings.of("sandbox", Map.of("auto-create-tickets", String.valueOf(autoCreate))),
        new HelpdeskContext(store.dataSource()));
  }

  private static NewTicket ticket(String orderId) {
    return new NewTicket("Refund for order " + orderId, "Refund issued.\n\nbridge:stripe:evt_1", false, "ann@example.com",
        orderId, "ext-" + orderId, List.of("refund_issued"), null, null, Map.of());
  }

  private Map<String, Object> row(TicketRef ref) {
    return jdbc().one("select status, priority, tags, fields from sandbox_ticket where id = ?",
        rs -> Map.<String, Object>of("status", rs.getString(1), "priority", String.valueOf(rs.getString(2)),
            "tags", rs.getString(3), "fields", rs.getString(4)),
        Long.parseLong(ref.id())).orElseThrow();
  }

  @Test
  void aCreatedTicketIsFoundByOrderAndExternalIdAndARetriedCreateReturnsIt() throws HelpdeskException {
    HelpdeskConnection desk = sandbox(false);

    TicketRef created = desk.create(ticket("1001"), "idem-1");

    assertThat(desk.create(ticket("1001"), "idem-1")).isEqualTo(created);
    assertThat(desk.find(new Lookup("field:order_id", "1001"))).contains(created);
    assertThat(desk.find(new Lookup("external_id", "ext-1001"))).contains(created);
    assertThat(desk.find(new Lookup("field:order_id", "1002"))).isEmpty();
    assertThat(jdbc().query("select is_public from sandbox_comment where ticket_id = ?", rs -> rs.getBoolean(1),
        Long.parseLong(created.id()))).containsExactly(false);
  }

  @Test
  void autoCreateOpensOneTicketPerOrder() throws HelpdeskException {
    HelpdeskConnection desk = sandbox(true);

    TicketRef first = desk.find(new Lookup("field:order_id", "1001")).orElseThrow();

    assertThat(desk.find(new Lookup("field:order_id", "1001"))).contains(first);
    assertThat(row(first)).containsEntry("tags", "customer_question").containsEntry("status", "open");
  }

  @Test
  void applyChangesTagsFieldsPriorityAndStatusAndAddsTheNote() throws HelpdeskException {
    HelpdeskConnection desk = sandbox(false);
    TicketRef ref = desk.create(ticket("1001"), "idem-1");

    desk.apply(ref, new TicketChange("Refunded.", true, List.of("refunded"), List.of("refund_issued"),
        Map.of("order_status", "refunded"), "high", null), "bridge:stripe:evt_2");
    desk.apply(ref, new TicketChange(null, false, List.of(), List.of(), Map.of(), null, "pending"), "bridge:stripe:evt_3");

    assertThat(row(ref)).containsEntry("tags", "refunded").containsEntry("priority", "high")
        .containsEntry("status", "pending").containsEntry("fields", "{\"order_status\":\"refunded\"}");
    assertThat(desk.hasMarker(ref, "bridge:stripe:evt_2")).isTrue();
    assertThat(desk.hasMarker(ref, "bridge:stripe:evt_3")).isFalse();
  }

  @Test
  void aMarkerMatchesLiterallyNotAsALikePattern() throws HelpdeskException {
    HelpdeskConnection desk = sandbox(false);
    TicketRef ref = desk.create(ticket("1001"), "idem-1");

    assertThat(desk.hasMarker(ref, "bridge:stripe:evt_1")).isTrue();
    assertThat(desk.hasMarker(ref, "bridge:stripe:evt%")).isFalse();
    assertThat(desk.hasMarker(ref, "bridge:stripe:ev__1")).isFalse();
  }

  @Test
  void applyToAMissingTicketIsPermanent() {
    assertThatThrownBy(() -> sandbox(false).apply(new TicketRef("sandbox", "999"),
        new TicketChange("x", false, null, null, null, null, null), "m"))
        .isInstanceOfSatisfying(HelpdeskException.class, e -> assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.PERMANENT));
  }

  private Map<String, Object> link(TicketRef ref) {
    return jdbc().one("select ticket_type, problem_id from sandbox_ticket where id = ?",
        rs -> Map.<String, Object>of("type", String.valueOf(rs.getString(1)), "problem", String.valueOf(rs.getObject(2))),
        Long.parseLong(ref.id())).orElseThrow();
  }

  @Test
  void aProblemKeepsItsTypeAndAnIncidentItsProblemThroughLaterChanges() throws HelpdeskException {
    HelpdeskConnection desk = sandbox(false);
    TicketRef problem = desk.create(new NewTicket("UPS delays", "Parcels late.", false, null, null, "incident-ups",
        List.of("carrier_incident"), "problem", null, Map.of()), "idem-problem");
    TicketRef customer = desk.create(ticket("1001"), "idem-1");

    desk.apply(customer, TicketChange.incidentOf(problem.id()), "bridge:easypost:evt_1");
    // a later change without a link leaves the link as it was
    desk.apply(customer, new TicketChange("Still late.", false, null, null, null, "high", null), "bridge:easypost:evt_2");

    assertThat(link(problem)).containsEntry("type", "problem").containsEntry("problem", "null");
    assertThat(link(customer)).containsEntry("type", "incident").containsEntry("problem", problem.id());
    assertThat(row(customer)).containsEntry("priority", "high");
  }

  @Test
  void aLinkToAProblemTheSandboxDoesNotHaveIsPermanentAndChangesNothing() throws HelpdeskException {
    HelpdeskConnection desk = sandbox(false);
    TicketRef customer = desk.create(ticket("1001"), "idem-1");

    assertThatThrownBy(() -> desk.apply(customer, new TicketChange("linked", false, List.of("x"), null, null, null, null,
        "incident", "999"), "bridge:easypost:evt_1"))
        .isInstanceOfSatisfying(HelpdeskException.class, e -> assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.PERMANENT));
    assertThatThrownBy(() -> desk.apply(customer, TicketChange.incidentOf("500xx000009ZyXwAAK"), "bridge:easypost:evt_2"))
        .isInstanceOfSatisfying(HelpdeskException.class, e -> assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.PERMANENT));

    assertThat(link(customer)).containsEntry("type", "null").containsEntry("problem", "null");
    assertThat(row(customer)).containsEntry("tags", "refund_issued");
    assertThat(desk.hasMarker(customer, "bridge:easypost:evt_1")).isFalse();
  }
}
