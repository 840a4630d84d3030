package io.helpdeskbridge.plugin.ups;

import static io.helpdeskbridge.plugin.ups.UpsStandIn.activity;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.spi.CarrierAnswer;
import io.helpdeskbridge.spi.TrackingStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How a UPS package reads: which status counts, which day is the estimate, when the last scan was. */
class UpsTrackingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String N = "1Z999AA10123456784";

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void aDeliveredPackageEndsWithItsRescheduledDayAndItsNewestScan() throws Exception {
    // activities out of order on purpose: the newest is found by its time
    JsonNode pkg = json("""
        {"trackingNumber":"%s",
         "deliveryDate":[{"type":"SDD","date":"20261126"},{"type":"RDD","date":"20261128"},{"type":"DEL","date":"20261128"}],
         "currentStatus":{"type":"D","code":"011","description":"Delivered"},
         "activity":[%s,%s]}""".formatted(N,
        activity("I", "OT", "021", "Out For Delivery Today", "20261128", "081500", "-05:00", "13:15:00"),
        activity("D", "F4", "011", "DELIVERED", "20261128", "163000", "-05:00", "21:30:00")));

    CarrierAnswer r = UpsTracking.answer(N, pkg, "en_US");

    assertThat(r.status()).isEqualTo(TrackingStatus.DELIVERED);
    assertThat(r.shipmentStatus()).isEqualTo("delivered");
    assertThat(r.estimatedDelivery()).isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
    assertThat(r.lastEventAt()).isEqualTo(Instant.parse("2026-11-28T21:30:00Z"));
    assertThat(r.found().shipments().get(0).delivered()).isTrue();
  }

  @Test
  void withoutACurrentStatusTheNewestActivityTells() throws Exception {
    JsonNode pkg = json("""
        {"trackingNumber":"%s","deliveryDate":[],"activity":[%s,%s]}""".formatted(N,
        activity("M", "MP", "003", "Shipper created a label, UPS has not received the package yet. ", "20261120",
            "081559", "-05:00", "13:15:59"),
        activity("I", "OT", "021", "Out For Delivery Today", "20261124", "071200", "-05:00", "12:12:00")));

    CarrierAnswer r = UpsTracking.answer(N, pkg, "en_US");

    assertThat(r.status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
    assertThat(r.shipmentStatus()).isEqualTo("out for delivery (Out For Delivery Today)");
    assertThat(r.estimatedDelivery()).isNull();
  }

  @Test
  void aLabelOnlyPackageIsPreTransitWithUpsWordsTrimmed() throws Exception {
    JsonNode pkg = json("""
        {"trackingNumber":"%s","activity":[%s],"currentStatus":{"description":"Shipment Ready for UPS","code":"003"}}"""
        .formatted(N, activity("M", "MP", "003", "Shipper created a label, UPS has not received the package yet. ",
            "20261120", "081559", "-05:00", "13:15:59")));

    CarrierAnswer r = UpsTracking.answer(N, pkg, "en_US");

    assertThat(r.shipmentStatus()).isEqualTo("pre transit (Shipment Ready for UPS)");
    assertThat(r.found().shipments().get(0).delivered()).isFalse();
  }

  @Test
  void aPackageWithoutAnyStatusIsUnknownNotAnError() throws Exception {
    CarrierAnswer r = UpsTracking.answer(N, json("{\"trackingNumber\":\"" + N + "\"}"), "en_US");

    assertThat(r.status()).isEqualTo(TrackingStatus.UNKNOWN);
    assertThat(r.lastEventAt()).isNull();
    assertThat(r.trackingUrl()).isEqualTo("https://www.ups.com/track?loc=en_US&tracknum=" + N);
  }

  @Test
  void anActivityTimeIsReadFromTheLocalTimeAndOffsetElseFromGmt() throws Exception {
    assertThat(UpsTracking.at(json("""
        {"date":"20251211","time":"034100","gmtDate":"20251211","gmtOffset":"-06:00","gmtTime":"09:41:00"}""")))
        .isEqualTo(Instant.parse("2025-12-11T09:41:00Z"));
    // UPS's own example drops the leading zero of gmtTime
    assertThat(UpsTracking.at(json("{\"date\":\"20210210\",\"gmtDate\":\"20210210\",\"gmtTime\":\"74700\"}")))
        .isEqualTo(Instant.parse("2021-02-10T07:47:00Z"));
    assertThat(UpsTracking.at(json("{\"date\":\"20210210\",\"time\":\"071356\"}")))
        .isEqualTo(Instant.parse("2021-02-10T07:13:56Z"));
    assertThat(UpsTracking.at(json("{\"date\":\"2021-02-10\",\"time\":\"noon\"}"))).isNull();
  }
}
