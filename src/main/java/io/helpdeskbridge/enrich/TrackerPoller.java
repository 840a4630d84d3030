package io.helpdeskbridge.enrich;

import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.ShipmentState;
import io.helpdeskbridge.sweep.StaleShipmentSweep;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The stale-shipment sweep's poll through the shipment lookups: the platform that reported the
 * parcel is asked first, then any other, each within its own budget and timeout.
 */
public final class TrackerPoller implements StaleShipmentSweep.Poller {
  private final List<LookupRunner> runners;
  private final java.util.concurrent.ExecutorService pool;

  public TrackerPoller(List<LookupRunner> runners) {
    this.runners = runners.stream().filter(r -> r.lookup().stage() == Lookup.Stage.SHIPMENT).toList();
    this.pool = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "tracker-poll");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public Optional<ShipmentState> poll(ShipmentState known) throws IOException {
    Lookup.Known parcel = new Lookup.Known(null, null, List.of(), List.of(new Lookup.Parcel(known.trackingNumber(), known.carrier())));
    List<LookupRunner> ordered = runners.stream()
        .sorted((a, b) -> Boolean.compare(!a.lookup().id().equals(known.source()), !b.lookup().id().equals(known.source())))
        .toList();
    String failures = null;
    for (LookupRunner r : ordered) {
      try {
        Optional<ShipmentState> state = r.run(parcel, pool).shipments().stream()
            .filter(s -> known.trackingNumber().equals(s.trackingNumber())).findFirst();
        if (state.isPresent()) return state;
      } catch (LookupRunner.Failed e) {
        failures = (failures == null ? "" : failures + "; ") + r.describes() + ": " + e.getMessage();
      }
    }
    if (failures != null) throw new IOException(failures);
    return Optional.empty();
  }
}
