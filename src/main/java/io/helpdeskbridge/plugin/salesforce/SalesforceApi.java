package io.helpdeskbridge.plugin.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.spi.HelpdeskException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.SalesforceLoginConfig;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Salesforce REST calls the connection needs, made through Apache Camel's salesforce component
 * in a private {@link DefaultCamelContext}: {@code salesforce:query}, {@code salesforce:queryMore},
 * {@code salesforce:composite} and {@code salesforce:upsertSObject}, all with {@code
 * rawPayload=true} so the bridge reads and writes plain JSON and needs no generated DTOs.
 *
 * <p>The component logs in when the context starts ({@code lazyLogin=false}) and then uses the
 * token answer's {@code instance_url} as the REST base. On {@code 401 INVALID_SESSION_ID} its
 * security handler logs in again and replays the request; the HTTP client's {@code maxRetries=1}
 * keeps that to one re-login per request, after which the 401 reaches us and is classified.
 */
final class SalesforceApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SalesforceApi.class);
  private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");
  private static final long USAGE_WARN_EVERY_MS = 10 * 60_000L;

  /** One answer: the HTTP status, the JSON body (null when empty) and the org's API usage header. */
  record Answer(int status, JsonNode body, String limitInfo) {}

  private final SalesforceConfig config;
  private final ObjectMapper json;
  private final DefaultCamelContext camel;
  private final SalesforceComponent component;
  private final ProducerTemplate template;
  private final AtomicLong lastUsageWarning = new AtomicLong();

  SalesforceApi(SalesforceConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
    this.camel = new DefaultCamelContext();
    camel.disableJMX();
    camel.getCamelContextExtension().setName("salesforce-" + config.connectorId());
    camel.getShutdownStrategy().setTimeout(10);

    component = new SalesforceComponent();
    component.setLoginConfig(loginConfig(config));
    SalesforceEndpointConfig endpoints = new SalesforceEndpointConfig();
    endpoints.setApiVersion(config.apiVersion());
    endpoints.setRawPayload(true);
    component.setConfig(endpoints);
    component.setHttpClientConnectionTimeout(config.connectTimeout().toMillis());
    component.setHttpRequestTimeout(config.requestTimeout().toMillis());
    Map<String, Object> httpClient = new HashMap<>();
    // one re-login and replay on 401 INVALID_SESSION_ID, not the component's default of three
    httpClient.put("maxRetries", 1);
    component.setHttpClientProperties(httpClient);
    // no generated DTOs: everything is rawPayload JSON (naming a package quiets the component's warning)
    component.setPackages(SalesforceApi.class.getPackageName());
    camel.addComponent("salesforce", component);
    try {
      camel.start(); // logs in (lazyLogin false)
    } catch (RuntimeException e) {
      stopQuietly();
      throw new IllegalStateException(config.file() + ": connector '" + config.connectorId() + "': Salesforce login at "
          + config.loginUrl() + " (" + config.auth().setting + ") failed: " + rootMessage(e), null);
    }
    this.template = camel.createProducerTemplate();
  }

  /** The login settings the component uses; its own toString would print a refresh token. */
  static SalesforceLoginConfig loginConfig(SalesforceConfig c) {
    SalesforceLoginConfig login = new SalesforceLoginConfig() {
      @Override
      public String toString() {
        return "SalesforceLoginConfig[" + c.loginUrl() + ", " + c.auth().setting + ", secrets redacted]";
      }
    };
    login.setLoginUrl(c.loginUrl());
    login.setClientId(c.clientId());
    login.setLazyLogin(false);
    switch (c.auth()) {
      case CLIENT_CREDENTIALS -> {
        login.setType(AuthenticationType.CLIENT_CREDENTIALS);
        login.setClientSecret(c.clientSecret());
      }
      case PASSWORD -> {
        login.setType(AuthenticationType.USERNAME_PASSWORD);
        login.setClientSecret(c.clientSecret());
        login.setUserName(c.username());
        login.setPassword(c.password());
      }
      case REFRESH_TOKEN -> {
        login.setType(AuthenticationType.REFRESH_TOKEN);
        login.setClientSecret(c.clientSecret());
        login.setRefreshToken(c.refreshToken());
      }
      case JWT -> {
        login.setType(AuthenticationType.JWT);
        login.setUserName(c.username());
        KeyStoreParameters keystore = new KeyStoreParameters();
        keystore.setResource(resourceUri(c.jwtKeystore()));
        keystore.setPassword(c.jwtKeystorePassword());
        if (c.jwtKeystoreType() != null) keystore.setType(c.jwtKeystoreType());
        login.setKeystore(keystore);
        if (c.jwtAudience() != null) login.setJwtAudience(c.jwtAudience());
      }
    }
    return login;
  }

  /** A plain path is a file (Camel would read it from the classpath); file:, classpath: and http: pass. */
  static String resourceUri(String keystore) {
    if (keystore.matches("^(file|classpath|http|https|ref|bean):.*")) return keystore;
    return "file:" + Path.of(keystore).toAbsolutePath();
  }

  /** The REST base Salesforce gave at login ({@code instance_url}), or null before a login. */
  String instanceUrl() {
    return component.getSession() == null ? null : component.getSession().getInstanceUrl();
  }

  /** {@code GET /services/data/vXX.X/query/?q=…}: the first page of records. */
  Answer query(String what, String soql) throws HelpdeskException {
    return call(what, "salesforce:query", Map.of("sObjectQuery", soql), null);
  }

  /** {@code GET <nextRecordsUrl>}: the next page of a query. */
  Answer queryMore(String what, String nextRecordsUrl) throws HelpdeskException {
    return call(what, "salesforce:queryMore", Map.of("sObjectQuery", nextRecordsUrl), null);
  }

  /** {@code POST /services/data/vXX.X/composite} with the given body. */
  Answer composite(String what, JsonNode body) throws HelpdeskException {
    return call(what, "salesforce:composite", Map.of(), write(body));
  }

  /** {@code PATCH /services/data/vXX.X/sobjects/<object>/<field>/<value>}: upsert by external id. */
  Answer upsert(String what, String sObject, String externalIdField, String value, JsonNode body) throws HelpdeskException {
    String uri = "salesforce:upsertSObject?sObjectName=" + enc(sObject) + "&sObjectIdName=" + enc(externalIdField);
    return call(what, uri, Map.of("sObjectIdValue", value), write(body));
  }

  /** The version prefix of REST paths inside composite requests: {@code /services/data/v62.0}. */
  String dataPath() {
    return "/services/data/v" + config.apiVersion();
  }

  private Answer call(String what, String uri, Map<String, Object> headers, String body) throws HelpdeskException {
    Exchange exchange;
    try {
      exchange = template.send(uri, e -> {
        headers.forEach(e.getIn()::setHeader);
        if (body != null) e.getIn().setBody(body);
      });
    } catch (RuntimeException e) {
      throw new HelpdeskException(HelpdeskException.Kind.RETRYABLE, 0, what + ": Salesforce call failed (" + rootMessage(e) + ")", null, e);
    }
    Message m = exchange.getMessage();
    String limitInfo = m.getHeader(SalesforceErrors.LIMIT_HEADER, String.class);
    watchUsage(limitInfo);
    Integer code = m.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    Exception failure = exchange.getException();
    if (failure != null) {
      if (failure instanceof SalesforceException se) {
        int status = se.getStatusCode() != 0 ? se.getStatusCode() : code == null ? 0 : code;
        List<SalesforceErrors.Error> errors = errors(se);
        // a raw client failure carries the body as its message: try it as an error array
        if (errors.isEmpty()) errors = SalesforceErrors.errorsFrom(tryParse(se.getMessage()));
        throw SalesforceErrors.classify(what, status, errors, status == 0 ? rootMessage(se) : se.getMessage(), limitInfo,
            config.limitBackoff(), se);
      }
      throw new HelpdeskException(HelpdeskException.Kind.RETRYABLE, 0, what + ": Salesforce call failed (" + rootMessage(failure) + ")",
          null, failure);
    }
    int status = code == null ? 200 : code;
    // 204 No Content: the message still holds our request body (the processor copies it over)
    String text = status == 204 ? null : m.getBody(String.class);
    JsonNode answer = text == null || text.isBlank() ? null : tryParse(text);
    if (status >= 300) {
      // composite with rawPayload hands an error answer back as a body, not as an exception
      throw SalesforceErrors.classify(what, status, SalesforceErrors.errorsFrom(answer), text, limitInfo, config.limitBackoff(), null);
    }
    if (text != null && !text.isBlank() && answer == null) {
      throw HelpdeskException.retryable(status, what + ": Salesforce answered " + status + " with a body that is not JSON", null);
    }
    return new Answer(status, answer, limitInfo);
  }

  private static List<SalesforceErrors.Error> errors(SalesforceException se) {
    List<SalesforceErrors.Error> out = new ArrayList<>();
    for (RestError e : se.getErrors()) out.add(new SalesforceErrors.Error(e.getErrorCode(), e.getMessage(), e.getFields()));
    return out;
  }

  /** Warns (at most every ten minutes) when the org has used 90 % of its daily API allocation. */
  private void watchUsage(String limitInfo) {
    if (limitInfo == null) return;
    Matcher m = API_USAGE.matcher(limitInfo);
    if (!m.find()) return;
    long used = Long.parseLong(m.group(1));
    long max = Long.parseLong(m.group(2));
    long now = System.currentTimeMillis();
    long last = lastUsageWarning.get();
    if (max > 0 && used * 10 >= max * 9 && now - last >= USAGE_WARN_EVERY_MS && lastUsageWarning.compareAndSet(last, now)) {
      LOG.warn("Salesforce connector '{}': the org has used {} of its {} daily API calls", config.connectorId(), used, max);
    }
  }

  private JsonNode tryParse(String text) {
    if (text == null) return null;
    String t = text.trim();
    if (!t.startsWith("{") && !t.startsWith("[")) return null;
    try {
      return json.readTree(t);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private String write(JsonNode body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : ": " + m.replaceAll("\\s+", " "));
  }

  private void stopQuietly() {
    try {
      camel.stop();
    } catch (RuntimeException e) {
      LOG.debug("stopping the Salesforce Camel context: {}", e.toString());
    }
  }

  @Override
  public void close() {
    stopQuietly();
  }
}
