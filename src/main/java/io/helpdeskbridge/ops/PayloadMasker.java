package io.helpdeskbridge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

  private PayloadMasker() {}

  public static String body(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      mask(node);
      return Redactor.mask(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (Exception notJson) {
      return Redactor.mask(body);
    }
  }

  public static Map<String, String> headers(Map<String, String> headers) {
    Map<String, String> out = new TreeMap<>();
    headers.forEach((k, v) -> out.put(k, SECRET_KEY.matcher(k).matches() ? cut(v) : Redactor.mask(v)));
    return out;
  }

  private static void mask(JsonNode node) {
    if (node instanceof ObjectNode o) {
      Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (SECRET_KEY.matcher(f.getKey()).matches() && f.getValue().isValueNode() && !f.getValue().isNull()) {
          f.setValue(o.textNode("***"));
        } else {
          mask(f.getValue());
        }
      }
    } else if (node instanceof ArrayNode a) {
      a.forEach(PayloadMasker::mask);
    }
  }

  private static String cut(String v) {
    if (v == null) return null;
    return v.length() <= 8 ? "***" : v.substring(0, 6).toLowerCase(Locale.ROOT) + "…(" + v.length() + " chars)";
  }
}
