package io.helpdeskbridge.routes;

import io.helpdeskbridge.yaml.Problem;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one reload did with one file of {@code routes/}: applied (its routes now run), removed (the
 * file is gone, and so are its routes), unchanged (it says what already runs) or refused (it has
 * problems; the routes that ran before still run). {@code routeIds} are the file's routes running
 * afterwards; {@code problems} are set only when refused.
 */
public record ReloadStatus(String file, Instant at, Outcome outcome, List<String> routeIds, List<Problem> problems) {

  /** What became of the file. */
  public enum Outcome { APPLIED, REMOVED, UNCHANGED, REFUSED }

  public ReloadStatus {
    routeIds = List.copyOf(routeIds);
    problems = List.copyOf(problems);
  }

  public boolean refused() {
    return outcome == Outcome.REFUSED;
  }

  /** One line (plus one per problem) for the log and the ops console. */
  public String describe() {
    return switch (outcome) {
      case APPLIED -> file + " applied: routes " + routeIds;
      case REMOVED -> file + " is gone: routes " + routeIds + " removed";
      case UNCHANGED -> file + " unchanged: it matches the running routes " + routeIds;
      case REFUSED -> file + " REFUSED, the running routes " + routeIds + " stay as they were:"
          + problems.stream().map(p -> "\n    " + p).collect(Collectors.joining());
    };
  }
}
