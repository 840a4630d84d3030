package io.helpdeskbridge.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * The console's HTML: escaping, and the page frame. Every value that came from outside (payloads,
 * errors, ids, form input) goes through {@link #esc}; the page's style and script are the files
 * in {@code console/} on the classpath, inlined and allowed by their hash in the
 * Content-Security-Policy, so no other script can run even if some text escaped escaping.
 */
public final class Html {
  static final String CSS = resource("console/console.css");
  static final String JS = resource("console/console.js");
  static final String CSP = "default-src 'none'; style-src '" + sha256(CSS) + "'; script-src '" + sha256(JS)
      + "'; connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  /** The pages of the navigation, in order: path under the console, label. */
  private static final String[][] NAV = {
    {"", "Overview"}, {"/events", "Events"}, {"/dead", "Dead letters"}, {"/try", "Mapping try-out"}
  };

  private Html() {}

  /** Text as HTML text or attribute value: {@code & < > " '} escaped; null as empty. */
  public static String esc(Object value) {
    if (value == null) return "";
    String s = value.toString();
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A query-string value. */
  static String url(String value) {
    return java.net.URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
  }

  /** A point in time, readable and machine-readable; a dash when unknown. */
  static String time(Instant at) {
    if (at == null) return "<span class=\"muted\">never</span>";
    return "<time datetime=\"" + esc(at.toString()) + "\">" + esc(TIME.format(at)) + "</time>";
  }

  /** A short text cut to {@code max} characters (with an ellipsis), escaped. */
  static String cut(String text, int max) {
    if (text == null) return "";
    return esc(text.length() <= max ? text : text.substring(0, max - 1) + "…");
  }

  /**
   * A whole page: the navigation (with the current page marked), the title as the page's one
   * {@code h1}, the content, and a logout form when there is a session.
   *
   * @param csrf the session's form token, or null when the page is shown without a session
   */
  static String page(String title, String current, String csrf, String content) {
    StringBuilder b = new StringBuilder(4096 + content.length());
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(title)).append(" · Helpdesk Bridge ops console</title>\n")
        .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n")
        .append("<a class=\"skip\" href=\"#main\">Skip to content</a>\n")
        .append("<header>\n<p class=\"brand\">Helpdesk Bridge · ops console</p>\n");
    if (csrf != null) {
      b.append("<nav aria-label=\"Console\">\n<ul>\n");
      for (String[] item : NAV) {
        boolean here = item[0].equals(current);
        b.append("<li><a href=\"").append(OpsConsole.BASE).append(item[0]).append('"')
            .append(here ? " aria-current=\"page\"" : "").append('>').append(esc(item[1])).append("</a></li>\n");
      }
      b.append("</ul>\n</nav>\n<form class=\"logout\" method=\"post\" action=\"").append(OpsConsole.BASE).append("/logout\">")
          .append(csrfField(csrf)).append("<button type=\"submit\">Log out</button></form>\n");
    }
    b.append("</header>\n<main id=\"main\">\n<h1>").append(esc(title)).append("</h1>\n").append(content)
        .append("\n</main>\n<script>").append(JS).append("</script>\n</body>\n</html>\n");
    return b.toString();
  }

  static String csrfField(String csrf) {
    return "<input type=\"hidden\" name=\"" + ConsoleAuth.CSRF_FIELD + "\" value=\"" + esc(csrf) + "\">";
  }

  /** A notice for the reader: role=status for news, role=alert for errors. */
  static String notice(String kind, String text) {
    return "<p class=\"notice " + esc(kind) + "\" role=\"" + ("error".equals(kind) ? "alert" : "status") + "\">" + esc(text) + "</p>\n";
  }

  /** A status word with a class to colour it (the word itself carries the meaning without CSS). */
  static String status(String status) {
    return "<span class=\"status status-" + esc(status) + "\">" + esc(status) + "</span>";
  }

  private static String resource(String name) {
    try (InputStream in = Html.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException(name + " is missing from the classpath");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
