package io.helpdeskbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.yaml.Problem;
import io.helpdeskbridge.yaml.ProblemsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingLoaderTest {

  private static final String FILE = "mappings/refund-issued.yaml";

  /** A valid mapping; the line numbers in the comments are what the tests below break. */
  private static final String VALID = """
      id: refund-issued
      on: RefundIssued
      ticket:
        find: [index, field:order_id, external_id]
        when-missing: skip
      change:
        note: |
          Refund of {{amount}} issued in {{source}}.
          Order {{order.orderId}}, reason {{reason}}{{^reason}}not given{{/reason}}.
        tags:
          add: [refund_issued]
          remove: [refund_pending]
      """;

  private static BridgeHome.ConfigFile file(String text) {
    return new BridgeHome.ConfigFile("refund-issued.yaml", FILE, text);
  }

  private static List<Problem> problems(BridgeHome.ConfigFile... files) {
    ProblemsException e = catchThrowableOfType(ProblemsException.class, () -> new MappingLoader().load(List.of(files)));
    assertThat(e).as("loading should have failed").isNotNull();
    return e.problems();
  }

  private static Problem onlyProblem(String text) {
    List<Problem> problems = problems(file(text));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).file()).isEqualTo(FILE);
    return problems.get(0);
  }

  private static String replace(String from, String to) {
    assertThat(VALID).contains(from);
    return VALID.replace(from, to);
  }

  @Test
  void shippedRefundIssuedMappingLoads() throws IOException {
    String text = Files.readString(Path.of("mappings/refund-issued.yaml"));

    Map<String, Mapping> loaded = new MappingLoader().load(List.of(file(text)));

    assertThat(loaded).containsOnlyKeys("refund-issued");
    Mapping m = loaded.get("refund-issued");
    assertThat(m.id()).isEqualTo("refund-issued");
    assertThat(m.file()).isEqualTo(FILE);
    assertThat(m.on()).isEqualTo("RefundIssued");
    assertThat(m.find()).containsExactly("index", "field:order_id", "field:payment_id", "external_id");
    assertThat(m.whenMissing()).isEqualTo(Mapping.WhenMissing.SKIP);
    assertThat(m.addTags()).containsExactly("refund_issued");
    assertThat(m.removeTags()).containsExactly("refund_pending");
    assertThat(m.publicNote()).isFalse();
    assertThat(m.noteTemplate()).startsWith("Refund{{#amount}} of {{amount}}{{/amount}} issued in {{source}}");
    assertThat(m.subjectTemplate()).isNull();
    assertThat(m.fieldTemplates()).containsExactly(java.util.Map.entry("order_status", "{{#fullyRefunded}}refunded{{/fullyRefunded}}"));
    assertThat(m.priority()).isEqualTo("unchanged");
    assertThat(m.status()).isEqualTo("unchanged");
  }

  @Test
  void shippedMappingsFolderLoadsThroughBridgeHome() {
    List<BridgeHome.ConfigFile> files = new BridgeHome(Path.of("")).files("mappings");

    Map<String, Mapping> loaded = new MappingLoader().load(files);

    assertThat(loaded).containsKey("refund-issued");
    assertThat(loaded.get("refund-issued").file()).endsWith("mappings/refund-issued.yaml");
  }

  @Test
  void validMappingWithEveryOptionalPartLoads() {
    String text = """
        id: refund-issued
        on: RefundIssued
        description: everything set
        ticket:
          find:
            - field:order_id
            - index
          when-missing: create
          subject: "Refund for order {{order.orderId}}"
        change:
          note: "{{#order}}Order {{orderId}}{{/order}} refunded {{amount.decimal}}"
          public: true
          tags:
            add: [refund_issued, shop:refund, a-b/c]
          fields:
            refund_total: "{{amount}}"
          priority: high
          status: pending
        """;

    Mapping m = new MappingLoader().load(List.of(file(text))).get("refund-issued");

    assertThat(m.find()).containsExactly("field:order_id", "index");
    assertThat(m.whenMissing()).isEqualTo(Mapping.WhenMissing.CREATE);
    assertThat(m.subjectTemplate()).isEqualTo("Refund for order {{order.orderId}}");
    assertThat(m.publicNote()).isTrue();
    assertThat(m.addTags()).containsExactly("refund_issued", "shop:refund", "a-b/c");
    assertThat(m.removeTags()).isEmpty();
    assertThat(m.fieldTemplates()).containsExactly(Map.entry("refund_total", "{{amount}}"));
    assertThat(m.priority()).isEqualTo("high");
    assertThat(m.status()).isEqualTo("pending");
  }

  @Test
  void dashedWhenMissingValueParses() {
    Mapping m = new MappingLoader().load(List.of(file(replace("when-missing: skip", "when-missing: dead-letter"))))
        .get("refund-issued");

    assertThat(m.whenMissing()).isEqualTo(Mapping.WhenMissing.DEAD_LETTER);
  }

  @Test
  void unknownTopLevelKeyIsReportedAtThatKeysLine() {
    Problem p = onlyProblem(replace("ticket:\n", "colour: blue\nticket:\n"));

    assertThat(p.line()).isEqualTo(3);
    assertThat(p.message())
        .startsWith("unknown key 'colour' (allowed: ")
        .contains("change", "description", "id", "on", "ticket");
  }

  @Test
  void unknownNestedKeyIsReportedWithItsPath() {
    Problem p = onlyProblem(replace("  when-missing: skip\n", "  when-missing: skip\n  serach: all\n"));

    assertThat(p.line()).isEqualTo(6);
    assertThat(p.message()).contains("unknown key 'ticket.serach'");
  }

  @Test
  void unknownEventTypeListsTheKnownTypesAtTheOnLine() {
    Problem p = onlyProblem(replace("on: RefundIssued", "on: RefundIsued"));

    assertThat(p.line()).isEqualTo(2);
    assertThat(p.message()).contains("unknown event type 'RefundIsued'").contains("known: RefundIssued");
  }

  @Test
  void idNotEqualToTheFileNameIsReported() {
    Problem p = onlyProblem(replace("id: refund-issued", "id: refund"));

    assertThat(p.line()).isEqualTo(1);
    assertThat(p.message()).isEqualTo("id 'refund' must equal the file name 'refund-issued'");
  }

  @Test
  void ymlExtensionCountsAsTheFileName() {
    Map<String, Mapping> loaded =
        new MappingLoader().load(List.of(new BridgeHome.ConfigFile("refund-issued.yml", "mappings/refund-issued.yml", VALID)));

    assertThat(loaded).containsOnlyKeys("refund-issued");
  }

  @Test
  void missingIdNamesTheExpectedId() {
    Problem p = onlyProblem(replace("id: refund-issued\n", "description: no id\n"));

    assertThat(p.message()).contains("missing key 'id'").contains("refund-issued");
  }

  @Test
  void badWhenMissingValueIsReported() {
    Problem p = onlyProblem(replace("when-missing: skip", "when-missing: ignore"));

    assertThat(p.line()).isEqualTo(5);
    assertThat(p.message()).isEqualTo("'when-missing' must be skip, create or dead-letter, not 'ignore'");
  }

  @Test
  void badCorrelationStrategyIsReportedAtTheItem() {
    Problem p = onlyProblem(replace(
        "  find: [index, field:order_id, external_id]\n", "  find:\n    - index\n    - by_email\n    - field:order_id\n"));

    assertThat(p.line()).isEqualTo(6);
    assertThat(p.message()).contains("unknown correlation strategy 'by_email'");
  }

  @Test
  void upperCaseLogicalFieldIsNotACorrelationStrategy() {
    Problem p = onlyProblem(replace("field:order_id", "field:Order_ID"));

    assertThat(p.line()).isEqualTo(4);
    assertThat(p.message()).contains("'field:Order_ID'");
  }

  @Test
  void findThatIsNotAListIsReported() {
    Problem p = onlyProblem(replace("find: [index, field:order_id, external_id]", "find: index"));

    assertThat(p.line()).isEqualTo(4);
    assertThat(p.message()).contains("'ticket.find' must be a list");
  }

  @Test
  void badTagIsReportedAtTheTag() {
    Problem p = onlyProblem(replace("add: [refund_issued]", "add: [refund_issued, Refund Issued]"));

    assertThat(p.line()).isEqualTo(11);
    assertThat(p.message()).startsWith("tag 'Refund Issued' must be lower-case");
  }

  @Test
  void tagsThatAreNotAListAreReported() {
    Problem p = onlyProblem(replace("remove: [refund_pending]", "remove: refund_pending"));

    assertThat(p.line()).isEqualTo(12);
    assertThat(p.message()).contains("tags must be a list");
  }

  @Test
  void unknownPlaceholderInABlockScalarIsReportedAtItsOwnLine() {
    Problem p = onlyProblem(replace("Order {{order.orderId}}", "Order {{order.nope}}"));

    assertThat(p.line()).isEqualTo(9);
    assertThat(p.message())
        .startsWith("placeholder {{order.nope}} is not a property of RefundIssued")
        .contains("order.orderId")
        .contains("amount.decimal");
  }

  @Test
  void unknownPlaceholderOnTheFirstLineOfABlockScalarIsReportedThere() {
    Problem p = onlyProblem(replace("Refund of {{amount}}", "Refund of {{amout}}"));

    assertThat(p.line()).isEqualTo(8);
    assertThat(p.message()).startsWith("placeholder {{amout}} is not a property of RefundIssued");
  }

  @Test
  void unknownPlaceholderInAOneLineValueIsReportedOnThatLine() {
    Problem p = onlyProblem(replace("  when-missing: skip\n", "  when-missing: skip\n  subject: \"Refund {{refundID}}\"\n"));

    assertThat(p.line()).isEqualTo(6);
    assertThat(p.message()).startsWith("placeholder {{refundID}} is not a property of RefundIssued");
  }

  @Test
  void placeholdersInsideASectionAreNotCheckedAgainstTheTopLevel() {
    Map<String, Mapping> loaded = new MappingLoader().load(List.of(file(
        replace("Order {{order.orderId}}", "Order {{#order}}{{orderId}} {{email}}{{/order}}"))));

    assertThat(loaded).containsKey("refund-issued");
  }

  @Test
  void unknownPlaceholderInAFieldTemplateIsReported() {
    Problem p = onlyProblem(replace("  tags:\n", "  fields:\n    refund_total: \"{{amount.cents}}\"\n  tags:\n"));

    assertThat(p.line()).isEqualTo(11);
    assertThat(p.message()).startsWith("placeholder {{amount.cents}} is not a property of RefundIssued");
  }

  @Test
  void templateThatDoesNotCompileIsReported() {
    Problem p = onlyProblem(replace("Order {{order.orderId}}, reason", "Order {{#order}}{{orderId}}, reason"));

    assertThat(p.line()).isEqualTo(7);
    assertThat(p.message()).startsWith("template does not compile:");
  }

  @Test
  void badPriorityStatusAndPublicAreReported() {
    List<Problem> problems = problems(file(VALID + "  public: maybe\n  priority: asap\n  status: closed\n"));

    assertThat(problems)
        .extracting(Problem::line, Problem::message)
        .containsExactlyInAnyOrder(
            tuple(13, "'public' must be true or false"),
            tuple(14, "'priority' must be one of [unchanged, low, normal, high, urgent], not 'asap'"),
            tuple(15, "'status' must be one of [unchanged, new, open, pending, hold, solved], not 'closed'"));
  }

  @Test
  void missingChangeIsReported() {
    String text = VALID.substring(0, VALID.indexOf("change:"));

    Problem p = onlyProblem(text);

    assertThat(p.message()).contains("missing key 'change'");
  }

  @Test
  void aMappingFileMustBeAMapping() {
    Problem p = onlyProblem("- id: refund-issued\n");

    assertThat(p.line()).isEqualTo(1);
    assertThat(p.message()).contains("a mapping file is a mapping");
  }

  @Test
  void severalProblemsInOneFileAreAllReported() {
    String text = """
        id: refund-issued
        on: RefundIssued
        colour: blue
        ticket:
          find: [index, by_email]
          when-missing: maybe
        change:
          note: |
            Refund {{nope}}
          tags:
            add: [BAD]
        """;

    List<Problem> problems = problems(file(text));

    assertThat(problems).allSatisfy(p -> assertThat(p.file()).isEqualTo(FILE));
    assertThat(problems)
        .extracting(Problem::line)
        .containsExactlyInAnyOrder(3, 5, 6, 9, 11);
    assertThat(problems)
        .extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).contains("unknown key 'colour'"))
        .anySatisfy(m -> assertThat(m).contains("'by_email'"))
        .anySatisfy(m -> assertThat(m).contains("not 'maybe'"))
        .anySatisfy(m -> assertThat(m).contains("{{nope}}"))
        .anySatisfy(m -> assertThat(m).contains("tag 'BAD'"));
  }

  @Test
  void problemsInTwoFilesAreBothReported() {
    BridgeHome.ConfigFile first = file(replace("when-missing: skip", "when-missing: never"));
    BridgeHome.ConfigFile second = new BridgeHome.ConfigFile("other.yaml", "mappings/other.yaml",
        VALID.replace("id: refund-issued", "id: other").replace("on: RefundIssued", "on: ParcelLost"));

    List<Problem> problems = problems(first, second);

    assertThat(problems)
        .extracting(Problem::file, Problem::line)
        .containsExactly(tuple(FILE, 5), tuple("mappings/other.yaml", 2));
  }

  @Test
  void aSyntaxErrorInOneFileDoesNotHideTheProblemsOfAnother() {
    BridgeHome.ConfigFile broken = new BridgeHome.ConfigFile("broken.yaml", "mappings/broken.yaml", "id: broken\n  on: x\n");
    BridgeHome.ConfigFile bad = file(replace("id: refund-issued", "id: refund"));

    List<Problem> problems = problems(broken, bad);

    assertThat(problems).extracting(Problem::file).containsExactly("mappings/broken.yaml", FILE);
    assertThat(problems.get(0).message()).startsWith("YAML syntax:");
    assertThat(problems.get(0).line()).isEqualTo(2);
  }

  @Test
  void problemsExceptionMessageListsEveryProblemAsFileLineMessage() {
    ProblemsException e = catchThrowableOfType(ProblemsException.class,
        () -> new MappingLoader().load(List.of(file(replace("on: RefundIssued", "on: Nope")))));

    assertThat(e.getMessage()).startsWith(FILE + ":2: unknown event type 'Nope'");
  }

  @Test
  void aDuplicatedKeyIsAProblemAtTheSecondOne() {
    Problem p = onlyProblem(replace("  when-missing: skip\n", "  when-missing: create\n  when-missing: skip\n"));

    assertThat(p.line()).isEqualTo(6);
    assertThat(p.message()).isEqualTo("duplicate key 'when-missing' (first at line 5)");
  }

  @Test
  void partialsAreRefusedSoATemplateCannotReadFilesIntoATicket() {
    Problem p = onlyProblem(replace("Refund of {{amount}}", "Refund of {{> ../connectors/zendesk}}"));

    assertThat(p.line()).isEqualTo(8);
    assertThat(p.message()).contains("{{>...}} is not allowed");
  }

  @Test
  void commentsAreFineAndNamesInsideInvertedSectionsAreChecked() {
    Problem p = onlyProblem(replace("{{^reason}}not given{{/reason}}", "{{! why }}{{^reason}}{{nope}}{{/reason}}"));

    assertThat(p.line()).isEqualTo(9);
    assertThat(p.message()).startsWith("placeholder {{nope}} is not a property of RefundIssued");
  }

  @Test
  void fieldsGivenAsAListAreAProblem() {
    Problem p = onlyProblem(replace("  tags:\n", "  fields: [a, b]\n  tags:\n"));

    assertThat(p.message()).isEqualTo("'fields' must be a mapping of logical_field: value");
  }
}
