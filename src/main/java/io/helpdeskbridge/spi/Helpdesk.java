package io.helpdeskbridge.spi;

/**
 * A helpdesk the bridge writes tickets to (Zendesk, Salesforce, the in-process sandbox). Found by
 * {@link java.util.ServiceLoader}: one line naming the class in {@code
 * META-INF/services/io.helpdeskbridge.spi.Helpdesk}. The instance is a stateless factory; {@link
 * #connect} opens the client one connector file describes.
 */
public interface Helpdesk {

  /** Stable lower-kebab plugin id ({@code zendesk}), also the {@code plugin:} value. */
  String id();

  HelpdeskConnection connect(ConnectorSettings settings, HelpdeskContext context);
}
