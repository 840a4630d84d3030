package io.helpdeskbridge.intake;

import io.helpdeskbridge.spi.InboundEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The intake as the helpdesks' {@link InboundEvents}, wired while the routes run: a subscription
 * asks {@link #whenReady} to start, and an event handed in before or after (while stopping) is
 * refused (the subscription then resumes from what was stored), never dispatched to no route.
 */
public final class DeferredInbound implements InboundEvents {
  private final List<Runnable> waiting = new ArrayList<>();
  private volatile InboundEvents target;

  public void wire(InboundEvents intake) {
    List<Runnable> start;
    synchronized (this) {
      target = intake;
      start = List.copyOf(waiting);
      waiting.clear();
    }
    start.forEach(Runnable::run);
  }

  public void unwire() {
    target = null;
  }

  @Override
  public boolean accept(String sourceId, Map<String, String> headers, byte[] body) {
    return ready(sourceId).accept(sourceId, headers, body);
  }

  @Override
  public Optional<Map<String, String>> newestHeaders(String sourceId) {
    return ready(sourceId).newestHeaders(sourceId);
  }

  @Override
  public void whenReady(Runnable start) {
    synchronized (this) {
      if (target == null) {
        waiting.add(start);
        return;
      }
    }
    start.run();
  }

  private InboundEvents ready(String sourceId) {
    InboundEvents t = target;
    if (t == null) throw new IllegalStateException("the bridge is not consuming events yet; source '" + sourceId + "' must wait");
    return t;
  }
}
