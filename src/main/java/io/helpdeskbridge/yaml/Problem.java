package io.helpdeskbridge.yaml;

/** One thing wrong in a configuration file, printed the way editors and CI logs link it: {@code file:line: message}. */
public record Problem(String file, int line, String message) {
  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
