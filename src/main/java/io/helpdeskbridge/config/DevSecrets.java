package io.helpdeskbridge.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Development signing secrets for sources that have none configured, so a newcomer's bridge
 * verifies signatures from the first minute. Kept in {@code data/dev-secrets/<connector>} (owner
 * read/write only) so {@code send-sample} in another shell signs with the same one.
 */
public final class DevSecrets {
  private final Path dir;

  public DevSecrets(Path home) {
    this.dir = home.resolve("data").resolve("dev-secrets");
  }

  /** The existing development secret of the connector, or a new one. */
  public String getOrCreate(String connectorId) {
    Path file = dir.resolve(connectorId);
    try {
      if (Files.exists(file)) return Files.readString(file, StandardCharsets.UTF_8).trim();
      Files.createDirectories(dir);
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String secret = "whsec_dev_" + HexFormat.of().formatHex(random);
      Files.writeString(file, secret, StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // best effort on non-POSIX file systems
      }
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep a development secret in " + dir, e);
    }
  }

  public Path location(String connectorId) {
    return dir.resolve(connectorId);
  }
}
