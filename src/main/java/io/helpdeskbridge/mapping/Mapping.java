package io.helpdeskbridge.mapping;

import java.util.List;
import java.util.Map;

/**
 * One rule set from {@code mappings/<id>.yaml}: which canonical event it handles, how to find the
 * ticket, what to do when there is none, and the change to make. Templates are Mustache.
 */
public record Mapping(
    String id,
    String file,
    String on,
    List<String> find,
    WhenMissing whenMissing,
    String subjectTemplate,
    String ticketType,
    String noteTemplate,
    boolean publicNote,
    List<String> addTags,
    List<String> removeTags,
    Map<String, String> fieldTemplates,
    String priority,
    String status,
    List<String> sensitive) {

  /** What to do when no ticket is found for the order. */
  public enum WhenMissing {
    SKIP("skip"),
    CREATE("create"),
    DEAD_LETTER("dead-letter");

    private final String yaml;

    WhenMissing(String yaml) {
      this.yaml = yaml;
    }

    public String yaml() {
      return yaml;
    }

    public static WhenMissing parse(String s) {
      for (WhenMissing w : values()) if (w.yaml.equals(s)) return w;
      return null;
    }
  }
}
