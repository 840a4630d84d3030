package io.helpdeskbridge.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.RefundIssued;
import io.helpdeskbridge.mapping.Mapping;
import io.helpdeskbridge.mapping.MappingLoader;
import io.helpdeskbridge.resilience.HelpdeskRetry;
import io.helpdeskbridge.spi.HelpdeskConnection;
import io.helpdeskbridge.spi.NewTicket;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import io.helpdeskbridge.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TicketWriterFlushTest {

  /** A helpdesk with one ticket per order, counting every call. */
  static final class CountingDesk implements HelpdeskConnection {
    final List<String> calls = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<TicketChange> applied = new ArrayList<>();

    @Override
    public Optional<TicketRef> find(Lookup lookup) {
      calls.add("find " + lookup.value());
      return Optional.of(new TicketRef("desk", "t" + lookup.value()));
    }

    @Override
    public void apply(TicketRef ticket, TicketChange change, String marker) {
      calls.add("apply " + ticket.id());
      applied.add(change);
      if (change.note() != null) notes.add(change.noteWithMarker(marker));
    }

    @Override
    public boolean hasMarker(TicketRef ticket, String marker) {
      calls.add("hasMarker " + ticket.id());
      return notes.stream().anyMatch(n -> n.contains(marker));
    }

    @Override
    public TicketRef create(NewTicket ticket, String idempotencyKey) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String describe() {
      return "counting desk";
    }
  }

  private final Store store = Store.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  private final CountingDesk desk = new CountingDesk();

  @AfterEach
  void close() {
    store.close();
  }

  private TicketWriter writer(TicketPace.Limit limit) throws Exception {
    String text = Files.readString(Path.of("mappings/refund-issued.yaml"));
    Map<String, Mapping> mappings = new MappingLoader()
        .load(List.of(new BridgeHome.ConfigFile("refund-issued.yaml", "mappings/refund-issued.yaml", text)));
    HelpdeskRetry retry = new HelpdeskRetry("desk", new HelpdeskRetry.Policy(1, Duration.ZERO, Duration.ZERO));
    Helpdesks helpdesks = new Helpdesks(Map.of("desk", new Helpdesks.Entry("desk", desk, retry, limit)), "desk");
    return new TicketWriter(store, mappings, helpdesks, new TicketPace(store.dataSource(), Clock.systemUTC()));
  }

  private static RefundIssued refund(String order, String eventId, String refundId, long cents) {
    return new RefundIssued("stripe", eventId, Instant.parse("2026-11-24T03:00:00Z"), OrderRef.ofOrder(order),
        "charge.refunded", Money.of(cents, "usd"), refundId, "ch_" + order, null);
  }

  @Test
  void threeRefundsOfOneOrderInOneBatchAreOneHelpdeskWriteCarryingThreeMarkers() throws Exception {
    TicketWriter writer = writer(TicketPace.Limit.none());
    PendingWrites batch = new PendingWrites();
    for (int i = 1; i <= 3; i++) {
      TicketOutcome queued = writer.write(i, refund("1001", "evt_" + i, "re_" + i, i * 100L), "refund-issued", "desk", batch);
      assertThat(queued.action()).isEqualTo(TicketOutcome.Action.QUEUED);
    }

    PendingWrites.Flushed flushed = writer.flush(batch);

    assertThat(flushed.failures()).isEmpty();
    // one search (then the index knows the ticket), one write
    assertThat(desk.calls).containsExactly("find 1001", "apply t1001");
    assertThat(desk.notes).hasSize(1);
    assertThat(desk.notes.get(0)).contains("re_1", "re_2", "re_3").contains("stripe/refund:re_1", "stripe/refund:re_3");
    assertThat(flushed.outcomes()).containsOnlyKeys(1L, 2L, 3L);
    assertThat(flushed.outcomes().get(2L).get(0).action()).isEqualTo(TicketOutcome.Action.APPLIED);
    assertThat(flushed.outcomes().get(2L).get(0).detail()).isEqualTo("one write for 3 events");
  }

  @Test
  void aReplayedBatchWritesNothingTwice() throws Exception {
    TicketWriter writer = writer(TicketPace.Limit.none());
    PendingWrites first = new PendingWrites();
    writer.write(1, refund("1001", "evt_1", "re_1", 100), "refund-issued", "desk", first);
    writer.flush(first);

    PendingWrites again = new PendingWrites();
    writer.write(1, refund("1001", "evt_1", "re_1", 100), "refund-issued", "desk", again);
    writer.write(2, refund("1001", "evt_2", "re_2", 200), "refund-issued", "desk", again);
    PendingWrites.Flushed flushed = writer.flush(again);

    assertThat(flushed.outcomes().get(1L).get(0).action()).isEqualTo(TicketOutcome.Action.ALREADY_APPLIED);
    assertThat(desk.notes).hasSize(2);
    assertThat(desk.notes.get(1)).contains("re_2").doesNotContain("re_1");
  }

  @Test
  void twoDeliveriesOfOneFactInOneBatchMakeOneNote() throws Exception {
    TicketWriter writer = writer(TicketPace.Limit.none());
    PendingWrites batch = new PendingWrites();
    writer.write(1, refund("1001", "evt_a", "re_1", 100), "refund-issued", "desk", batch);
    writer.write(2, refund("1001", "evt_b", "re_1", 100), "refund-issued", "desk", batch);

    PendingWrites.Flushed flushed = writer.flush(batch);

    assertThat(desk.notes).hasSize(1);
    assertThat(flushed.outcomes().get(2L).get(0).action()).isEqualTo(TicketOutcome.Action.ALREADY_APPLIED);
  }

  @Test
  void aSpentTicketBudgetFailsOnlyThatTicketsEventsAndWritesNothing() throws Exception {
    TicketWriter writer = writer(new TicketPace.Limit(1, Duration.ofMinutes(10)));
    PendingWrites first = new PendingWrites();
    writer.write(1, refund("1001", "evt_1", "re_1", 100), "refund-issued", "desk", first);
    writer.flush(first);

    PendingWrites second = new PendingWrites();
    writer.write(2, refund("1001", "evt_2", "re_2", 200), "refund-issued", "desk", second);
    writer.write(3, refund("1002", "evt_3", "re_3", 300), "refund-issued", "desk", second);
    PendingWrites.Flushed flushed = writer.flush(second);

    assertThat(flushed.failures()).containsOnlyKeys(2L);
    assertThat(flushed.failures().get(2L)).isInstanceOf(TicketPace.Spent.class);
    assertThat(flushed.outcomes()).containsOnlyKeys(3L);
    assertThat(desk.calls).filteredOn(c -> c.startsWith("apply")).containsExactly("apply t1001", "apply t1002");
    // the event left unwritten is not marked written: its retry writes it
    assertThat(store.writeLog().state("desk [helpdesk-bridge stripe/refund:re_2 refund-issued]")).isEmpty();
  }

  @Test
  void withoutABatchTheWriterWritesAtOnceAsBefore() throws Exception {
    TicketWriter writer = writer(TicketPace.Limit.none());
    TicketOutcome out = writer.write(1, refund("1001", "evt_1", "re_1", 100), "refund-issued", "desk");
    assertThat(out.action()).isEqualTo(TicketOutcome.Action.APPLIED);
    assertThat(out.ticketId()).isEqualTo("t1001");
    assertThat(desk.notes).hasSize(1);
  }
}
