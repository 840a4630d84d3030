package io.helpdeskbridge.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the ops-editable folders are. Each of {@code routes/}, {@code connectors/} and {@code
 * mappings/} is read from {@code BRIDGE_HOME} when that folder exists there, else from the defaults
 * shipped in the jar, so ops edits win and a bare jar still runs.
 */
public final class BridgeHome {

  /** One configuration file: where it came from (for messages) and its text. */
  public record ConfigFile(String name, String location, String text) {}

  private final Path home;

  public BridgeHome(Path home) {
    this.home = home.toAbsolutePath().normalize();
  }

  public Path path() {
    return home;
  }

  /** True when the folder is taken from BRIDGE_HOME, false when from the jar's defaults. */
  public boolean hasOwn(String folder) {
    return Files.isDirectory(home.resolve(folder));
  }

  /** The Camel include pattern for routes: the home folder, or the shipped classpath defaults. */
  public String routesPattern() {
    return hasOwn("routes") ? "file:" + home.resolve("routes") + "/*.yaml" : "classpath:routes/*.yaml";
  }

  public String describe(String folder) {
    return hasOwn(folder) ? home.resolve(folder).toString() : "built-in defaults (classpath:" + folder + "/)";
  }

  /** Every {@code *.yaml} / {@code *.yml} file of the folder, sorted by name. */
  public List<ConfigFile> files(String folder) {
    if (hasOwn(folder)) return read(home.resolve(folder), home.resolve(folder).toString());
    URL url = BridgeHome.class.getClassLoader().getResource(folder);
    if (url == null) return List.of();
    try {
      if ("jar".equals(url.getProtocol())) {
        try (FileSystem fs = FileSystems.newFileSystem(url.toURI(), Map.of())) {
          return read(fs.getPath("/" + folder), "classpath:" + folder);
        }
      }
      return read(Path.of(url.toURI()), "classpath:" + folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<ConfigFile> read(Path dir, String label) {
    List<ConfigFile> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        String name = p.getFileName().toString();
        if (!(name.endsWith(".yaml") || name.endsWith(".yml")) || Files.isDirectory(p)) continue;
        out.add(new ConfigFile(name, label + "/" + name, Files.readString(p, StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + label, e);
    }
    return out;
  }

}
