package io.helpdeskbridge.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.spi.TicketChange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeMergerTest {

  private static ChangeMerger.Marked<String> m(String id, TicketChange c) {
    return new ChangeMerger.Marked<>(c, "[m " + id + "]", id);
  }

  private static TicketChange note(String text, List<String> add, List<String> remove, Map<String, String> fields, String priority) {
    return new TicketChange(text, false, add, remove, fields, priority, null);
  }

  @Test
  void notesAreJoinedInOrderEachWithItsMarkerAndTheLastMarkerIsLeftToThePlugin() {
    var writes = ChangeMerger.merge(List.of(
        m("a", note("Refund 1", null, null, null, null)),
        m("b", note("Refund 2", null, null, null, null)),
        m("c", note("Refund 3", null, null, null, null))));

    assertThat(writes).hasSize(1);
    var w = writes.get(0);
    assertThat(w.origins()).containsExactly("a", "b", "c");
    assertThat(w.marker()).isEqualTo("[m c]");
    assertThat(w.change().note()).isEqualTo("Refund 1\n\n[m a]\n\n---\n\nRefund 2\n\n[m b]\n\n---\n\nRefund 3");
    // what the helpdesk receives carries all three markers, in the vendor's order
    String sent = w.change().noteWithMarker(w.marker());
    assertThat(sent.indexOf("[m a]")).isLessThan(sent.indexOf("[m b]"));
    assertThat(sent.indexOf("[m b]")).isLessThan(sent.indexOf("[m c]"));
  }

  @Test
  void tagsAreTheNetOfAddsAndRemovesAppliedInOrder() {
    var writes = ChangeMerger.merge(List.of(
        m("a", note("x", List.of("fraud_review", "vip"), List.of("refund_pending"), null, null)),
        m("b", note("y", List.of("refund_pending"), List.of("fraud_review"), null, null))));

    TicketChange c = writes.get(0).change();
    assertThat(c.addTags()).containsExactly("vip", "refund_pending");
    assertThat(c.removeTags()).containsExactly("fraud_review");
  }

  @Test
  void theLastValueOfEachFieldAndOfPriorityWins() {
    var writes = ChangeMerger.merge(List.of(
        m("a", note("x", null, null, Map.of("shipment_status", "exception", "tracking_number", "1Z"), "urgent")),
        m("b", note(null, null, null, Map.of("shipment_status", "delivered"), null)),
        m("c", note(null, null, null, Map.of(), "normal"))));

    TicketChange c = writes.get(0).change();
    assertThat(c.fields()).containsEntry("shipment_status", "delivered").containsEntry("tracking_number", "1Z");
    assertThat(c.priority()).isEqualTo("normal");
    // the only note keeps its own marker even though later changes had none
    assertThat(writes.get(0).marker()).isEqualTo("[m a]");
    assertThat(c.note()).isEqualTo("x");
  }

  @Test
  void aPublicNoteNeverSharesACommentWithAnInternalOne() {
    var writes = ChangeMerger.merge(List.of(
        m("a", note("internal 1", null, null, null, null)),
        m("b", new TicketChange("Dear customer", true, null, null, null, null, null)),
        m("c", note("internal 2", null, null, null, null))));

    assertThat(writes).extracting(ChangeMerger.Write::origins).containsExactly(List.of("a"), List.of("b"), List.of("c"));
    assertThat(writes.get(1).change().publicNote()).isTrue();
    assertThat(writes.get(2).change().publicNote()).isFalse();
  }

  @Test
  void changesWithoutNotesJoinWhateverWriteIsOpen() {
    var writes = ChangeMerger.merge(List.of(
        m("a", new TicketChange("Dear customer", true, null, null, null, null, null)),
        m("b", note(null, List.of("delivered"), null, null, null))));

    assertThat(writes).hasSize(1);
    assertThat(writes.get(0).change().addTags()).containsExactly("delivered");
    assertThat(writes.get(0).change().publicNote()).isTrue();
  }

  @Test
  void anIncidentLinkWithoutANoteJoinsTheOpenWriteAndTheLastTypeAndProblemWin() {
    var writes = ChangeMerger.merge(List.of(
        m("a", note("Parcel lost", List.of("lost"), null, null, null)),
        m("b", TicketChange.incidentOf("501")),
        m("c", new TicketChange(null, false, null, null, null, null, null, "incident", "502")),
        m("d", note(null, null, null, Map.of("shipment_status", "exception"), null))));

    assertThat(writes).hasSize(1);
    TicketChange c = writes.get(0).change();
    assertThat(c.type()).isEqualTo("incident");
    assertThat(c.problemId()).isEqualTo("502");
    // the rest of the write is untouched by the link
    assertThat(c.note()).isEqualTo("Parcel lost");
    assertThat(c.addTags()).containsExactly("lost");
    assertThat(c.fields()).containsEntry("shipment_status", "exception");
    assertThat(writes.get(0).origins()).containsExactly("a", "b", "c", "d");
  }

  @Test
  void aLaterChangeWithoutALinkKeepsTheEarlierOne() {
    var writes = ChangeMerger.merge(List.of(
        m("a", new TicketChange(null, false, null, null, null, null, null, "problem", null)),
        m("b", note("more", null, null, null, "high"))));

    TicketChange c = writes.get(0).change();
    assertThat(c.type()).isEqualTo("problem");
    assertThat(c.problemId()).isNull();
    assertThat(c.priority()).isEqualTo("high");
  }

  @Test
  void aLinkOnlyChangeIsOneWriteWithoutANote() {
    var writes = ChangeMerger.merge(List.of(m("a", TicketChange.incidentOf("77"))));

    assertThat(writes).hasSize(1);
    assertThat(writes.get(0).change().note()).isNull();
    assertThat(writes.get(0).change().type()).isEqualTo("incident");
    assertThat(writes.get(0).change().problemId()).isEqualTo("77");
    assertThat(writes.get(0).marker()).isEqualTo("[m a]");
  }
}
