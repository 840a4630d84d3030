package io.helpdeskbridge.plugin.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CaseComment bodies: at most 4,000 UTF-8 bytes each, cut between code points, nothing lost. */
class SalesforceCommentSplitterTest {
  private static final String MARKER = "[helpdesk-bridge stripe/evt_1 refund-issued]";

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** Fails on a lone surrogate, which is what cutting a code point in two leaves behind. */
  private static void assertWellFormed(String part) throws CharacterCodingException {
    StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).encode(java.nio.CharBuffer.wrap(part));
    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(part.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aShortNoteIsOnePart() {
    assertThat(CommentSplitter.split("Refund issued.\n\n" + MARKER)).containsExactly("Refund issued.\n\n" + MARKER);
    assertThat(CommentSplitter.split("")).containsExactly("");
  }

  @Test
  void exactly4000BytesIsOnePartAndOneMoreByteIsTwo() {
    String full = "é".repeat(2000); // 2 bytes each
    assertThat(CommentSplitter.split(full)).containsExactly(full);
    assertThat(CommentSplitter.split(full + "x")).containsExactly(full, "x");
  }

  @Test
  void neverCutsAMultiByteCharacter() throws Exception {
    // euro signs (3 bytes) and emoji (4 bytes, a surrogate pair in Java) across every boundary
    String text = ("€😀ä" + "€".repeat(7)).repeat(900);
    List<String> parts = CommentSplitter.split(text);

    assertThat(String.join("", parts)).isEqualTo(text);
    assertThat(parts).hasSize(7); // 27,000 bytes
    for (String p : parts) {
      assertThat(bytes(p)).isLessThanOrEqualTo(4000);
      assertWellFormed(p);
    }
    // no space or line break to prefer: each cut is as late as a whole code point allows
    for (String p : parts.subList(0, parts.size() - 1)) assertThat(bytes(p)).isGreaterThan(4000 - 4);
  }

  @Test
  void prefersLineBreaksThenSpaces() {
    String line = "x".repeat(2500) + "\n";
    List<String> byLine = CommentSplitter.split(line + line + "tail");
    assertThat(byLine).containsExactly(line, line + "tail");

    String words = ("word ").repeat(1000); // 5,000 bytes, no line break
    List<String> bySpace = CommentSplitter.split(words);
    assertThat(bySpace.get(0)).endsWith(" ").hasSize(4000);
    assertThat(String.join("", bySpace)).isEqualTo(words);
  }

  @Test
  void theMarkerStaysWholeInTheLastPart() {
    // the window ends inside the marker: the cut moves back to the blank line before it
    String note = "y".repeat(3980) + "\n\n" + MARKER;
    List<String> parts = CommentSplitter.split(note);

    assertThat(parts).hasSize(2);
    assertThat(parts.get(1)).isEqualTo(MARKER);
  }

  @Test
  void aNoteTooLongForOneRequestKeepsItsMarker() {
    String note = ("z".repeat(99) + "\n").repeat(2000) + "\n" + MARKER; // 200 KB, 50 parts' worth
    List<String> parts = CommentSplitter.split(note, 4000, 24);

    assertThat(parts).hasSizeLessThanOrEqualTo(24);
    assertThat(parts).allSatisfy(p -> assertThat(bytes(p)).isLessThanOrEqualTo(4000));
    assertThat(parts.get(parts.size() - 1)).contains("trimmed by Helpdesk Bridge").endsWith("\n\n" + MARKER);
    assertThat(String.join("", parts)).startsWith("z".repeat(99) + "\n");
  }

  @Test
  void prefixOfBytesStopsBeforeACodePointThatWouldNotFit() {
    assertThat(CommentSplitter.prefixOfBytes("ab😀c", 5)).isEqualTo("ab");
    assertThat(CommentSplitter.prefixOfBytes("ab😀c", 6)).isEqualTo("ab😀");
    assertThat(CommentSplitter.utf8Length("ab😀€")).isEqualTo(2 + 4 + 3);
  }
}
