package io.helpdeskbridge.mapping;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import io.helpdeskbridge.event.Money;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders note and field templates against an event. Output is plain text for a helpdesk, so
 * nothing is HTML-escaped; money prints by its currency's rule ({@code {{amount}}} → {@code 25.00 USD}).
 */
public final class TemplateRenderer {

  private final DefaultMustacheFactory factory =
      new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
          try {
            writer.write(value);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
  private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

  /** Compiles a template, throwing {@link MustacheException} with the reason when it is malformed. */
  public Mustache compile(String name, String template) {
    return compiled.computeIfAbsent(name + "\u0000" + template, k -> factory.compile(new StringReader(template), name));
  }

  public String render(String name, String template, Object event) {
    return render(name, template, event, java.util.List.of());
  }

  /** Renders with the {@code sensitive} property paths shown as {@code [redacted]}, card numbers masked. */
  public String render(String name, String template, Object event, java.util.List<String> sensitive) {
    if (template == null) return null;
    Map<String, Object> ctx = context(event);
    for (String path : sensitive) redact(ctx, path.split("\\."), 0);
    StringWriter out = new StringWriter();
    compile(name, template).execute(out, ctx);
    return Redactor.mask(out.toString());
  }

  @SuppressWarnings("unchecked")
  private static void redact(Map<String, Object> ctx, String[] path, int i) {
    if (!ctx.containsKey(path[i]) || ctx.get(path[i]) == null) return;
    if (i == path.length - 1) ctx.put(path[i], "[redacted]");
    else if (ctx.get(path[i]) instanceof Map<?, ?> inner) redact((Map<String, Object>) inner, path, i + 1);
  }

  /** The event as nested maps: what {@code {{order.orderId}}} and {@code {{amount.currency}}} read. */
  public static Map<String, Object> context(Object event) {
    Map<String, Object> ctx = toMap(event);
    ctx.putIfAbsent("type", event.getClass().getSimpleName());
    TemplateFacts.add(ctx);
    return ctx;
  }

  private static Map<String, Object> toMap(Object record) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent rc : record.getClass().getRecordComponents()) {
      try {
        out.put(rc.getName(), view(rc.getAccessor().invoke(record)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  private static Object view(Object value) {
    if (value instanceof Money m) return new MoneyView(m);
    if (value != null && value.getClass().isRecord()) return toMap(value);
    if (value instanceof Boolean) return value; // {{#flag}}...{{/flag}} must see false as false
    // a list is a section: empty renders nothing, items once each ({{.}}), never "[a, b]"
    if (value instanceof java.util.Collection<?> c) return c.stream().map(TemplateRenderer::view).toList();
    return value == null ? null : value.toString();
  }

  /** Money for templates: prints as {@code 25.00 USD}, parts readable as keys. */
  static final class MoneyView extends LinkedHashMap<String, Object> {
    private final String text;

    MoneyView(Money m) {
      put("minor", m.minor());
      put("currency", m.currency());
      put("decimal", m.decimal());
      text = m.format();
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
