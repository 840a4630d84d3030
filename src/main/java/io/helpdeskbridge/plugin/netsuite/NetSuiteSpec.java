package io.helpdeskbridge.plugin.netsuite;

import static io.helpdeskbridge.spi.ConnectorSpec.Setting.optional;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.required;
import static io.helpdeskbridge.spi.ConnectorSpec.Setting.requiredSecret;

import io.helpdeskbridge.spi.ConnectorSpec;
import java.util.List;

/** The settings of {@code connectors/netsuite.yaml}: the sales order lookup through REST web services. */
public final class NetSuiteSpec implements ConnectorSpec {
  private static final List<Setting> SETTINGS = List.of(
      required(NetSuiteApi.ACCOUNT_ID,
          "the account id from Setup > Company > Company Information (1234567, or 1234567_SB1 for a sandbox):"
              + " the realm of every signature and, as 1234567-sb1, the API's host"),
      requiredSecret(NetSuiteApi.CONSUMER_KEY, "the integration record's consumer key (token-based authentication)"),
      requiredSecret(NetSuiteApi.CONSUMER_SECRET, "the integration record's consumer secret"),
      requiredSecret(NetSuiteApi.TOKEN_ID, "the access token's id (a user and role with SuiteQL and sales order view)"),
      requiredSecret(NetSuiteApi.TOKEN_SECRET, "the access token's secret"),
      optional(NetSuiteApi.API_BASE, "https://<account-id>.suitetalk.api.netsuite.com",
          "the REST web services base URL, as on the Company URLs subtab (tests point it at a stand-in)"),
      optional(NetSuiteOrderLookup.ORDER_NUMBER_FIELD, NetSuiteOrderLookup.DEFAULT_ORDER_NUMBER_FIELD,
          "the sales order column that holds the number tickets know: tranid (the document number), otherrefnum"
              + " (PO/check number) or a custom body field such as custbody_shop_order"),
      optional(NetSuiteOrderLookup.ORDER_NUMBER_PREFIX, null,
          "a prefix NetSuite's numbers have and tickets leave out (SO: a ticket's 1001 is looked up as SO1001,"
              + " and NetSuite's SO1001 is order 1001 to the other vendors); blank = numbers are the same"),
      optional(NetSuiteOrderLookup.PAYMENT_ID_FIELD, null,
          "a custom body field holding the payment's id at the processor (custbody_stripe_payment_intent), handed"
              + " to the payment lookup; blank = none"));

  @Override
  public String id() {
    return NetSuiteOrderLookup.ID;
  }

  @Override
  public String title() {
    return "Oracle NetSuite";
  }

  @Override
  public String summary() {
    return "Reads the sales order a ticket is about (by its number, else the requester's latest order by email) through"
        + " SuiteQL and the record service, signed with token-based authentication, for the agents' enrichment note.";
  }

  @Override
  public List<Setting> settings() {
    return SETTINGS;
  }
}
