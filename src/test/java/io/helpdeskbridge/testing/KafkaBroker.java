package io.helpdeskbridge.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker for the cluster-mode tests: KRaft (broker and controller in one
 * process, no ZooKeeper), from the {@code org.apache.kafka:kafka_2.13} test dependency, listening
 * on a free loopback port.
 *
 * <p>The broker runs as its own JVM ({@code kafka.Kafka server.properties} behind the small {@link
 * Launcher}), so {@link #kill()} is a real crash (SIGKILL: no shutdown hook, no flush, no
 * controlled shutdown) and no Scala or Kafka server class is loaded into the JVM that runs the
 * bridge. {@link #stop()} is SIGTERM, which runs Kafka's own controlled shutdown. {@link
 * #restart()} starts it again on the same ports with the same log dir, so what was acknowledged
 * survives. The child exits by itself when this JVM dies, even by SIGKILL (it watches its stdin
 * pipe), and a shutdown hook kills it on a normal exit: no orphan broker outlives the test run.
 *
 * <p>The broker's own output goes to {@code broker.log} in its directory; a failed start puts the
 * tail of it in the exception.
 *
 * @see <a href="https://kafka.apache.org/39/documentation/#kraft_config">KRaft configuration</a>
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Path dir;
  private final boolean ownsDir;
  private final int port;
  private final int controllerPort;
  private final String clusterId = Uuid.randomUuid().toString();
  private final Map<String, String> overrides = new LinkedHashMap<>();
  private final Set<String> topics = new LinkedHashSet<>();
  private final Thread reaper = new Thread(this::destroyNow, "kafka-broker-reaper");
  private Process process;
  private boolean formatted;
  private boolean closed;
  private int starts;
  private Duration lastStart = Duration.ZERO;

  /**
   * A broker in a new temporary directory, deleted by {@link #close()}: under {@code target/} when
   * run from the project (so {@code mvn clean} also removes what a killed test run left), else in
   * the system's temporary directory.
   */
  public KafkaBroker() throws IOException {
    this(newTempDir(), true);
  }

  private static Path newTempDir() throws IOException {
    Path target = Path.of("target");
    return Files.isDirectory(target) ? Files.createTempDirectory(target, "kafka-broker") : Files.createTempDirectory("kafka-broker");
  }

  /** A broker whose config, data and log live under {@code dir}, which is kept. */
  public KafkaBroker(Path dir) throws IOException {
    this(Files.createDirectories(dir), false);
  }

  private KafkaBroker(Path dir, boolean ownsDir) {
    this.dir = dir.toAbsolutePath();
    this.ownsDir = ownsDir;
    this.port = freePort();
    int c = freePort();
    while (c == port) c = freePort();
    this.controllerPort = c;
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /** Overrides or adds one broker setting; takes effect at the next (re)start. */
  public KafkaBroker withConfig(String key, String value) {
    overrides.put(key, value);
    return this;
  }

  /** {@code 127.0.0.1:port}, for {@code bootstrap.servers} / camel-kafka's {@code brokers}. */
  public String bootstrap() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  public Path logDir() {
    return dir.resolve("data");
  }

  /** How long the last {@link #start()} / {@link #restart()} took until the broker served. */
  public Duration lastStartTook() {
    return lastStart;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /**
   * Formats the log dir on the first call, starts the broker and returns once it answers metadata
   * requests and every topic made by {@link #createTopic} has a leader for each partition.
   */
  public synchronized KafkaBroker start() throws IOException {
    if (closed) throw new IllegalStateException("closed");
    if (isRunning()) throw new IllegalStateException("already running on " + bootstrap());
    long t0 = System.nanoTime();
    Path props = writeProperties();
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "@" + writeArgFile()));
    if (!formatted) cmd.addAll(List.of("--format", clusterId));
    cmd.add(props.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(brokerLog().toFile()));
    // stdin stays a pipe from this JVM: the launcher exits when it closes (this JVM died)
    process = pb.start();
    starts++;
    formatted = true;
    Process p = process;
    try (Admin admin = admin()) {
      await("kafka broker start #" + starts + " on " + bootstrap())
          .atMost(START_TIMEOUT)
          .pollDelay(Duration.ofMillis(200))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptionsMatching(e -> !(e instanceof BrokerDied))
          .until(() -> {
            if (!p.isAlive()) throw new BrokerDied("the broker exited with " + p.exitValue() + ":\n" + logTail());
            return serving(admin);
          });
    } catch (RuntimeException e) {
      destroyNow();
      throw new IllegalStateException("kafka broker did not start: " + e.getMessage() + "\n" + logTail(), e);
    }
    lastStart = Duration.ofNanos(System.nanoTime() - t0);
    return this;
  }

  /** Creates a topic (replication factor 1) and waits until each partition has a leader. */
  public void createTopic(String name, int partitions) {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topic " + name + ": " + e.getMessage(), e);
    }
    topics.add(name);
    try (Admin admin = admin()) {
      await("leaders of " + name).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .ignoreExceptions().until(() -> allLed(admin, Set.of(name)));
    }
  }

  /** SIGKILL: a crash. Nothing graceful happens; the log dir is left as the crash left it. */
  public synchronized void kill() throws InterruptedException {
    if (process == null) return;
    process.destroyForcibly();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException("kafka broker pid " + process.pid() + " survived SIGKILL");
    }
    closeStdin();
  }

  private void closeStdin() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // already closed
    }
  }

  /** SIGTERM: Kafka's controlled shutdown, as a service manager would stop it; kill after 30 s. */
  public synchronized void stop() throws InterruptedException {
    if (process == null || !process.isAlive()) return;
    // not Process.destroy(): it also closes the child's stdin, and the launcher halts on that
    // before Kafka's shutdown hook is done, which would make every stop a crash
    process.toHandle().destroy();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) kill();
    closeStdin();
  }

  /** Starts it again, same ports and log dir. Stops it gracefully first if it is still running. */
  public synchronized KafkaBroker restart() throws IOException, InterruptedException {
    stop();
    return start();
  }

  /**
   * Ends the broker and deletes its directory if this object made it (then a kill is enough: there
   * is nothing to keep); a directory given by the caller is kept, after a graceful stop.
   */
  @Override
  public synchronized void close() throws InterruptedException, IOException {
    if (closed) return;
    closed = true;
    if (ownsDir) kill();
    else stop();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    if (ownsDir) deleteTree(dir);
  }

  /** An admin client for this broker, with short timeouts. The caller closes it. */
  public Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    return Admin.create(p);
  }

  /** The broker's console output so far. */
  public String log() throws IOException {
    Path log = brokerLog();
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** The KRaft settings; {@link #withConfig} overrides win. */
  Map<String, String> config() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("process.roles", "broker,controller");
    c.put("node.id", "1");
    c.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    c.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    c.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    c.put("controller.listener.names", "CONTROLLER");
    c.put("inter.broker.listener.name", "PLAINTEXT");
    c.put("log.dirs", logDir().toString());
    // one node: every internal topic has replication factor 1, and few partitions to load
    c.put("offsets.topic.replication.factor", "1");
    c.put("offsets.topic.num.partitions", "4");
    c.put("transaction.state.log.replication.factor", "1");
    c.put("transaction.state.log.min.isr", "1");
    c.put("transaction.state.log.num.partitions", "4");
    c.put("default.replication.factor", "1");
    c.put("min.insync.replicas", "1");
    c.put("num.partitions", "1");
    // tests create their topics with the partition count they need
    c.put("auto.create.topics.enable", "false");
    // a consumer group's first member starts at once instead of after 3 s
    c.put("group.initial.rebalance.delay.ms", "0");
    // after a crash the controller refuses the new incarnation (DUPLICATE_BROKER_REGISTRATION)
    // until the dead one's session expires: 3 s instead of the default 9 s (heartbeat 2 s)
    c.put("broker.heartbeat.interval.ms", "500");
    c.put("broker.session.timeout.ms", "3000");
    c.put("num.network.threads", "2");
    c.put("num.io.threads", "2");
    c.put("num.recovery.threads.per.data.dir", "1");
    c.putAll(overrides);
    return c;
  }

  private boolean serving(Admin admin) throws Exception {
    DescribeClusterOptions quick = new DescribeClusterOptions().timeoutMs(1_000);
    if (admin.describeCluster(quick).nodes().get(2, TimeUnit.SECONDS).isEmpty()) return false;
    return topics.isEmpty() || allLed(admin, topics);
  }

  private static boolean allLed(Admin admin, Set<String> names) throws Exception {
    Map<String, TopicDescription> d = admin.describeTopics(names, new DescribeTopicsOptions().timeoutMs(1_000))
        .allTopicNames().get(2, TimeUnit.SECONDS);
    return d.values().stream()
        .flatMap(t -> t.partitions().stream())
        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
  }

  private Path writeProperties() throws IOException {
    StringBuilder sb = new StringBuilder("# written by io.helpdeskbridge.testing.KafkaBroker\n");
    config().forEach((k, v) -> sb.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
    Path props = dir.resolve("server.properties");
    Files.writeString(props, sb.toString());
    return props;
  }

  /** JVM options and classpath in a java @argfile: the test classpath is too long for comfort. */
  private Path writeArgFile() throws IOException {
    Path logback = dir.resolve("logback-broker.xml");
    Files.writeString(logback, """
        <configuration>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
          </appender>
          <logger name="kafka" level="INFO"/>
          <logger name="org.apache.kafka" level="WARN"/>
          <logger name="state.change.logger" level="WARN"/>
          <root level="WARN"><appender-ref ref="OUT"/></root>
        </configuration>
        """);
    List<String> args = List.of(
        "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Djava.awt.headless=true",
        "-Dlogback.configurationFile=" + logback,
        "-cp", brokerClasspath(),
        Launcher.class.getName());
    StringBuilder sb = new StringBuilder();
    for (String a : args) sb.append('"').append(a.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
    Path argFile = dir.resolve("broker.args");
    Files.writeString(argFile, sb.toString());
    return argFile;
  }

  /**
   * The test classpath (surefire's real one when it forks with a manifest-only jar). It holds the
   * kafka_2.13 test dependency and its Scala runtime, and this class's {@link Launcher}.
   */
  private static String brokerClasspath() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) cp = System.getProperty("java.class.path");
    return cp;
  }

  private Path brokerLog() {
    return dir.resolve("broker.log");
  }

  private String logTail() {
    try {
      List<String> lines = Files.exists(brokerLog()) ? Files.readAllLines(brokerLog()) : List.of();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(broker.log unreadable: " + e + ")";
    }
  }

  private void destroyNow() {
    Process p = process;
    if (p != null && p.isAlive()) {
      p.destroyForcibly();
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class BrokerDied extends RuntimeException {
    BrokerDied(String message) {
      super(message);
    }
  }

  /**
   * The child JVM's main: {@code [--format CLUSTER_ID] server.properties}. Formats the log dir with
   * Kafka's {@code kafka.tools.StorageTool} when asked, then runs {@code kafka.Kafka}. A daemon
   * thread halts the JVM when stdin reaches end of file, i.e. when the test JVM that started it is
   * gone, however it died. Kafka is reached by reflection so that nothing in the test JVM links
   * against the server classes.
   */
  public static final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
      Thread watch = new Thread(Launcher::haltWhenParentGoes, "parent-watch");
      watch.setDaemon(true);
      watch.start();
      String props = args[args.length - 1];
      if (args.length == 3 && args[0].equals("--format")) {
        String[] format = {"format", "--config", props, "--cluster-id", args[1], "--ignore-formatted"};
        int rc = (int) call("kafka.tools.StorageTool", "execute", new Class<?>[] {String[].class, PrintStream.class},
            format, System.out);
        if (rc != 0) {
          System.err.println("kafka-storage format failed with " + rc);
          Runtime.getRuntime().halt(rc);
        }
      }
      call("kafka.Kafka", "main", new Class<?>[] {String[].class}, (Object) new String[] {props});
    }

    private static Object call(String type, String method, Class<?>[] params, Object... args) throws Exception {
      try {
        return Class.forName(type).getMethod(method, params).invoke(null, args);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof Exception ex) throw ex;
        throw e;
      }
    }

    private static void haltWhenParentGoes() {
      try (InputStream in = System.in) {
        byte[] buf = new byte[64];
        while (in.read(buf) >= 0) {
          // the parent never writes; keep reading until the pipe closes
        }
      } catch (IOException e) {
        // a broken pipe means the same thing
      }
      System.err.println("parent JVM gone: halting the broker");
      Runtime.getRuntime().halt(137);
    }
  }
}
