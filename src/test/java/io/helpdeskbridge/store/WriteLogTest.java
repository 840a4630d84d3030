package io.helpdeskbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WriteLogTest extends StoreTestSupport {

  private WriteLog log;

  @BeforeEach
  void log() {
    log = store.writeLog();
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
