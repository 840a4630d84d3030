package io.helpdeskbridge.intake;

import org.apache.camel.builder.RouteBuilder;

/** The HTTP side: the webhook endpoint and a health probe, on Camel's platform-http (Vert.x). */
public final class IntakeRoutes extends RouteBuilder {
  private final WebhookIntake intake;
  private final org.apache.camel.Processor health;

  public IntakeRoutes(WebhookIntake intake, org.apache.camel.Processor health) {
    this.intake = intake;
    this.health = health;
  }

  @Override
  public void configure() {
    from("platform-http:/webhooks/{source}?httpMethodRestrict=POST").routeId("intake").process(intake);
    from("platform-http:/health?httpMethodRestrict=GET").routeId("health").process(health);
  }
}
