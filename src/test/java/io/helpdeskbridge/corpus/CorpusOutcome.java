package io.helpdeskbridge.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.intake.Delivery;
import io.helpdeskbridge.mapping.Mapping;
import io.helpdeskbridge.ops.TryOut;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.ticket.DryRunSink;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One corpus payload's outcome as plain text a reviewer reads in a diff: how the delivery was
 * read, the canonical events, and each ticket change the shipped routes would make with the
 * mapping's correlation and its rendered note, tags, fields and priority.
 */
final class CorpusOutcome {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  /** Ids a signing helper makes up per run (a delivery id the payload's headers did not give). */
  private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

  private CorpusOutcome() {}

  static String of(String source, byte[] body, Map<String, String> headers, TryOut tryOut, TryOut.Routes routes)
      throws Exception {
    StringBuilder out = new StringBuilder();
    Delivery d;
    try {
      d = tryOut.deliver(source, body, headers);
    } catch (IllegalArgumentException refused) {
      return "refused: " + refused.getMessage() + "\n";
    }
    out.append("delivery: ").append(source).append(' ').append(d.vendorType()).append(", event id ").append(d.eventId())
        .append('\n');
    if (d.normalizeError() != null) {
      return out.append("not readable (kept, then dead-lettered): ").append(d.normalizeError().getMessage()).append('\n')
          .toString();
    }
    if (d.ignored()) return stable(out.append("ignored: ").append(d.ignoredBecause()).append('\n').toString());
    for (OrderEvent e : d.events()) {
      out.append("\nevent ").append(e.type()).append(" (order key ").append(e.order().key()).append("):\n")
          .append(JSON.writeValueAsString(e)).append('\n');
    }
    TryOut.Result r = routes.run(d.events());
    if (r.planned().isEmpty()) {
      out.append("\nthe routes planned no mapped ticket change (enrich: and refund: steps act through live lookups and"
          + " actions, which this check does not run)\n");
    }
    for (DryRunSink.Planned p : r.planned()) change(out, p);
    return stable(out.toString());
  }

  private static void change(StringBuilder out, DryRunSink.Planned p) {
    Mapping m = p.mapping();
    TicketChange c = p.change();
    out.append("\nticket change by mapping ").append(m.id()).append(" (").append(p.event().type()).append(") on helpdesk ")
        .append(p.helpdesk()).append('\n');
    out.append("  find the ticket by: ").append(String.join(", ", m.find())).append("; when none: ")
        .append(m.whenMissing().yaml()).append('\n');
    if (c.note() != null) {
      out.append("  ").append(c.publicNote() ? "public" : "internal").append(" note:\n");
      c.note().lines().forEach(l -> out.append("    | ").append(l).append('\n'));
    }
    if (!c.addTags().isEmpty()) out.append("  add tags: ").append(String.join(", ", c.addTags())).append('\n');
    if (!c.removeTags().isEmpty()) out.append("  remove tags: ").append(String.join(", ", c.removeTags())).append('\n');
    if (!c.fields().isEmpty()) out.append("  fields: ").append(new java.util.TreeMap<>(c.fields())).append('\n');
    if (c.priority() != null) out.append("  priority: ").append(c.priority()).append('\n');
    if (c.status() != null) out.append("  status: ").append(c.status()).append('\n');
    if (c.type() != null) out.append("  type: ").append(c.type()).append('\n');
  }

  /**
   * The outcome without what changes from run to run: delivery ids a signing helper made up, and
   * the time of delivery, which a plugin uses when the payload carries no time of its own.
   */
  private static String stable(String text) {
    String noIds = UUID.matcher(text).replaceAll("<made-up delivery id>");
    java.time.Instant now = java.time.Instant.now();
    return INSTANT.matcher(noIds).replaceAll(m -> {
      java.time.Instant at = java.time.Instant.parse(m.group());
      return java.time.Duration.between(at, now).abs().compareTo(java.time.Duration.ofHours(1)) < 0 ? "<time of delivery>" : m.group();
    });
  }
}
