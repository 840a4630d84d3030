package io.helpdeskbridge.plugin.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.spi.HelpdeskConnection;
import io.helpdeskbridge.spi.HelpdeskException;
import io.helpdeskbridge.spi.NewTicket;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Salesforce org, through camel-salesforce ({@link SalesforceApi}). Tickets are Cases:
 *
 * <ul>
 *   <li>find: one SOQL query on the order-number (or tracking-number) field, open Cases first, then
 *       the newest.
 *   <li>apply: one composite request, {@code allOrNone}, holding the Case update (Status, Priority,
 *       mapped fields, tags) and the note as CaseComments (internal unless the mapping says public),
 *       split at 4,000 UTF-8 bytes. Tags live in a multi-select picklist or text field ({@code
 *       tags-field}); merging them needs the current value, so a change with tags first reads it and
 *       sends the update with {@code If-Unmodified-Since}: an agent's edit in between makes
 *       Salesforce answer 412, and we read and merge again.
 *   <li>create: an upsert on an external-id field ({@code external-id-field}) keyed by the engine's
 *       idempotency key, so a retried create finds the first Case instead of making a second.
 * </ul>
 *
 * <p>Problem and incident: a Case has no problem/incident notion, only a parent. A change's {@code
 * problemId} becomes the Case's {@code ParentId} in the same update, so the problem's Case lists
 * its incidents as child Cases. A ticket {@code type} is written to the Case {@code Type} picklist
 * only where the connector's {@code types} maps it (its values are the org's own); unmapped, and by
 * default, a problem ticket is created as a plain Case.
 */
final class SalesforceConnection implements HelpdeskConnection {
  private static final Logger LOG = LoggerFactory.getLogger(SalesforceConnection.class);
  private static final int CONFLICT_ROUNDS = 3;
  /** A composite request holds at most 25 subrequests; one is the Case update. */
  static final int MAX_SUBREQUESTS = 25;
  private static final int MAX_SUBJECT = 255;
  private static final int MAX_DESCRIPTION = 32_000;
  private static final int MAX_COMMENT_PAGES = 50;
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,255}");
  private static final DateTimeFormatter SF_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]XX");

  private final SalesforceConfig config;
  private final ObjectMapper json;
  private final SalesforceApi api;
  /** The Case events subscription, when {@code case-events-channel} is set; closed with the connection. */
  private SalesforceCaseEvents events;

  SalesforceConnection(SalesforceConfig config) {
    this.config = config;
    this.json = new ObjectMapper();
    this.api = new SalesforceApi(config, json);
  }

  // ---------------------------------------------------------------- find

  @Override
  public Optional<TicketRef> find(Lookup lookup) throws HelpdeskException {
    String where;
    if (lookup.strategy().equals("external_id")) {
      // the Cases this bridge created for the order: they carry our external id
      where = config.orderField() + " = " + Soql.literal(lookup.value()) + " AND " + config.externalIdField() + " != null";
    } else if (lookup.strategy().startsWith("field:")) {
      String field = config.fieldFor(lookup.strategy().substring("field:".length()));
      if (field == null) return Optional.empty();
      where = field + " = " + Soql.literal(lookup.value());
    } else {
      return Optional.empty();
    }
    String soql = "SELECT Id, Status, IsClosed, CreatedDate FROM Case WHERE " + where
        + " ORDER BY IsClosed ASC, CreatedDate DESC LIMIT 1";
    JsonNode records = records(api.query("find Case by " + lookup.strategy() + "=" + lookup.value(), soql).body());
    if (records.isEmpty()) return Optional.empty();
    return Optional.of(new TicketRef(config.connectorId(), records.get(0).path("Id").asText()));
  }

  // ---------------------------------------------------------------- apply

  @Override
  public void apply(TicketRef ref, TicketChange change, String marker) throws HelpdeskException {
    String id = caseId(ref);
    List<String> comments = change.note() == null ? List.of()
        : CommentSplitter.split(change.noteWithMarker(marker), CommentSplitter.MAX_BYTES, MAX_SUBREQUESTS - 1);
    HelpdeskException last = null;
    for (int round = 0; round < CONFLICT_ROUNDS; round++) {
      ObjectNode update = json.createObjectNode();
      String status = config.statusFor(change.status());
      if (status != null) update.put("Status", status);
      String priority = config.priorityFor(change.priority());
      if (priority != null) update.put("Priority", priority);
      change.fields().forEach((logical, value) -> {
        String field = config.fieldFor(logical);
        if (field != null) update.put(field, value);
      });
      String type = config.typeFor(change.type());
      if (type != null) update.put("Type", type);
      if (change.problemId() != null) update.put("ParentId", parentId(id, change.problemId()));
      String unmodifiedSince = null;
      if (config.tagsField() != null && (!change.addTags().isEmpty() || !change.removeTags().isEmpty())) {
        JsonNode current = readTags(id);
        List<String> before = splitTags(current.path(config.tagsField()).asText(""));
        Set<String> merged = new LinkedHashSet<>(before);
        merged.addAll(change.addTags());
        change.removeTags().forEach(merged::remove);
        if (!new ArrayList<>(merged).equals(before)) {
          if (merged.isEmpty()) update.putNull(config.tagsField());
          else update.put(config.tagsField(), String.join(config.tagsSeparator(), merged));
          if (config.conditionalTagUpdate()) unmodifiedSince = httpDate(current.path("LastModifiedDate").asText(null));
        }
      } else if (config.tagsField() == null && (!change.addTags().isEmpty() || !change.removeTags().isEmpty())) {
        LOG.debug("Salesforce connector '{}' has no tags-field: tags {} / {} not written", config.connectorId(),
            change.addTags(), change.removeTags());
      }
      if (update.isEmpty() && comments.isEmpty()) {
        LOG.debug("Salesforce Case {}: the change has nothing for this desk; no request sent", id);
        return;
      }
      ObjectNode composite = compositeRequest();
      ArrayNode subrequests = (ArrayNode) composite.get("compositeRequest");
      if (!update.isEmpty()) {
        ObjectNode patch = subrequest("PATCH", api.dataPath() + "/sobjects/Case/" + id, "updateCase", update);
        if (unmodifiedSince != null) patch.putObject("httpHeaders").put("If-Unmodified-Since", unmodifiedSince);
        subrequests.add(patch);
      }
      addComments(subrequests, id, comments, change.publicNote());
      try {
        sendComposite("update Case " + id, composite);
        return;
      } catch (HelpdeskException e) {
        if (e.kind() != HelpdeskException.Kind.CONFLICT) throw e;
        last = e;
        LOG.info("Salesforce Case {} changed while we wrote it; reading it again", id);
      }
    }
    throw new HelpdeskException(HelpdeskException.Kind.RETRYABLE, last.status(), last.getMessage(), null, last);
  }

  /** The problem's Case id; Salesforce would refuse anything else with a less telling error. */
  private static String parentId(String caseId, String problemId) throws HelpdeskException {
    String parent = problemId.trim();
    if (!Soql.isRecordId(parent)) {
      throw HelpdeskException.permanent(0, "update Case " + caseId + ": problem ticket '" + problemId + "' is not a Salesforce Case id");
    }
    return parent;
  }

  private JsonNode readTags(String id) throws HelpdeskException {
    String soql = "SELECT Id, " + config.tagsField() + ", LastModifiedDate FROM Case WHERE Id = " + Soql.literal(id);
    JsonNode records = records(api.query("read tags of Case " + id, soql).body());
    if (records.isEmpty()) throw HelpdeskException.permanent(404, "read tags of Case " + id + ": Salesforce has no Case " + id);
    return records.get(0);
  }

  private List<String> splitTags(String value) {
    if (value == null || value.isBlank()) return List.of();
    String sep = config.tagsSeparator();
    String[] parts = sep.isBlank() ? value.trim().split("\\s+") : value.split(Pattern.quote(sep));
    return Arrays.stream(parts).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
  }

  /**
   * {@code If-Unmodified-Since} for a Salesforce datetime ({@code 2026-11-24T10:15:30.000+0000}),
   * rounded up to the second so a record stamped with milliseconds is not always "modified since".
   */
  static String httpDate(String salesforceDateTime) {
    if (salesforceDateTime == null || salesforceDateTime.isBlank()) return null;
    try {
      OffsetDateTime t = OffsetDateTime.parse(salesforceDateTime, SF_DATETIME);
      OffsetDateTime seconds = t.truncatedTo(ChronoUnit.SECONDS);
      if (!seconds.equals(t)) seconds = seconds.plusSeconds(1);
      return DateTimeFormatter.RFC_1123_DATE_TIME.format(seconds.withOffsetSameInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- hasMarker

  @Override
  public boolean hasMarker(TicketRef ref, String marker) throws HelpdeskException {
    String id = caseId(ref);
    // CommentBody and Description are text areas, which SOQL may not filter on: read and search here
    String soql = "SELECT Id, Description, (SELECT CommentBody FROM CaseComments ORDER BY CreatedDate DESC) FROM Case WHERE Id = "
        + Soql.literal(id);
    String what = "read comments of Case " + id;
    JsonNode records = records(api.query(what, soql).body());
    if (records.isEmpty()) throw HelpdeskException.permanent(404, what + ": Salesforce has no Case " + id);
    JsonNode c = records.get(0);
    if (c.path("Description").asText("").contains(marker)) return true;
    JsonNode page = c.path("CaseComments");
    for (int pages = 0; page.isObject() && pages < MAX_COMMENT_PAGES; pages++) {
      for (JsonNode comment : page.path("records")) {
        if (comment.path("CommentBody").asText("").contains(marker)) return true;
      }
      if (page.path("done").asBoolean(true) || !page.hasNonNull("nextRecordsUrl")) return false;
      page = api.queryMore(what, page.get("nextRecordsUrl").asText()).body();
      if (page == null) return false;
    }
    return false;
  }

  // ---------------------------------------------------------------- create

  @Override
  public TicketRef create(NewTicket n, String idempotencyKey) throws HelpdeskException {
    if (idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
      throw HelpdeskException.permanent(0, "create Case: idempotency key '" + idempotencyKey + "' cannot be a Salesforce external id");
    }
    String text = n.description() == null ? n.subject() : n.description();
    ObjectNode body = json.createObjectNode();
    body.put("Subject", truncate(n.subject() == null ? "" : n.subject(), MAX_SUBJECT));
    // Description is what the customer wrote and may show in a portal: an internal note goes to a
    // private CaseComment instead, and the Description only says where the Case came from
    body.put("Description", n.publicDescription() ? description(text)
        : truncate(n.subject() == null ? "Opened by Helpdesk Bridge" : n.subject(), MAX_DESCRIPTION));
    if (config.origin() != null && !config.origin().isBlank()) body.put("Origin", config.origin());
    String priority = config.priorityFor(n.priority());
    if (priority != null) body.put("Priority", priority);
    String type = config.typeFor(n.type());
    if (type != null) body.put("Type", type);
    if (n.requesterEmail() != null && !n.requesterEmail().isBlank()) body.put("SuppliedEmail", n.requesterEmail());
    if (n.orderId() != null && !n.orderId().isBlank()) body.put(config.orderField(), n.orderId());
    n.fields().forEach((logical, value) -> {
      String field = config.fieldFor(logical);
      if (field != null && !field.equals(config.orderField())) body.put(field, value);
    });
    if (config.tagsField() != null && !n.tags().isEmpty()) {
      body.put(config.tagsField(), String.join(config.tagsSeparator(), new LinkedHashSet<>(n.tags())));
    }
    String what = "create Case " + config.externalIdField() + "=" + idempotencyKey;
    SalesforceApi.Answer answer = api.upsert(what, "Case", config.externalIdField(), idempotencyKey, body);
    JsonNode result = answer.body();
    boolean created = answer.status() == 201 || (result != null && result.path("created").asBoolean(false));
    String id = result == null ? null : result.path("id").asText(null);
    if (id == null) id = caseByExternalId(what, idempotencyKey);
    TicketRef ref = new TicketRef(config.connectorId(), id);
    if (!n.publicDescription()) {
      String marker = lastLine(text);
      // a retried create finds its Case again (the upsert updated it): post the note only once
      if (created || marker.isEmpty() || !hasMarker(ref, marker)) {
        ObjectNode composite = compositeRequest();
        addComments((ArrayNode) composite.get("compositeRequest"), id,
            CommentSplitter.split(text, CommentSplitter.MAX_BYTES, MAX_SUBREQUESTS), false);
        sendComposite("add the note to new Case " + id, composite);
      }
    }
    return ref;
  }

  private String caseByExternalId(String what, String key) throws HelpdeskException {
    String soql = "SELECT Id FROM Case WHERE " + config.externalIdField() + " = " + Soql.literal(key) + " LIMIT 1";
    JsonNode records = records(api.query(what, soql).body());
    if (records.isEmpty()) throw HelpdeskException.retryable(0, what + ": the upsert answered without an id and no Case has the key yet", null);
    return records.get(0).path("Id").asText();
  }

  /** Description holds at most 32,000 characters: a longer note loses its middle, never its marker. */
  private static String description(String text) {
    if (text.length() <= MAX_DESCRIPTION) return text;
    String tail = lastLine(text);
    String cut = "\n[… trimmed by Helpdesk Bridge]\n\n";
    return truncate(text, MAX_DESCRIPTION - cut.length() - tail.length()) + cut + tail;
  }

  private static String lastLine(String text) {
    String t = text.stripTrailing();
    return t.substring(t.lastIndexOf('\n') + 1);
  }

  private static String truncate(String s, int maxChars) {
    if (s.length() <= maxChars) return s;
    int end = maxChars;
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) end--;
    return s.substring(0, end);
  }

  // ---------------------------------------------------------------- composite

  private ObjectNode compositeRequest() {
    ObjectNode composite = json.createObjectNode();
    composite.put("allOrNone", true);
    // keep our order (Case update, then the note's parts in order); the flag exists from v48.0 on
    if (Double.parseDouble(config.apiVersion()) >= 48.0) composite.put("collateSubrequests", false);
    composite.putArray("compositeRequest");
    return composite;
  }

  private ObjectNode subrequest(String method, String url, String referenceId, JsonNode body) {
    ObjectNode r = json.createObjectNode();
    r.put("method", method);
    r.put("url", url);
    r.put("referenceId", referenceId);
    r.set("body", body);
    return r;
  }

  private void addComments(ArrayNode subrequests, String caseId, List<String> parts, boolean published) {
    int i = 1;
    for (String part : parts) {
      ObjectNode comment = json.createObjectNode();
      comment.put("ParentId", caseId);
      comment.put("CommentBody", part);
      comment.put("IsPublished", published);
      subrequests.add(subrequest("POST", api.dataPath() + "/sobjects/CaseComment", "comment" + i++, comment));
    }
  }

  /**
   * Sends one composite request. It answers 200 even when a subrequest failed; with {@code
   * allOrNone} the failed one carries the real error and the others {@code PROCESSING_HALTED}.
   */
  private void sendComposite(String what, ObjectNode composite) throws HelpdeskException {
    SalesforceApi.Answer answer = api.composite(what, composite);
    JsonNode results = answer.body() == null ? null : answer.body().path("compositeResponse");
    if (results == null || !results.isArray()) {
      throw HelpdeskException.retryable(answer.status(), what + ": Salesforce's composite answer has no compositeResponse", null);
    }
    HelpdeskException halted = null;
    for (JsonNode r : results) {
      int status = r.path("httpStatusCode").asInt(0);
      if (status >= 200 && status < 300) continue;
      List<SalesforceErrors.Error> errors = SalesforceErrors.errorsFrom(r.path("body"));
      String sub = what + " (" + r.path("referenceId").asText("?") + ")";
      HelpdeskException e = SalesforceErrors.classify(sub, status, errors, r.path("body").toString(), answer.limitInfo(),
          config.limitBackoff(), null);
      boolean onlyHalted = !errors.isEmpty() && errors.stream().allMatch(x -> "PROCESSING_HALTED".equals(x.errorCode()));
      if (!onlyHalted) throw e;
      if (halted == null) halted = e;
    }
    if (halted != null) throw halted;
  }

  // ---------------------------------------------------------------- helpers

  private static JsonNode records(JsonNode queryAnswer) {
    return queryAnswer == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : queryAnswer.path("records");
  }

  private static String caseId(TicketRef ref) throws HelpdeskException {
    if (!Soql.isRecordId(ref.id())) throw HelpdeskException.permanent(404, "'" + ref.id() + "' is not a Salesforce Case id");
    return ref.id();
  }

  @Override
  public String describe() {
    String instance = api.instanceUrl();
    return "Salesforce at " + (instance == null ? config.loginUrl() : instance) + " (login " + config.loginUrl() + ", "
        + config.auth().setting + (config.username() == null ? "" : " as " + config.username()) + ", API v" + config.apiVersion()
        + (events == null ? "" : ", Case events from " + config.caseEventsChannel()) + ")";
  }

  /** Starts the Case events subscription (it subscribes once the bridge consumes events). */
  void subscribe(SalesforceCaseEvents caseEvents) {
    this.events = caseEvents;
    caseEvents.start();
  }

  @Override
  public void close() {
    if (events != null) events.close();
    api.close();
  }
}
