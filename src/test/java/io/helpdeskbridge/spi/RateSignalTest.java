package io.helpdeskbridge.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateSignalTest {

  private static java.util.Optional<RateSignal.Reading> read(Map<String, String> headers) {
    return RateSignal.read(headers::get);
  }

  @Test
  void zendeskTicketingHeadersGiveLimitRemainingAndReset() {
    assertThat(read(Map.of("ratelimit-limit", "400", "ratelimit-remaining", "17", "ratelimit-reset", "23",
        "x-rate-limit", "400", "x-rate-limit-remaining", "18")))
        .contains(new RateSignal.Reading(400, 17, Duration.ofSeconds(23)));
  }

  @Test
  void zendeskAccountHeadersWithoutReset() {
    assertThat(read(Map.of("x-rate-limit", "700", "x-rate-limit-remaining", "699")))
        .contains(new RateSignal.Reading(700, 699, null));
  }

  @Test
  void freshdeskHeaders() {
    assertThat(read(Map.of("x-ratelimit-total", "200", "x-ratelimit-remaining", "3", "x-ratelimit-used-currentrequest", "1")))
        .contains(new RateSignal.Reading(200, 3, null));
  }

  @Test
  void draftListFormTakesTheFirstNumber() {
    assertThat(read(Map.of("ratelimit-limit", "100, 100;w=60", "ratelimit-remaining", "5", "ratelimit-reset", "7")))
        .contains(new RateSignal.Reading(100, 5, Duration.ofSeconds(7)));
  }

  @Test
  void noOrGarbledHeadersSayNothing() {
    assertThat(read(Map.of())).isEmpty();
    assertThat(read(Map.of("x-rate-limit-remaining", "lots"))).isEmpty();
    assertThat(read(Map.of("ratelimit-remaining", "-4"))).isEmpty();
  }
}
