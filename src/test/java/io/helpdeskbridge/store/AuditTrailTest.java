package io.helpdeskbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditTrailTest extends StoreTestSupport {

  private static final Instant AT = Instant.parse("2024-05-01T10:00:05.123456Z");

  private List<AuditTrail.Entry> entries(String source, String eventId) {
    return jdbc().query("select * from audit where source = ? and event_id = ? order by id",
        rs -> new AuditTrail.Entry(rs.getLong("inbox_id"), rs.getString("source"), rs.getString("event_id"),
            rs.getString("event_type"), rs.getString("order_key"), rs.getString("helpdesk"), rs.getString("ticket_id"),
            rs.getString("action"), rs.getString("detail"), Jdbc.instant(rs, "at")),
        source, eventId);
  }

  @Test
  void recordKeepsEveryFieldInOrder() {
    AuditTrail.Entry found = new AuditTrail.Entry(7, "stripe", "evt_1", "RefundIssued", "order:1001", "zendesk", null,
        "search", "found by field:order_id", AT);
    AuditTrail.Entry noted = new AuditTrail.Entry(7, "stripe", "evt_1", "RefundIssued", "order:1001", "zendesk", "42",
        "note", null, AT.plusSeconds(1));
    store.audit().record(found);
    store.audit().record(noted);
    store.audit().record(new AuditTrail.Entry(8, "stripe", "evt_2", null, null, null, null, "ignored", null, AT));

    assertThat(entries("stripe", "evt_1")).containsExactly(found, noted);
  }

  @Test
  void longDetailIsClippedToTheColumn() {
    store.audit().record(new AuditTrail.Entry(1, "stripe", "evt_1", null, null, null, null, "dead", "x".repeat(9_000), AT));

    assertThat(entries("stripe", "evt_1")).singleElement()
        .satisfies(e -> assertThat(e.detail()).hasSize(4000).endsWith("…"));
  }
}
