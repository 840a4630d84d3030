package io.helpdeskbridge.spi;

/**
 * A delivery the bridge refuses, with the HTTP status and the words the caller gets back in the
 * problem body. The detail must never contain a secret or a computed signature.
 */
public class WebhookRejected extends Exception {
  private final int status;
  private final String title;

  public WebhookRejected(int status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  public static WebhookRejected badSignature(String detail) {
    return new WebhookRejected(400, "Invalid signature", detail);
  }

  public static WebhookRejected badRequest(String detail) {
    return new WebhookRejected(400, "Bad request", detail);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }
}
