package io.helpdeskbridge.plugin.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.time.Clock;
import java.util.List;

/**
 * Salesforce Cases as an event source: a Record-Triggered Flow on Case publishes a Platform Event
 * (the connector's {@code case-events-channel}, e.g. {@code /event/Helpdesk_Case_Event__e}) and the
 * helpdesk connection's subscription ({@link SalesforceCaseEvents}) hands each message to the
 * engine, which stores and normalizes it like a webhook. New Cases get their order's context
 * ({@link io.helpdeskbridge.event.TicketOpened}), Cases tagged for a refund a {@link
 * io.helpdeskbridge.event.RefundRequested}. The plugin id {@code salesforce} is also the Salesforce
 * helpdesk's, so one {@code connectors/salesforce.yaml} serves both roles; it is a source only once
 * {@code case-events-channel} is set. The message shape is in {@link SalesforceCaseNormalizer}.
 *
 * <p>Settings: {@code case-events-channel}, {@code refund-tag} (default {@code refund_approved}),
 * {@code default-currency} (default {@code USD}, for a refund amount whose event names no currency).
 *
 * <p>HTTP deliveries to {@code /webhooks/salesforce} are refused with 404: nothing signs them. The
 * dedupe id is the event's {@code EventUuid}, else {@code replay:<replayId>}, so a replayed event
 * (after a reconnect, or heard by several instances) is stored once.
 */
public final class SalesforceCaseSource implements EventSource {
  static final String ID = "salesforce";
  static final String CASE_EVENTS_CHANNEL = "case-events-channel";
  static final String REFUND_TAG = "refund-tag";
  static final String DEFAULT_CURRENCY = "default-currency";
  /** The header the subscription stores the replay id under (the stream position it resumes from). */
  static final String REPLAY_ID_HEADER = "salesforce-replay-id";
  static final String CHANNEL_HEADER = "salesforce-channel";

  public SalesforceCaseSource() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void verify(WebhookRequest request, ConnectorSettings settings, Clock clock) throws WebhookRejected {
    throw new WebhookRejected(404, "Not found", "Salesforce Case events arrive through the subscription, not HTTP");
  }

  @Override
  public String eventId(WebhookRequest request, JsonNode payload) throws WebhookRejected {
    String id = SalesforceCaseNormalizer.eventId(payload, request == null ? null : request.header(REPLAY_ID_HEADER));
    if (id == null) throw WebhookRejected.badRequest("the Case event has neither an EventUuid nor a replayId");
    return id;
  }

  @Override
  public String vendorType(WebhookRequest request, JsonNode payload) {
    return SalesforceCaseNormalizer.vendorType(payload);
  }

  @Override
  public List<OrderEvent> normalize(WebhookRequest request, JsonNode payload, ConnectorSettings settings) {
    String replay = request == null ? null : request.header(REPLAY_ID_HEADER);
    return SalesforceCaseNormalizer.normalize(payload, settings.id(), SalesforceCaseNormalizer.eventId(payload, replay),
        request == null ? null : request.receivedAt(),
        settings.string(REFUND_TAG, SalesforceCaseNormalizer.DEFAULT_REFUND_TAG),
        settings.string(DEFAULT_CURRENCY, SalesforceCaseNormalizer.DEFAULT_CURRENCY));
  }
}
