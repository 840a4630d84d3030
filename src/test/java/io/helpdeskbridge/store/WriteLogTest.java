package io.helpdeskbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WriteLogTest {

  private Store store;
  private WriteLog log;

  @BeforeEach
  void openStore() {
    store = Store.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    log = store.writeLog();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void unknownMarkerHasNoState() {
    assertThat(log.state("bridge:stripe:evt_1:refund-issued")).isEmpty();
  }

  @Test
  void pendingThenWritten() {
    String marker = "bridge:stripe:evt_1:refund-issued";

    log.pending(marker, "zendesk", "42");
    assertThat(log.state(marker)).contains(WriteLog.State.PENDING);

    log.written(marker);
    assertThat(log.state(marker)).contains(WriteLog.State.WRITTEN);
  }

  @Test
  void pendingTwiceIsHarmlessAndDoesNotUndoAWrite() {
    String marker = "m1";
    log.pending(marker, "zendesk", "42");
    log.pending(marker, "zendesk", "42");
    assertThat(log.state(marker)).contains(WriteLog.State.PENDING);

    log.written(marker);
    log.pending(marker, "zendesk", "42");

    assertThat(log.state(marker)).contains(WriteLog.State.WRITTEN);
  }

  @Test
  void markersAreIndependent() {
    log.pending("m1", "zendesk", "1");
    log.pending("m2", "zendesk", "2");

    log.written("m2");

    assertThat(log.state("m1")).contains(WriteLog.State.PENDING);
    assertThat(log.state("m2")).contains(WriteLog.State.WRITTEN);
  }

  @Test
  void forgetRemovesTheMarkSoAReplayWritesAgain() {
    log.pending("m1", "zendesk", "1");
    log.written("m1");

    log.forget("m1");

    assertThat(log.state("m1")).isEmpty();
    log.pending("m1", "zendesk", "1");
    assertThat(log.state("m1")).contains(WriteLog.State.PENDING);
  }

  @Test
  void writtenForAnUnknownMarkerCreatesNothing() {
    log.written("never-pending");

    assertThat(log.state("never-pending")).isEmpty();
  }
}
