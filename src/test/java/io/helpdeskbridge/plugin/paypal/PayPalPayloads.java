package io.helpdeskbridge.plugin.paypal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * PayPal webhook events in the shapes PayPal sends: the envelope of the Webhooks API ({@code id},
 * {@code event_version}, {@code create_time}, {@code resource_type}, {@code event_type}, {@code
 * summary}, {@code resource}, {@code links}) around a Payments v2 Refund or Capture or a Disputes v1
 * dispute. {@link #SIMULATOR_REFUND} is byte for byte what PayPal's webhook simulator delivered
 * (with the headers in {@link PayPalSignatureTest}); the others follow the same resources' documented
 * fields with a shop's order number set as invoice_id / invoice_number.
 */
public final class PayPalPayloads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PayPalPayloads() {}

  /** A real simulator delivery (no invoice_id: the simulator's payment had none). */
  static final String SIMULATOR_REFUND = "{\"id\":\"WH-1GE84257G0350133W-6RW800890C634293G\",\"event_version\":\"1.0\","
      + "\"create_time\":\"2018-08-15T19:14:04.543Z\",\"resource_type\":\"refund\",\"resource_version\":\"2.0\","
      + "\"event_type\":\"PAYMENT.CAPTURE.REFUNDED\",\"summary\":\"A $ 0.99 USD capture payment was refunded\","
      + "\"resource\":{\"id\":\"1Y107995YT783435V\",\"amount\":{\"currency_code\":\"USD\",\"value\":\"0.99\"},"
      + "\"seller_payable_breakdown\":{\"gross_amount\":{\"currency_code\":\"USD\",\"value\":\"0.99\"},\"paypal_fee\":"
      + "{\"currency_code\":\"USD\",\"value\":\"0.02\"},\"net_amount\":{\"currency_code\":\"USD\",\"value\":\"0.97\"},"
      + "\"total_refunded_amount\":{\"currency_code\":\"USD\",\"value\":\"1.98\"}},\"status\":\"COMPLETED\","
      + "\"create_time\":\"2018-08-15T12:13:29-07:00\",\"update_time\":\"2018-08-15T12:13:29-07:00\",\"links\":"
      + "[{\"href\":\"https://api.paypal.com/v2/payments/refunds/1Y107995YT783435V\",\"rel\":\"self\",\"method\":\"GET\"},"
      + "{\"href\":\"https://api.paypal.com/v2/payments/captures/0JF852973C016714D\",\"rel\":\"up\",\"method\":\"GET\"}]},"
      + "\"links\":[{\"href\":\"https://api.paypal.com/v1/notifications/webhooks-events/WH-1GE84257G0350133W-6RW800890C634293G\","
      + "\"rel\":\"self\",\"method\":\"GET\"},{\"href\":\"https://api.paypal.com/v1/notifications/webhooks-events/"
      + "WH-1GE84257G0350133W-6RW800890C634293G/resend\",\"rel\":\"resend\",\"method\":\"POST\"}]}";

  /** A merchant's refund of part of capture 2GG279541U471931P, order 1001 in invoice_id. */
  public static String refunded(String eventId, String createTime) {
    return """
        {"id":"%s","event_version":"1.0","create_time":"%s","resource_type":"refund","resource_version":"2.0",
         "event_type":"PAYMENT.CAPTURE.REFUNDED","summary":"A $ 25.0 USD capture payment was refunded",
         "resource":{"id":"8MC585209K746392H","amount":{"currency_code":"USD","value":"25.00"},
          "seller_payable_breakdown":{"gross_amount":{"currency_code":"USD","value":"25.00"},
           "paypal_fee":{"currency_code":"USD","value":"0.00"},"net_amount":{"currency_code":"USD","value":"25.00"},
           "total_refunded_amount":{"currency_code":"USD","value":"25.00"}},
          "invoice_id":"1001","custom_id":"cust-77","note_to_payer":"Defective product","status":"COMPLETED",
          "create_time":"2026-11-24T02:13:29-08:00","update_time":"2026-11-24T02:13:29-08:00",
          "links":[{"href":"https://api.paypal.com/v2/payments/refunds/8MC585209K746392H","rel":"self","method":"GET"},
           {"href":"https://api.paypal.com/v2/payments/captures/2GG279541U471931P","rel":"up","method":"GET"}]},
         "links":[{"href":"https://api.paypal.com/v1/notifications/webhooks-events/%s","rel":"self","method":"GET"},
          {"href":"https://api.paypal.com/v1/notifications/webhooks-events/%s/resend","rel":"resend","method":"POST"}]}
        """.formatted(eventId, createTime, eventId, eventId);
  }

  /** PayPal took 2.51 USD back from capture 4L335234718889942 (shape of the simulator's reversal). */
  static final String REVERSED = """
      {"id":"WH-6F207351SC284371F-0KX52201050121307","event_version":"1.0","create_time":"2026-11-24T21:30:35.780Z",
       "resource_type":"refund","resource_version":"2.0","event_type":"PAYMENT.CAPTURE.REVERSED",
       "summary":"A $ 2.51 USD capture payment was reversed",
       "resource":{"id":"09E71677NS257044M","amount":{"currency_code":"USD","value":"2.51"},"note_to_payer":"Payment reversed",
        "seller_payable_breakdown":{"gross_amount":{"currency_code":"USD","value":"2.51"},
         "paypal_fee":{"currency_code":"USD","value":"0.00"},"net_amount":{"currency_code":"USD","value":"2.51"},
         "total_refunded_amount":{"currency_code":"USD","value":"2.51"}},
        "invoice_id":"1002","status":"COMPLETED","create_time":"2026-11-24T14:30:10-07:00","update_time":"2026-11-24T14:30:10-07:00",
        "links":[{"href":"https://api.paypal.com/v2/payments/refunds/09E71677NS257044M","rel":"self","method":"GET"},
         {"href":"https://api.paypal.com/v2/payments/captures/4L335234718889942","rel":"up","method":"GET"}]},
       "links":[{"href":"https://api.paypal.com/v1/notifications/webhooks-events/WH-6F207351SC284371F-0KX52201050121307",
        "rel":"self","method":"GET"}]}
      """;

  /** A capture PayPal denied (Capture resource with status DENIED), order in custom_id only. */
  static final String DENIED = """
      {"id":"WH-4SW78779LY2325805-07E03580SX1414828","event_version":"1.0","create_time":"2026-11-24T19:13:07.251Z",
       "resource_type":"capture","resource_version":"2.0","event_type":"PAYMENT.CAPTURE.DENIED",
       "summary":"A AUD 2.51 AUD capture payment was denied",
       "resource":{"id":"7NW873794T343360M","amount":{"currency_code":"AUD","value":"2.51"},"final_capture":true,
        "seller_protection":{"status":"ELIGIBLE","dispute_categories":["ITEM_NOT_RECEIVED","UNAUTHORIZED_TRANSACTION"]},
        "custom_id":"1003","status":"DENIED","status_details":{"reason":"PENDING_REVIEW"},
        "supplementary_data":{"related_ids":{"order_id":"48R416400V564864N"}},
        "create_time":"2026-11-24T19:13:00Z","update_time":"2026-11-24T19:13:05Z",
        "links":[{"href":"https://api.paypal.com/v2/payments/captures/7NW873794T343360M","rel":"self","method":"GET"},
         {"href":"https://api.paypal.com/v2/checkout/orders/48R416400V564864N","rel":"up","method":"GET"}]},
       "links":[{"href":"https://api.paypal.com/v1/notifications/webhooks-events/WH-4SW78779LY2325805-07E03580SX1414828",
        "rel":"self","method":"GET"}]}
      """;

  /** A buyer's Resolution Center case (inquiry stage) about capture 2GG279541U471931P. */
  static final String DISPUTE_CREATED = """
      {"id":"WH-4M0448861G563140B-9EX36365822141321","event_version":"1.0","create_time":"2026-11-24T08:31:32.000Z",
       "resource_type":"dispute","event_type":"CUSTOMER.DISPUTE.CREATED","summary":"A new dispute opened with Case # PP-D-27803",
       "resource":{"dispute_id":"PP-D-27803","create_time":"2026-11-24T08:31:26.000Z","update_time":"2026-11-24T08:31:28.000Z",
        "disputed_transactions":[{"buyer_transaction_id":"4BL82451A79706456","seller_transaction_id":"2GG279541U471931P",
          "create_time":"2026-11-20T10:07:46.000Z","transaction_status":"COMPLETED",
          "gross_amount":{"currency_code":"USD","value":"120.00"},"invoice_number":"1001","custom":"cust-77",
          "buyer":{"name":"Jane Doe"},"seller":{"merchant_id":"RD465XN5VS364","name":"Test Store"},"items":[],
          "seller_protection_eligible":true}],
        "reason":"MERCHANDISE_OR_SERVICE_NOT_RECEIVED","status":"WAITING_FOR_SELLER_RESPONSE",
        "dispute_amount":{"currency_code":"USD","value":"120.00"},"dispute_life_cycle_stage":"INQUIRY",
        "dispute_channel":"INTERNAL","seller_response_due_date":"2026-12-14T08:31:28.000Z",
        "messages":[{"posted_by":"BUYER","time_posted":"2026-11-24T08:31:26.000Z","content":"Never arrived."}],
        "links":[{"href":"https://api.paypal.com/v1/customer/disputes/PP-D-27803","rel":"self","method":"GET"}]},
       "links":[{"href":"https://api.paypal.com/v1/notifications/webhooks-events/WH-4M0448861G563140B-9EX36365822141321",
        "rel":"self","method":"GET"}]}
      """;

  /** The same case escalated to a claim: an update, with no invoice_number on the transaction. */
  static final String DISPUTE_UPDATED = """
      {"id":"WH-2TD99262PJ2374436-3JR49018RN6451416","event_version":"1.0","create_time":"2026-11-30T09:02:11.000Z",
       "resource_type":"dispute","event_type":"CUSTOMER.DISPUTE.UPDATED","summary":"A dispute was updated with Case # PP-D-27803",
       "resource":{"dispute_id":"PP-D-27803","update_time":"2026-11-30T09:02:05.000Z",
        "disputed_transactions":[{"seller_transaction_id":"2GG279541U471931P","custom":"cust-77",
          "gross_amount":{"currency_code":"USD","value":"120.00"}}],
        "reason":"MERCHANDISE_OR_SERVICE_NOT_RECEIVED","status":"UNDER_REVIEW",
        "dispute_amount":{"currency_code":"USD","value":"120.00"},"dispute_life_cycle_stage":"CHARGEBACK"}}
      """;

  /** The captured shape of a resolved case (cancelled by the buyer), here about capture 00D10444LD479031K. */
  static final String DISPUTE_RESOLVED = """
      {"id":"WH-6SA34813406280445-6M160383LS6155516","create_time":"2026-11-26T13:57:08.000Z","resource_type":"dispute",
       "event_type":"CUSTOMER.DISPUTE.RESOLVED","summary":"A dispute was resolved with case # PP-000-042-663-135",
       "resource":{"reason":"MERCHANDISE_OR_SERVICE_NOT_RECEIVED","dispute_channel":"INTERNAL",
        "create_time":"2026-11-26T13:35:44.000Z","dispute_id":"PP-000-042-663-135","dispute_life_cycle_stage":"CHARGEBACK",
        "disputed_transactions":[{"seller_transaction_id":"00D10444LD479031K",
          "seller":{"merchant_id":"RD465XN5VS364","name":"Test Store"},"items":[],"seller_protection_eligible":true}],
        "update_time":"2026-11-26T13:55:58.000Z","seller_response_due_date":"2026-12-11T13:55:58.000Z",
        "links":[{"href":"https://api.paypal.com/v1/customer/disputes/PP-000-042-663-135","rel":"self","method":"GET"}],
        "dispute_amount":{"currency_code":"USD","value":"3.00"},"dispute_outcome":{"outcome_code":"CANCELED_BY_BUYER"},
        "status":"RESOLVED"},
       "event_version":"1.0"}
      """;

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
