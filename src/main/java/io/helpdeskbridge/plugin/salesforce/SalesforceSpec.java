package io.helpdeskbridge.plugin.salesforce;

import static io.helpdeskbridge.spi.ConnectorSpec.Setting.optional;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.required;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.secret;

import io.helpdeskbridge.spi.ConnectorSpec;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The settings of {@code connectors/salesforce.yaml}: the helpdesk ({@link SalesforceConfig}) and,
 * once {@code case-events-channel} is set, the Case event source ({@link SalesforceCaseSource}).
 * Which credentials are needed depends on the login flow, so none of them is required on its own;
 * {@link SalesforceConfig} names the missing one at start.
 */
public final class SalesforceSpec implements ConnectorSpec {
  private static final String FLOWS =
      Arrays.stream(SalesforceConfig.Auth.values()).map(a -> a.setting).collect(Collectors.joining(", "));

  private static final List<Setting> SETTINGS = List.of(
      required("login-url",
          "where the bridge logs in: https://login.salesforce.com, https://test.salesforce.com for sandboxes, or"
              + " your My Domain URL"),
      optional("auth", null,
          "the OAuth flow (" + FLOWS + "); unset = picked from what is set: key store, else refresh token, else"
              + " password, else client credentials"),
      required("client-id", "the Consumer Key of the Connected App (or External Client App) with the api scope"),
      secret("client-secret",
          "the app's Consumer Secret, needed by the client-credentials and password flows (and by refresh-token when"
              + " the app requires it)"),
      optional("username", null, "the user the bridge acts as, for the password and jwt flows"),
      secret("password", "that user's password followed by its security token, for the password flow"),
      secret("refresh-token", "an OAuth refresh token, for the refresh-token flow"),
      optional("jwt-keystore", null,
          "path of a PKCS12 or JKS key store holding the one private key whose certificate is uploaded to the app,"
              + " for the jwt flow"),
      secret("jwt-keystore-password", "the key store's password, for the jwt flow"),
      optional("jwt-keystore-type", null, "the key store's type; unset = the JVM's default (PKCS12)"),
      optional("jwt-audience", null, "the audience of the JWT; unset = the login URL"),
      optional("api-version", "62.0", "the REST API version (Setup > Apex Classes > Version settings shows the org's newest)"),
      optional("order-field", "Order_Number__c",
          "API name of the Case field holding the order number, searched for field:order_id and set on creates"),
      optional("tracking-field", null,
          "API name of the Case field holding the tracking number, searched for field:tracking_number; unset = none"),
      optional("external-id-field", "Bridge_Key__c",
          "API name of a Text(255) Case field marked External ID and Unique, the key that makes creates idempotent"),
      optional("tags-field", null,
          "API name of the multi-select picklist or text field holding the tags; unset = tags are not written"),
      optional("tags-separator", ";", "what separates the tags in tags-field (a multi-select picklist uses ;)"),
      optional("tags-conditional-update", "true",
          "send tag updates with If-Unmodified-Since, so that an agent's concurrent edit is merged instead of lost"),
      optional("origin", "Web", "the Case Origin of the Cases the bridge creates (a value of the org's Origin picklist)"),
      optional("fields", null,
          "logical fields of the mappings → Case field API names; blank = not written (order_id and tracking_number"
              + " fall back to order-field and tracking-field)"),
      optional("priorities", "low: Low, normal: Medium, high: High, urgent: High",
          "priorities of the mappings → Case Priority picklist values; blank = leave the priority unchanged"),
      optional("statuses", "new: New, open: Working, pending: Working, hold: Working, solved: Closed",
          "statuses of the mappings → Case Status picklist values; blank = leave the status unchanged"),
      optional("types", null, "ticket types of created tickets → Case Type picklist values; unset = the org's default"),
      optional("connect-timeout-ms", "5000", "how long to wait for a connection to Salesforce, in milliseconds"),
      optional("request-timeout-ms", "30000", "how long to wait for Salesforce's answer to one request, in milliseconds"),
      optional("limit-backoff-s", "60",
          "seconds to wait after 403 REQUEST_LIMIT_EXCEEDED, which comes without Retry-After (capped by"
              + " BRIDGE_RETRY_AFTER_MAX_S)"),
      optional(SalesforceCaseSource.CASE_EVENTS_CHANNEL, null,
          "the Platform Event channel a Case Flow publishes to (such as /event/Helpdesk_Case_Event__e), which the"
              + " bridge subscribes to for new and refund-tagged Cases; unset = Salesforce is only written to"),
      optional(SalesforceCaseSource.REFUND_TAG, SalesforceCaseNormalizer.DEFAULT_REFUND_TAG,
          "the tag in the tags field that asks the bridge to refund the event's Refund_Amount__c"),
      optional(SalesforceCaseSource.DEFAULT_CURRENCY, SalesforceCaseNormalizer.DEFAULT_CURRENCY,
          "the currency of Refund_Amount__c when the event gives no Refund_Currency__c"));

  @Override
  public String id() {
    return SalesforceCaseSource.ID;
  }

  @Override
  public String title() {
    return "Salesforce Service Cloud";
  }

  @Override
  public String summary() {
    return "Writes the bridge's internal comments, tags, fields, priority and status to Salesforce Cases and creates"
        + " Cases; through a Platform Event it also hears of new Cases to enrich and of refunds agents approve.";
  }

  @Override
  public List<Setting> settings() {
    return SETTINGS;
  }
}
