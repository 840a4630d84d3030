package io.helpdeskbridge.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlFilesTest {

  private static Problem onlyProblem(String file, String text) {
    ProblemsException e = catchThrowableOfType(ProblemsException.class, () -> YamlFiles.parse(file, text));
    assertThat(e).as("parsing should fail for:%n%s", text).isNotNull();
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  @Test
  void badIndentationIsAProblemAtItsLineWithTheFileLabel() {
    Problem p = onlyProblem("connectors/zendesk.yaml", "id: zendesk\nplugin: zendesk\n  settings: x\n");

    assertThat(p.file()).isEqualTo("connectors/zendesk.yaml");
    assertThat(p.line()).isEqualTo(3);
    assertThat(p.message()).startsWith("YAML syntax: ");
    assertThat(p.toString()).startsWith("connectors/zendesk.yaml:3: YAML syntax: ");
  }

  @Test
  void dedentedKeyInsideANestedMappingPointsAtThatKey() {
    Problem p = onlyProblem("m.yaml", "a:\n  b: 1\n  c: 2\n d: 3\n");

    assertThat(p.line()).isEqualTo(4);
    assertThat(p.file()).isEqualTo("m.yaml");
  }

  @Test
  void tabIndentationIsAProblemAtTheTabsLine() {
    Problem p = onlyProblem("m.yaml", "a:\n  b: 1\n\tc: 2\n");

    assertThat(p.line()).isEqualTo(3);
    assertThat(p.message()).contains("TAB");
  }

  @Test
  void unclosedQuoteIsASyntaxProblemOfTheFile() {
    Problem p = onlyProblem("mappings/x.yaml", "id: x\nnote: \"never closed\non: RefundIssued\n");

    assertThat(p.file()).isEqualTo("mappings/x.yaml");
    assertThat(p.message()).startsWith("YAML syntax: ").doesNotContain("\n");
  }

  @Test
  void unclosedFlowSequenceIsASyntaxProblem() {
    Problem p = onlyProblem("m.yaml", "find: [index, external_id\nwhen-missing: skip\n");

    assertThat(p.file()).isEqualTo("m.yaml");
    assertThat(p.message()).startsWith("YAML syntax: ");
  }

  @Test
  void emptyFileIsAProblemAtLineOne() {
    Problem p = onlyProblem("connectors/empty.yaml", "");

    assertThat(p).isEqualTo(new Problem("connectors/empty.yaml", 1, "the file is empty"));
  }

  @Test
  void fileWithOnlyCommentsCountsAsEmpty() {
    Problem p = onlyProblem("c.yaml", "# nothing here yet\n\n");

    assertThat(p.line()).isEqualTo(1);
    assertThat(p.message()).isEqualTo("the file is empty");
  }

  @Test
  void linesOfNestedKeysAndValuesAreOneBased() {
    String text = """
        # comment line 1
        id: refund-issued
        ticket:
          find: [index, external_id]

          when-missing: skip
        change:
          tags:
            add:
              - refund_issued
              - refunded
        """;
    YNode root = YamlFiles.parse("m.yaml", text);

    assertThat(root.isMap()).isTrue();
    assertThat(root.file()).isEqualTo("m.yaml");
    Map<String, YNode> keys = root.keys();
    assertThat(keys.keySet()).containsExactly("id", "ticket", "change");
    assertThat(keys.get("id").line()).isEqualTo(2);
    assertThat(keys.get("ticket").line()).isEqualTo(3);
    assertThat(keys.get("change").line()).isEqualTo(7);

    YNode ticket = root.get("ticket").orElseThrow();
    assertThat(ticket.keys().get("find").line()).isEqualTo(4);
    assertThat(ticket.keys().get("when-missing").line()).isEqualTo(6);
    assertThat(ticket.get("when-missing").orElseThrow().line()).isEqualTo(6);
    assertThat(ticket.get("when-missing").orElseThrow().scalar()).isEqualTo("skip");

    YNode find = ticket.get("find").orElseThrow();
    assertThat(find.isList()).isTrue();
    assertThat(find.items()).extracting(YNode::scalar).containsExactly("index", "external_id");

    YNode add = root.get("change").orElseThrow().get("tags").orElseThrow().get("add").orElseThrow();
    assertThat(add.items()).extracting(YNode::line).containsExactly(10, 11);
    assertThat(add.items().get(1).problem("bad tag")).isEqualTo(new Problem("m.yaml", 11, "bad tag"));
  }

  @Test
  void missingKeyIsEmptyAndScalarOfAMapIsNull() {
    YNode root = YamlFiles.parse("m.yaml", "a:\n  b: 1\n");

    assertThat(root.get("nope")).isEmpty();
    assertThat(root.get("a").orElseThrow().scalar()).isNull();
    assertThat(root.get("a").orElseThrow().isMap()).isTrue();
    assertThat(root.get("a").orElseThrow().get("b").orElseThrow().isScalar()).isTrue();
  }

  @Test
  void toJavaTurnsPlainNullsIntoNullButKeepsQuotedOnes() {
    YNode root = YamlFiles.parse("m.yaml", "a: ~\nb:\nc: 'null'\nd: [x, 2]\ne:\n  f: g\n");

    Object java = root.toJava();

    assertThat(java).isInstanceOf(Map.class);
    Map<?, ?> m = (Map<?, ?>) java;
    assertThat(m.get("a")).isNull();
    assertThat(m.containsKey("b")).isTrue();
    assertThat(m.get("b")).isNull();
    assertThat(m.get("c")).isEqualTo("null");
    assertThat(m.get("d")).isEqualTo(List.of("x", "2"));
    assertThat(m.get("e")).isEqualTo(Map.of("f", "g"));
  }
}
