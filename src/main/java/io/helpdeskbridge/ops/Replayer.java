package io.helpdeskbridge.ops;

import io.helpdeskbridge.intake.WebhookIntake;
import io.helpdeskbridge.store.InboxRow;
import io.helpdeskbridge.store.InboxStatus;
import io.helpdeskbridge.store.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts stored deliveries back through the current routes and mappings. Replaying is safe to
 * repeat: the write log remembers what reached a ticket, so a replayed event that was already
 * applied writes nothing again.
 */
public final class Replayer {

  /** What a replay did: the rows queued again and the ones left alone, with why. */
  public record Result(List<Long> replayed, List<String> skipped) {}

  private final Store store;
  private final WebhookIntake.Dispatch dispatch;

  public Replayer(Store store, WebhookIntake.Dispatch dispatch) {
    this.store = store;
    this.dispatch = dispatch;
  }

  public Result replay(List<Long> ids) {
    List<Long> replayed = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (long id : ids) {
      InboxRow row = store.inbox().get(id).orElse(null);
      if (row == null) {
        skipped.add(id + ": no such inbox row");
      } else if (row.status() == InboxStatus.RECEIVED) {
        skipped.add(id + ": still being processed");
      } else if (store.inbox().requeue(id)) {
        if (dispatch != null) dispatch.submit(id, row.orderKey());
        replayed.add(id);
      } else {
        skipped.add(id + ": changed while replaying");
      }
    }
    return new Result(replayed, skipped);
  }

  public Result replayDead(java.time.Instant since) {
    List<Long> ids = new ArrayList<>();
    store.inbox().find(InboxStatus.DEAD, null, null, since, 100_000).forEach(r -> ids.add(r.id()));
    java.util.Collections.reverse(ids); // oldest first, so one order's events keep their order
    return replay(ids);
  }
}
