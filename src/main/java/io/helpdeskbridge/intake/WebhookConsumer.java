package io.helpdeskbridge.intake;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/** Registers the route for its source while started; the dispatcher calls {@link #deliver}. */
public class WebhookConsumer extends DefaultConsumer {
  private final WebhookEndpoint endpoint;

  WebhookConsumer(WebhookEndpoint endpoint, Processor processor) {
    super(endpoint, processor);
    this.endpoint = endpoint;
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    endpoint.getComponent().register(endpoint.source(), this);
  }

  @Override
  protected void doStop() throws Exception {
    endpoint.getComponent().unregister(endpoint.source(), this);
    super.doStop();
  }

  /** Runs the route on a new exchange, synchronously; the caller reads the exception and outcomes. */
  public Exchange deliver(java.util.function.Consumer<Exchange> prepare) {
    Exchange exchange = createExchange(false);
    prepare.accept(exchange);
    try {
      getProcessor().process(exchange);
    } catch (Exception e) {
      exchange.setException(e);
    }
    return exchange;
  }
}
