package io.helpdeskbridge.plugin.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.spi.HelpdeskException;
import io.helpdeskbridge.spi.HelpdeskException.Kind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How Salesforce's statuses and error codes become retry decisions. */
class SalesforceErrorsTest {
  private static final Duration BACKOFF = Duration.ofSeconds(60);

  private static HelpdeskException classify(int status, String body, String limitInfo) {
    return SalesforceErrors.classify("update Case 500xx000001AbCdAAK", status,
        SalesforceErrors.errorsFrom(SalesforceStandIn.json(body)), body, limitInfo, BACKOFF, null);
  }

  private static String error(String code, String message) {
    return SalesforceStandIn.errorJson(code, message);
  }

  @Test
  void validationErrorsArePermanentAndCarrySalesforcesMessage() {
    HelpdeskException e = classify(400, SalesforceStandIn.errorJson("REQUIRED_FIELD_MISSING", "Required fields are missing: [Subject]",
        "Subject"), null);

    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("update Case 500xx000001AbCdAAK: Salesforce 400 REQUIRED_FIELD_MISSING: "
        + "Required fields are missing: [Subject] [fields: Subject]");
  }

  @Test
  void theApiLimitWaitsAndQuotesTheOrgsUsage() {
    HelpdeskException e = classify(403, error("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."), "api-usage=100001/100000");

    assertThat(e.kind()).isEqualTo(Kind.RETRYABLE);
    assertThat(e.retryAfter()).contains(BACKOFF);
    assertThat(e.getMessage()).endsWith("(org API usage api-usage=100001/100000; retrying in 60 s)");

    HelpdeskException noHeader = classify(403, error("REQUEST_LIMIT_EXCEEDED", "ConcurrentRequests (Concurrent API Requests) Limit exceeded."), null);
    assertThat(noHeader.getMessage()).contains("the answer had no Sforce-Limit-Info header");
  }

  @Test
  void otherForbiddenAnswersArePermanent() {
    assertThat(classify(403, error("INSUFFICIENT_ACCESS", "no access"), null).kind()).isEqualTo(Kind.PERMANENT);
    assertThat(classify(404, error("NOT_FOUND", "The requested resource does not exist"), null).kind()).isEqualTo(Kind.PERMANENT);
  }

  @Test
  void transientFailuresAreRetryable() {
    assertThat(classify(500, error("UNKNOWN_EXCEPTION", "An unexpected error occurred"), null).kind()).isEqualTo(Kind.RETRYABLE);
    assertThat(classify(400, error("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record"), null).kind())
        .isEqualTo(Kind.RETRYABLE);
    assertThat(classify(401, error("INVALID_SESSION_ID", "Session expired or invalid"), null).kind()).isEqualTo(Kind.RETRYABLE);
    HelpdeskException none = SalesforceErrors.classify("find Case", 0, List.of(), "TimeoutException: Total timeout 5000 ms elapsed",
        null, BACKOFF, null);
    assertThat(none.kind()).isEqualTo(Kind.RETRYABLE);
    assertThat(none.getMessage()).isEqualTo("find Case: Salesforce gave no answer TimeoutException: Total timeout 5000 ms elapsed");
  }

  @Test
  void preconditionFailedIsAConflict() {
    assertThat(classify(412, error("PRECONDITION_FAILED", "modified"), null).kind()).isEqualTo(Kind.CONFLICT);
  }

  @Test
  void refusedLoginsArePermanent() {
    HelpdeskException e = classify(400, "{\"error\":\"invalid_grant\",\"error_description\":\"expired access/refresh token\"}", null);

    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    assertThat(e.getMessage()).contains("Salesforce login failed: invalid_grant: expired access/refresh token");
  }

  @Test
  void soqlLiteralsAreEscapedAndIdsChecked() {
    assertThat(Soql.literal("O'Brien \\ \"x\"\n")).isEqualTo("'O\\'Brien \\\\ \\\"x\\\"\\n'");
    assertThat(Soql.isRecordId("500xx000001AbCdAAK")).isTrue();
    assertThat(Soql.isRecordId("500xx000001AbCd")).isTrue();
    assertThat(Soql.isRecordId("500' OR Id != '")).isFalse();
  }

  @Test
  void ifUnmodifiedSinceIsAnHttpDateRoundedUpToTheSecond() {
    assertThat(SalesforceConnection.httpDate("2026-11-24T10:15:30.000+0000")).isEqualTo("Tue, 24 Nov 2026 10:15:30 GMT");
    assertThat(SalesforceConnection.httpDate("2026-11-24T10:15:30.250+0000")).isEqualTo("Tue, 24 Nov 2026 10:15:31 GMT");
    assertThat(SalesforceConnection.httpDate("2026-11-24T11:15:30.000+0100")).isEqualTo("Tue, 24 Nov 2026 10:15:30 GMT");
    assertThat(SalesforceConnection.httpDate("not a date")).isNull();
  }
}
