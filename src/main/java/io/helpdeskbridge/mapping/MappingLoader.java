package io.helpdeskbridge.mapping;

import com.github.mustachejava.MustacheException;
import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.yaml.Problem;
import io.helpdeskbridge.yaml.ProblemsException;
import io.helpdeskbridge.yaml.YNode;
import io.helpdeskbridge.yaml.YamlFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks {@code mappings/*.yaml}. Every problem is reported with its file and line:
 * unknown keys, an unknown event type, a bad correlation strategy, a malformed template, a
 * placeholder that names no property of the event.
 */
public final class MappingLoader {

  private static final Set<String> TOP = Set.of("id", "on", "description", "ticket", "change", "sensitive");
  private static final Set<String> TICKET = Set.of("find", "when-missing", "subject", "type");
  private static final List<String> TICKET_TYPES = List.of("question", "incident", "problem", "task");
  private static final Set<String> CHANGE = Set.of("note", "public", "tags", "fields", "priority", "status");
  private static final Set<String> TAGS = Set.of("add", "remove");
  private static final List<String> PRIORITIES = List.of("unchanged", "low", "normal", "high", "urgent");
  private static final List<String> STATUSES = List.of("unchanged", "new", "open", "pending", "hold", "solved");
  private static final Pattern TAG = Pattern.compile("[a-z0-9_\\-:/]+");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\{?\\s*([#^/&!><=]?)\\s*([^}\\s]*)[^}]*}?}}");

  private final TemplateRenderer renderer = new TemplateRenderer();

  public Map<String, Mapping> load(List<BridgeHome.ConfigFile> files) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Mapping> out = new LinkedHashMap<>();
    for (BridgeHome.ConfigFile f : files) {
      try {
        Mapping m = loadOne(f, problems);
        if (m != null) out.put(m.id(), m);
      } catch (ProblemsException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) throw new ProblemsException(problems);
    return out;
  }

  private Mapping loadOne(BridgeHome.ConfigFile f, List<Problem> problems) {
    YNode root = YamlFiles.parse(f.location(), f.text());
    int before = problems.size();
    if (!root.isMap()) {
      problems.add(root.problem("a mapping file is a mapping with id, on, ticket and change"));
      return null;
    }
    unknownKeys(root, TOP, "", problems);
    String stem = f.name().replaceFirst("\\.ya?ml$", "");
    String id = scalar(root, "id");
    if (id == null) problems.add(root.problem("missing key 'id' (it must equal the file name: " + stem + ")"));
    else if (!id.equals(stem)) problems.add(root.get("id").get().problem("id '" + id + "' must equal the file name '" + stem + "'"));

    String on = scalar(root, "on");
    Class<?> type = null;
    if (on == null) problems.add(root.problem("missing key 'on' (one of: " + String.join(", ", EventTypes.names()) + ")"));
    else {
      type = EventTypes.byName(on).orElse(null);
      if (type == null) problems.add(root.get("on").get().problem(
          "unknown event type '" + on + "' (known: " + String.join(", ", EventTypes.names()) + ")"));
    }

    YNode ticket = root.get("ticket").orElse(null);
    List<String> find = List.of("index", "field:order_id", "external_id");
    Mapping.WhenMissing whenMissing = Mapping.WhenMissing.SKIP;
    String subject = null;
    String ticketType = null;
    if (ticket != null) {
      if (!ticket.isMap()) problems.add(ticket.problem("'ticket' must be a mapping (find, when-missing, subject)"));
      else {
        unknownKeys(ticket, TICKET, "ticket.", problems);
        YNode findNode = ticket.get("find").orElse(null);
        if (findNode != null) {
          find = new ArrayList<>();
          if (!findNode.isList()) problems.add(findNode.problem("'ticket.find' must be a list, e.g. [index, field:order_id, external_id]"));
          for (YNode s : findNode.items()) {
            String v = s.scalar();
            if (v == null || !(v.equals("index") || v.equals("external_id") || v.matches("field:(order_id|tracking_number|email|payment_id)"))) {
              problems.add(s.problem("unknown correlation strategy '" + v + "' (use index, external_id, field:order_id, field:tracking_number, field:email or field:payment_id)"));
            } else find.add(v);
          }
        }
        String wm = scalar(ticket, "when-missing");
        if (wm != null) {
          whenMissing = Mapping.WhenMissing.parse(wm);
          if (whenMissing == null) problems.add(ticket.get("when-missing").get().problem(
              "'when-missing' must be skip, create or dead-letter, not '" + wm + "'"));
        }
        subject = scalar(ticket, "subject");
        ticketType = scalar(ticket, "type");
        if (ticketType != null && !TICKET_TYPES.contains(ticketType)) {
          problems.add(ticket.get("type").get().problem("'ticket.type' must be one of " + TICKET_TYPES + ", not '" + ticketType + "'"));
        }
        template(ticket.get("subject").orElse(null), type, problems);
      }
    }

    YNode change = root.get("change").orElse(null);
    String note = null;
    boolean publicNote = false;
    List<String> add = List.of();
    List<String> remove = List.of();
    Map<String, String> fields = new LinkedHashMap<>();
    String priority = "unchanged";
    String status = "unchanged";
    if (change == null) problems.add(root.problem("missing key 'change' (what to do to the ticket)"));
    else if (!change.isMap()) problems.add(change.problem("'change' must be a mapping (note, public, tags, fields, priority, status)"));
    else {
      unknownKeys(change, CHANGE, "change.", problems);
      note = scalar(change, "note");
      template(change.get("note").orElse(null), type, problems);
      String pub = scalar(change, "public");
      if (pub != null) {
        if (!pub.equals("true") && !pub.equals("false")) problems.add(change.get("public").get().problem("'public' must be true or false"));
        publicNote = pub.equals("true");
      }
      YNode tags = change.get("tags").orElse(null);
      if (tags != null) {
        if (!tags.isMap()) problems.add(tags.problem("'tags' must be a mapping with add and/or remove lists"));
        else {
          unknownKeys(tags, TAGS, "change.tags.", problems);
          add = tagList(tags.get("add").orElse(null), problems);
          remove = tagList(tags.get("remove").orElse(null), problems);
        }
      }
      YNode fieldsNode = change.get("fields").orElse(null);
      if (fieldsNode != null && fieldsNode.isMap()) {
        for (Map.Entry<String, YNode> e : fieldsNode.keys().entrySet()) {
          String k = e.getKey();
          YNode v = fieldsNode.get(k).get();
          if (!k.matches("[a-z][a-z0-9_]*")) problems.add(e.getValue().problem("field name '" + k + "' must be a logical name like order_status"));
          fields.put(k, v.scalar());
          template(v, type, problems);
        }
      } else if (fieldsNode != null && (fieldsNode.isList() || fieldsNode.toJava() != null)) {
        problems.add(fieldsNode.problem("'fields' must be a mapping of logical_field: value"));
      }
      priority = oneOf(change, "priority", PRIORITIES, problems);
      status = oneOf(change, "status", STATUSES, problems);
    }
    List<String> sensitive = new ArrayList<>();
    YNode sens = root.get("sensitive").orElse(null);
    if (sens != null) {
      if (!sens.isList()) problems.add(sens.problem("'sensitive' must be a list of event properties, e.g. [order.email]"));
      Set<String> known = type == null ? Set.of() : EventTypes.paths(EventTypes.templateContext(type));
      for (YNode item : sens.items()) {
        String v = item.scalar();
        if (type != null && (v == null || !known.contains(v))) {
          problems.add(item.problem("'" + v + "' is not a property of " + type.getSimpleName()));
        } else if (v != null) sensitive.add(v);
      }
    }
    if (problems.size() > before) return null;
    return new Mapping(id, f.location(), on, List.copyOf(find), whenMissing, subject, ticketType, note, publicNote, add,
        remove, fields, priority, status, List.copyOf(sensitive));
  }

  private void template(YNode node, Class<?> type, List<Problem> problems) {
    if (node == null || node.scalar() == null) return;
    String text = node.scalar();
    Matcher m = PLACEHOLDER.matcher(text);
    int depth = 0;
    List<Problem> found = new ArrayList<>();
    Set<String> known = type == null ? Set.of() : EventTypes.paths(EventTypes.templateContext(type));
    while (m.find()) {
      String kind = m.group(1);
      String name = m.group(2);
      int line = node.isBlockScalar() ? node.line() + 1 + lineOffset(text, m.start()) : node.line();
      switch (kind) {
        case "!" -> {
          continue; // a comment
        }
        case ">", "<", "=" -> {
          // partials would read files beside the mapping into a ticket; delimiter changes defeat this check
          found.add(new Problem(node.file(), line, "{{" + kind + "...}} is not allowed in mapping templates"));
          continue;
        }
        case "/" -> {
          depth = Math.max(0, depth - 1);
          continue;
        }
        default -> { }
      }
      // inside {{#x}} names resolve against x's value; inverted sections keep the event as context
      if (type != null && depth == 0 && !name.equals(".") && !known.contains(name)) {
        found.add(new Problem(node.file(), line, "placeholder {{" + name + "}} is not a property of " + type.getSimpleName()
            + " (known: " + String.join(", ", known) + ")"));
      }
      if (kind.equals("#")) depth++;
    }
    if (!found.isEmpty()) {
      problems.addAll(found);
      return;
    }
    try {
      renderer.compile(node.file(), text);
    } catch (MustacheException e) {
      problems.add(node.problem("template does not compile: " + e.getMessage()));
    }
  }

  private static int lineOffset(String text, int index) {
    int n = 0;
    for (int i = 0; i < index; i++) if (text.charAt(i) == '\n') n++;
    return n;
  }

  private static List<String> tagList(YNode node, List<Problem> problems) {
    if (node == null) return List.of();
    if (!node.isList()) {
      problems.add(node.problem("tags must be a list, e.g. [refund_issued]"));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (YNode t : node.items()) {
      String v = t.scalar();
      if (v == null || !TAG.matcher(v).matches()) problems.add(t.problem("tag '" + v + "' must be lower-case letters, digits, _ - : /"));
      else out.add(v);
    }
    return out;
  }

  private static String oneOf(YNode parent, String key, List<String> allowed, List<Problem> problems) {
    String v = scalar(parent, key);
    if (v == null) return "unchanged";
    if (!allowed.contains(v)) problems.add(parent.get(key).get().problem("'" + key + "' must be one of " + allowed + ", not '" + v + "'"));
    return v;
  }

  private static String scalar(YNode parent, String key) {
    return parent.get(key).map(YNode::scalar).orElse(null);
  }

  private static void unknownKeys(YNode node, Set<String> allowed, String prefix, List<Problem> problems) {
    node.keys().forEach((k, kn) -> {
      if (!allowed.contains(k)) {
        problems.add(kn.problem("unknown key '" + prefix + k + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")"));
      }
    });
  }
}
