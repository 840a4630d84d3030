package io.helpdeskbridge.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A YAML node that remembers its file and line, so every validation message can point at the
 * exact key an operator has to fix. A thin view over snakeyaml-engine's composed nodes.
 */
public final class YNode {
  private final Node node;
  private final String file;

  YNode(Node node, String file) {
    this.node = node;
    this.file = file;
  }

  public String file() {
    return file;
  }

  /** 1-based line of the node's start. */
  public int line() {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
  }

  public boolean isMap() {
    return node instanceof MappingNode;
  }

  public boolean isList() {
    return node instanceof SequenceNode;
  }

  public boolean isScalar() {
    return node instanceof ScalarNode;
  }

  /** A {@code |} or {@code >} block: its text starts on the line after the key. */
  public boolean isBlockScalar() {
    return node instanceof ScalarNode s
        && (s.getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.LITERAL
            || s.getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.FOLDED);
  }

  /** Each key that appears twice in a mapping (YAML would silently keep one), anywhere below. */
  public void duplicateKeys(java.util.List<Problem> problems) {
    if (node instanceof MappingNode m) {
      Map<String, Integer> seen = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          YNode key = new YNode(k, file);
          Integer first = seen.putIfAbsent(k.getValue(), key.line());
          if (first != null) problems.add(key.problem("duplicate key '" + k.getValue() + "' (first at line " + first + ")"));
        }
        new YNode(t.getValueNode(), file).duplicateKeys(problems);
      }
    } else if (node instanceof SequenceNode) {
      items().forEach(i -> i.duplicateKeys(problems));
    }
  }

  public String scalar() {
    return node instanceof ScalarNode s ? s.getValue() : null;
  }

  /** Keys of a mapping in file order, each with the node of its key (for its line). */
  public Map<String, YNode> keys() {
    Map<String, YNode> out = new LinkedHashMap<>();
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) out.put(k.getValue(), new YNode(t.getKeyNode(), file));
      }
    }
    return out;
  }

  public Optional<YNode> get(String key) {
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return Optional.of(new YNode(t.getValueNode(), file));
        }
      }
    }
    return Optional.empty();
  }

  public List<YNode> items() {
    List<YNode> out = new ArrayList<>();
    if (node instanceof SequenceNode s) s.getValue().forEach(n -> out.add(new YNode(n, file)));
    return out;
  }

  public Problem problem(String message) {
    return new Problem(file, line(), message);
  }

  /** Plain Java view: maps, lists and strings (nulls for YAML null). */
  public Object toJava() {
    if (node instanceof ScalarNode s) {
      String v = s.getValue();
      boolean plain = s.isPlain();
      return plain && (v.equals("~") || v.equals("null") || v.isEmpty()) ? null : v;
    }
    if (node instanceof SequenceNode) {
      List<Object> out = new ArrayList<>();
      items().forEach(i -> out.add(i.toJava()));
      return out;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        String k = t.getKeyNode() instanceof ScalarNode ks ? ks.getValue() : String.valueOf(t.getKeyNode());
        out.put(k, new YNode(t.getValueNode(), file).toJava());
      }
    }
    return out;
  }
}
