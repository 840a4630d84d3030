package io.helpdeskbridge.config;

import java.util.Collection;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean": the known word a typo most likely meant, if any is close enough. */
final class Spelling {
  private static final LevenshteinDistance DISTANCE = new LevenshteinDistance(3);

  private Spelling() {}

  /** The closest of {@code known} within three edits (a third of the word at most); null when none is. */
  static String nearest(String typed, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = DISTANCE.apply(typed, k);
      if (d >= 0 && d < bestDistance && d <= Math.max(1, k.length() / 3)) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }
}
