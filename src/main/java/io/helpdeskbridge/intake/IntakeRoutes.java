package io.helpdeskbridge.intake;

import org.apache.camel.builder.RouteBuilder;

/** The HTTP side: the webhook endpoint, a health probe, the ops API and the ops console, on Camel's platform-http (Vert.x). */
public final class IntakeRoutes extends RouteBuilder {
  private final WebhookIntake intake;
  private final org.apache.camel.Processor health;
  private final org.apache.camel.Processor ops;
  private final org.apache.camel.Processor console;

  public IntakeRoutes(WebhookIntake intake, org.apache.camel.Processor health, org.apache.camel.Processor ops,
      org.apache.camel.Processor console) {
    this.intake = intake;
    this.health = health;
    this.ops = ops;
    this.console = console;
  }

  @Override
  public void configure() {
    from("platform-http:/webhooks/{source}?httpMethodRestrict=POST").routeId("intake").process(intake);
    from("platform-http:/health?httpMethodRestrict=GET").routeId("health").process(health);
    from("platform-http:/ops/dead?httpMethodRestrict=GET").routeId("ops-dead").process(ops);
    from("platform-http:/ops/inbox?httpMethodRestrict=GET").routeId("ops-inbox-depth").process(ops);
    from("platform-http:/ops/inbox/{id}?httpMethodRestrict=GET").routeId("ops-inbox").process(ops);
    from("platform-http:/ops/replay?httpMethodRestrict=POST").routeId("ops-replay").process(ops);
    from("platform-http:/ops/purge?httpMethodRestrict=POST").routeId("ops-purge").process(ops);
    // the ops console: its pages, forms and the replay progress, all behind its login
    from("platform-http:/ops/console?matchOnUriPrefix=true&httpMethodRestrict=GET,POST").routeId("ops-console").process(console);
  }
}
