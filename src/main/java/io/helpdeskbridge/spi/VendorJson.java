package io.helpdeskbridge.spi;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Tolerant reads of vendor JSON for normalizers: a field that is missing, null, blank or of the
 * wrong type reads as null instead of throwing, so an odd payload yields "nothing to do".
 */
public final class VendorJson {
  private VendorJson() {}

  /** The text of a string node; null for anything else or blank. */
  public static String text(JsonNode node) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      return null;
    }
    return node.asText();
  }
}
