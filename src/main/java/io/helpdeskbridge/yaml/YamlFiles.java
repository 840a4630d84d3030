package io.helpdeskbridge.yaml;

import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;

/** Parses YAML text into {@link YNode}s, turning syntax errors into {@link Problem}s with a line. */
public final class YamlFiles {
  private YamlFiles() {}

  /** The document's root node; an empty file is a problem, not a null. */
  public static YNode parse(String file, String text) {
    Compose compose = new Compose(LoadSettings.builder().setLabel(file).build());
    try {
      Optional<org.snakeyaml.engine.v2.nodes.Node> root = compose.composeString(text);
      if (root.isEmpty()) {
        throw new ProblemsException(java.util.List.of(new Problem(file, 1, "the file is empty")));
      }
      YNode node = new YNode(root.get(), file);
      java.util.List<Problem> duplicates = new java.util.ArrayList<>();
      node.duplicateKeys(duplicates);
      if (!duplicates.isEmpty()) throw new ProblemsException(duplicates);
      return node;
    } catch (MarkedYamlEngineException e) {
      // at the end of the file (an unclosed quote) the context mark says where the trouble started
      boolean atEnd = e.getProblem() != null && e.getProblem().contains("end of stream");
      var mark = atEnd ? e.getContextMark().or(e::getProblemMark) : e.getProblemMark().or(e::getContextMark);
      int line = mark.map(m -> m.getLine() + 1).orElse(1);
      String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
      throw new ProblemsException(java.util.List.of(new Problem(file, line, "YAML syntax: " + firstLine(e.getProblem()) + context)));
    } catch (YamlEngineException e) {
      throw new ProblemsException(java.util.List.of(new Problem(file, 1, "YAML syntax: " + firstLine(e.getMessage()))));
    }
  }

  private static String firstLine(String s) {
    if (s == null) return "invalid YAML";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
