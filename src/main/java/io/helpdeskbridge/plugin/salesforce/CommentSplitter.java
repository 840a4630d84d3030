package io.helpdeskbridge.plugin.salesforce;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a note into CaseComment bodies of at most {@value #MAX_BYTES} UTF-8 bytes (CommentBody's
 * limit is in bytes, not characters). Cuts fall on code point boundaries, so no UTF-8 sequence and
 * no surrogate pair is ever split; a cut prefers the end of a line, then a space, and only then any
 * code point. Nothing is added or dropped: the parts, concatenated, are the note. The marker, the
 * note's last line preceded by a blank line, therefore always ends up whole in the last part.
 */
final class CommentSplitter {
  /** CaseComment.CommentBody: 4,000 bytes. */
  static final int MAX_BYTES = 4000;

  private static final String TRIMMED = "\n[… trimmed by Helpdesk Bridge: the note was too long for one Salesforce request]\n\n";

  private CommentSplitter() {}

  static List<String> split(String text) {
    return split(text, MAX_BYTES);
  }

  static List<String> split(String text, int maxBytes) {
    if (maxBytes < 4) throw new IllegalArgumentException("maxBytes must hold one code point");
    List<String> parts = new ArrayList<>();
    int start = 0;
    int length = text.length();
    while (start < length) {
      // the longest run from start that fits, ending on a code point boundary
      int limit = start;
      int bytes = 0;
      while (limit < length) {
        int cp = text.codePointAt(limit);
        int b = utf8Length(cp);
        if (bytes + b > maxBytes) break;
        bytes += b;
        limit += Character.charCount(cp);
      }
      if (limit >= length) {
        parts.add(text.substring(start));
        break;
      }
      int cut = lastBreakAfter(text, start, limit, '\n');
      if (cut < 0) cut = lastWhitespaceBreak(text, start, limit);
      if (cut < 0) cut = limit;
      parts.add(text.substring(start, cut));
      start = cut;
    }
    if (parts.isEmpty()) parts.add("");
    return parts;
  }

  /**
   * At most {@code maxParts} parts: a longer note loses the end of its body (never its last line,
   * the marker), with a line saying so.
   */
  static List<String> split(String text, int maxBytes, int maxParts) {
    List<String> parts = split(text, maxBytes);
    if (parts.size() <= maxParts) return parts;
    int nl = text.stripTrailing().lastIndexOf('\n');
    String lastLine = nl < 0 ? "" : text.substring(nl + 1);
    String body = nl < 0 ? text : text.substring(0, nl);
    // leave a part's worth of slack for line-friendly cuts; shrink further if cuts still waste more
    int budget = Math.max(0, (maxParts - 1) * maxBytes - utf8Length(TRIMMED) - utf8Length(lastLine));
    while (true) {
      parts = split(prefixOfBytes(body, budget).stripTrailing() + TRIMMED + lastLine, maxBytes);
      if (parts.size() <= maxParts || budget == 0) return parts;
      budget = Math.max(0, budget - maxBytes / 2);
    }
  }

  /** The longest prefix of {@code text} that fits in {@code maxBytes}, cut on a code point boundary. */
  static String prefixOfBytes(String text, int maxBytes) {
    int i = 0;
    int bytes = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int b = utf8Length(cp);
      if (bytes + b > maxBytes) break;
      bytes += b;
      i += Character.charCount(cp);
    }
    return text.substring(0, i);
  }

  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      n += utf8Length(cp);
      i += Character.charCount(cp);
    }
    return n;
  }

  private static int utf8Length(int cp) {
    if (cp < 0x80) return 1;
    if (cp < 0x800) return 2;
    if (cp < 0x10000) return 3; // also a lone surrogate, which Java's encoder writes as one '?'
    return 4;
  }

  /** Index just after the last {@code c} in [start, limit), or -1. */
  private static int lastBreakAfter(String text, int start, int limit, char c) {
    int i = text.lastIndexOf(c, limit - 1);
    return i >= start ? i + 1 : -1;
  }

  private static int lastWhitespaceBreak(String text, int start, int limit) {
    for (int i = limit - 1; i >= start; i--) {
      if (Character.isWhitespace(text.charAt(i))) return i + 1;
    }
    return -1;
  }
}
