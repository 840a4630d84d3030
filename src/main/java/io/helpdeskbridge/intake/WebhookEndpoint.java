package io.helpdeskbridge.intake;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** The {@code from:} end of a source's route. */
public class WebhookEndpoint extends DefaultEndpoint {
  private final String source;

  WebhookEndpoint(String uri, WebhookComponent component, String source) {
    super(uri, component);
    this.source = source;
  }

  @Override
  public WebhookComponent getComponent() {
    return (WebhookComponent) super.getComponent();
  }

  public String source() {
    return source;
  }

  @Override
  public Producer createProducer() {
    throw new UnsupportedOperationException("webhook: is a route source (from:), not a step");
  }

  @Override
  public Consumer createConsumer(Processor processor) throws Exception {
    WebhookConsumer c = new WebhookConsumer(this, processor);
    configureConsumer(c);
    return c;
  }

  @Override
  public boolean isRemote() {
    return false;
  }
}
