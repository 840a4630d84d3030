package io.helpdeskbridge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.helpdeskbridge.mapping.Redactor;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What an operator may see of a stored delivery: card numbers masked anywhere, values of keys that
 * look like credentials replaced, signature and authorization headers cut to a prefix.
 */
public final class PayloadMasker {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(secret|password|passwd|token|api[_-]?key|authorization|cvc|cvv|card[_-]?number|hmac|signature).*");

  private static final Pattern USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@]+@");
  private static final Pattern SECRET_PARAM =
      Pattern.compile("(?i)\\b(password|passwd|secret|token|api[_-]?key|access_token|client_secret)=[^&;\\s]+");

  private PayloadMasker() {}

  /**
   * A stored body as an operator may see it. JSON is masked value by value, so that a field's name
   * can tell an identifier from a card ({@link Redactor#identifierKey}); anything else as text.
   */
  public static String body(String body) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (Exception notJson) {
      return Redactor.mask(body);
    }
    if (node == null || node.isMissingNode()) return Redactor.mask(body);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(mask(null, node));
    } catch (Exception cannotWrite) {
      return Redactor.mask(body);
    }
  }

  /**
   * Free text an operator may see (an error, a description, a URL): card numbers masked, and the
   * credentials a URL may carry ({@code https://user:pass@host}, {@code ?password=…}, {@code
   * token=…}) replaced.
   */
  public static String text(String text) {
    if (text == null) return null;
    String t = USERINFO.matcher(text).replaceAll("$1***@");
    t = SECRET_PARAM.matcher(t).replaceAll("$1=***");
    return Redactor.mask(t);
  }

  /** Whether a key (a JSON field, a header, a connector setting) names something secret. */
  public static boolean secretKey(String key) {
    return key != null && SECRET_KEY.matcher(key).matches();
  }

  /**
   * A connector's settings as the console shows them: a secret setting only says whether it is
   * set, nested maps and lists are shown the same way, other values as {@link #text}.
   */
  public static Map<String, String> settings(Map<String, Object> values) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    values.forEach((k, v) -> flatten(k, v, out));
    return out;
  }

  private static void flatten(String key, Object v, Map<String, String> out) {
    if (secretKey(key) || secretKey(key.substring(key.lastIndexOf('.') + 1))) {
      out.put(key, v == null || v.toString().isBlank() ? "(not set)" : "(set, hidden)");
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) out.put(key, "(none)");
      m.forEach((k, x) -> flatten(key + "." + k, x, out));
    } else if (v instanceof java.util.List<?> l) {
      out.put(key, text(String.join(", ", l.stream().map(String::valueOf).toList())));
    } else {
      out.put(key, v == null || v.toString().isBlank() ? "(not set)" : text(v.toString()));
    }
  }

  public static Map<String, String> headers(Map<String, String> headers) {
    Map<String, String> out = new TreeMap<>();
    headers.forEach((k, v) -> out.put(k, SECRET_KEY.matcher(k).matches() ? cut(v) : Redactor.mask(v)));
    return out;
  }

  /** The node masked: credential-like fields replaced, card numbers masked in every name and value. */
  private static JsonNode mask(String key, JsonNode node) {
    if (node instanceof ObjectNode o) {
      ObjectNode out = JSON.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        boolean secret = SECRET_KEY.matcher(f.getKey()).matches() && f.getValue().isValueNode() && !f.getValue().isNull();
        out.set(Redactor.mask(f.getKey()), secret ? out.textNode("***") : mask(f.getKey(), f.getValue()));
      }
      return out;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode out = JSON.createArrayNode();
      a.forEach(item -> out.add(mask(key, item)));
      return out;
    }
    boolean id = Redactor.identifierKey(key);
    if (node.isTextual()) {
      String v = node.textValue();
      return TextNode.valueOf(id ? Redactor.maskIdentifier(v) : Redactor.mask(v));
    }
    if (node.isIntegralNumber() && !id) {
      String digits = node.bigIntegerValue().abs().toString();
      String masked = Redactor.mask(digits);
      return masked.equals(digits) ? node : TextNode.valueOf(masked);
    }
    return node;
  }

  private static String cut(String v) {
    if (v == null) return null;
    return v.length() <= 8 ? "***" : v.substring(0, 6).toLowerCase(Locale.ROOT) + "…(" + v.length() + " chars)";
  }
}
