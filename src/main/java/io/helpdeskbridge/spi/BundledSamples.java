package io.helpdeskbridge.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The example payloads a plugin ships for {@code send-sample}: {@code samples/<vendor>/<type>.json}
 * on the classpath, with {@code /} in the type written as {@code -} ({@code refunds/create} →
 * {@code refunds-create.json}).
 */
public final class BundledSamples {
  /** Sample names become resource paths: nothing that could climb out of the folder. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

  private BundledSamples() {}

  public static Optional<byte[]> load(String vendor, String vendorType) {
    if (vendorType == null) return Optional.empty();
    String file = vendorType.replace('/', '-');
    if (!NAME.matcher(file).matches()) return Optional.empty();
    String resource = "samples/" + vendor + "/" + file + ".json";
    try (InputStream in = BundledSamples.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
