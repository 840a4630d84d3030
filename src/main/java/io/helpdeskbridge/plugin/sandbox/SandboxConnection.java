package io.helpdeskbridge.plugin.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.spi.HelpdeskConnection;
import io.helpdeskbridge.spi.HelpdeskException;
import io.helpdeskbridge.spi.NewTicket;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import io.helpdeskbridge.store.Jdbc;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's tickets and comments, in the store's {@code sandbox_*} tables. A ticket keeps its
 * {@code type} and, for an incident, the sandbox ticket of its problem ({@code problem_id}).
 */
final class SandboxConnection implements HelpdeskConnection {
  private static final Logger LOG = LoggerFactory.getLogger("sandbox-helpdesk");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String id;
  private final Jdbc jdbc;
  private final boolean autoCreate;

  SandboxConnection(String id, DataSource dataSource, boolean autoCreate) {
    this.id = id;
    this.jdbc = new Jdbc(dataSource);
    this.autoCreate = autoCreate;
  }

  @Override
  public Optional<TicketRef> find(Lookup lookup) {
    String column = lookup.strategy().equals("external_id") ? "external_id" : "order_id";
    Optional<Long> found = jdbc.one(
        "select id from sandbox_ticket where " + column + " = ? order by id desc", rs -> rs.getLong(1), lookup.value());
    if (found.isEmpty() && autoCreate && column.equals("order_id")) {
      long ticket = insert("Question about order " + lookup.value(), lookup.value(), null, null, List.of("customer_question"), null, null);
      LOG.info("sandbox: opened ticket #{} as if the customer of order {} had written in", ticket, lookup.value());
      return Optional.of(new TicketRef(id, String.valueOf(ticket)));
    }
    return found.map(t -> new TicketRef(id, String.valueOf(t)));
  }

  @Override
  public void apply(TicketRef ref, TicketChange change, String marker) throws HelpdeskException {
    long ticket = Long.parseLong(ref.id());
    record Row(String tags, String fields) {}
    Row row = jdbc.one("select tags, fields from sandbox_ticket where id = ?", rs -> new Row(rs.getString(1), rs.getString(2)), ticket)
        .orElseThrow(() -> HelpdeskException.permanent(404, "sandbox ticket " + ticket + " not found"));
    Set<String> tags = new LinkedHashSet<>(splitTags(row.tags()));
    tags.addAll(change.addTags());
    change.removeTags().forEach(tags::remove);
    Map<String, String> fields = readFields(row.fields());
    fields.putAll(change.fields());
    Long problem = change.problemId() == null ? null : problemTicket(ticket, change.problemId());
    // as in Zendesk, a ticket linked to a problem is an incident
    String type = change.type() != null ? change.type() : problem != null ? "incident" : null;
    String note = change.note() == null ? null : change.noteWithMarker(marker);
    Instant now = Instant.now();
    if (note != null) {
      jdbc.update("insert into sandbox_comment (ticket_id, body, is_public, created_at) values (?,?,?,?)", ticket, note,
          change.publicNote(), now);
    }
    jdbc.update("update sandbox_ticket set tags = ?, fields = ?, priority = coalesce(?, priority), status = coalesce(?, status),"
        + " ticket_type = coalesce(?, ticket_type), problem_id = coalesce(?, problem_id), updated_at = ? where id = ?",
        String.join(" ", tags), writeFields(fields), change.priority(), change.status(), type, problem, now, ticket);
    LOG.info("sandbox: ticket #{} {}, tags now [{}]{}{}{}", ticket,
        note == null ? "updated" : change.publicNote() ? "got a public note" : "got an internal note",
        String.join(", ", tags), fields.isEmpty() ? "" : ", fields " + fields,
        problem == null ? "" : ", " + type + " of problem #" + problem, note == null ? "" : "\n" + indent(note));
  }

  /** The problem is another sandbox ticket: a missing one is as permanent as a missing ticket. */
  private long problemTicket(long ticket, String problemId) throws HelpdeskException {
    long problem;
    try {
      problem = Long.parseLong(problemId.trim());
    } catch (NumberFormatException e) {
      throw HelpdeskException.permanent(0, "sandbox ticket " + ticket + ": problem '" + problemId + "' is not a sandbox ticket id");
    }
    if (jdbc.one("select id from sandbox_ticket where id = ?", rs -> rs.getLong(1), problem).isEmpty()) {
      throw HelpdeskException.permanent(404, "sandbox ticket " + ticket + ": problem ticket " + problem + " not found");
    }
    return problem;
  }

  @Override
  public boolean hasMarker(TicketRef ref, String marker) {
    return jdbc.one("select count(*) from sandbox_comment where ticket_id = ? and body like ?", rs -> rs.getLong(1),
        Long.parseLong(ref.id()), "%" + marker.replace("%", "\\%").replace("_", "\\_") + "%").orElse(0L) > 0;
  }

  @Override
  public TicketRef create(NewTicket n, String idempotencyKey) {
    Optional<Long> existing = jdbc.one("select id from sandbox_ticket where idempotency_key = ?", rs -> rs.getLong(1), idempotencyKey);
    if (existing.isPresent()) return new TicketRef(id, String.valueOf(existing.get()));
    long ticket = insert(n.subject(), n.orderId(), n.externalId(), n.requesterEmail(), n.tags(), n.type(), idempotencyKey);
    jdbc.update("insert into sandbox_comment (ticket_id, body, is_public, created_at) values (?,?,?,?)", ticket,
        n.description(), n.publicDescription(), Instant.now());
    LOG.info("sandbox: created {}ticket #{} \"{}\" tags [{}]\n{}", n.type() == null ? "" : n.type() + " ", ticket, n.subject(),
        String.join(", ", n.tags()), indent(n.description()));
    return new TicketRef(id, String.valueOf(ticket));
  }

  @Override
  public String describe() {
    return "the built-in sandbox helpdesk (tickets in the store, changes printed here)";
  }

  private long insert(String subject, String orderId, String externalId, String email, List<String> tags, String type,
      String key) {
    Instant now = Instant.now();
    try {
      return jdbc.insert("insert into sandbox_ticket (order_id, external_id, subject, requester_email, status, tags, fields,"
          + " ticket_type, idempotency_key, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?)",
          orderId, externalId, subject, email, "open", String.join(" ", tags), "{}", type, key, now, now);
    } catch (SQLException e) {
      throw new io.helpdeskbridge.store.StoreException("insert into sandbox_ticket", e);
    }
  }

  private static List<String> splitTags(String s) {
    List<String> out = new ArrayList<>();
    for (String t : s.split(" ")) if (!t.isBlank()) out.add(t);
    return out;
  }

  private static Map<String, String> readFields(String json) {
    try {
      return new LinkedHashMap<>(JSON.readValue(json, new TypeReference<Map<String, String>>() {}));
    } catch (Exception e) {
      return new LinkedHashMap<>();
    }
  }

  private static String writeFields(Map<String, String> fields) {
    try {
      return JSON.writeValueAsString(fields);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String indent(String note) {
    return "    | " + note.replace("\n", "\n    | ");
  }
}
