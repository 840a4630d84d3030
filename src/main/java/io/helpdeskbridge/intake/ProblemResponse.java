package io.helpdeskbridge.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Writes RFC 9457 problem bodies ({@code application/problem+json}) and plain JSON answers. */
final class ProblemResponse {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProblemResponse() {}

  static void problem(Exchange exchange, int status, String title, String detail) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    Object path = exchange.getMessage().getHeader(Exchange.HTTP_PATH);
    if (path != null) body.put("instance", path.toString());
    write(exchange, status, "application/problem+json", body.toString());
  }

  static void json(Exchange exchange, int status, ObjectNode body) {
    write(exchange, status, "application/json", body.toString());
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  private static void write(Exchange exchange, int status, String type, String body) {
    Message m = exchange.getMessage();
    m.removeHeaders("*");
    m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    m.setHeader(Exchange.CONTENT_TYPE, type);
    m.setBody(body);
  }
}
