package io.azolla.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.azolla.proto.orchestrator.ClientServiceGrpc;
import io.azolla.proto.orchestrator.WaitForTaskRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;

/**
 * Starts the real Azolla binaries for a test class and stops everything it started, also when
 * a test fails: a fresh PostgreSQL database, the orchestrator on a free port, and shepherds as
 * asked. The binaries come from {@code AZOLLA_HOME} (or its {@code bin/} folder); nothing here
 * builds them. The PostgreSQL server comes from {@code AZOLLA_E2E_DATABASE_URL}, by default
 * {@code postgres://postgres:postgres@127.0.0.1:5432/postgres}, whose role must be allowed to
 * create databases.
 */
final class AzollaCluster implements AutoCloseable {

	static final String DOMAIN = "default";

	private static final Path LOGS = Paths.get("target", "e2e-logs");

	private final Path bin;

	private final URI adminUrl;

	private final String database;

	private final int port;

	private final Path workDir;

	private final List<Process> shepherds = new ArrayList<>();

	private Process orchestrator;

	private String concurrencyLimit = "1000000";

	private AzollaCluster(Path bin, URI adminUrl) throws IOException {
		this.bin = bin;
		this.adminUrl = adminUrl;
		this.database = "azolla_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		this.port = freePort();
		this.workDir = Files.createTempDirectory("azolla-e2e");
		Files.createDirectories(LOGS);
	}

	/**
	 * Returns why the e2e tests cannot run here, or empty when they can.
	 */
	static Optional<String> skipReason() {
		if (binaries().isEmpty()) {
			return Optional.of("AZOLLA_HOME is not set or does not hold azolla-orchestrator, azolla-shepherd and "
					+ "azolla-worker (see README, \"End-to-end tests\")");
		}
		try (Connection ignored = connect(adminUrl(), adminDatabase(adminUrl()))) {
			return Optional.empty();
		}
		catch (SQLException ex) {
			return Optional.of("PostgreSQL at " + redacted(adminUrl()) + " is not reachable (" + ex.getMessage()
					+ "); start it or set AZOLLA_E2E_DATABASE_URL");
		}
	}

	/**
	 * The scale of the long-running cases: {@code soak} when {@code AZOLLA_SOAK=true}, otherwise
	 * {@code normal}, so the default run stays within the CI time budget.
	 */
	static int soakOr(int normal, int soak) {
		return "true".equalsIgnoreCase(System.getenv("AZOLLA_SOAK")) ? soak : normal;
	}

	/**
	 * The Python interpreter that has the official client: {@code AZOLLA_E2E_PYTHON}, by default
	 * {@code python3} from the path.
	 */
	static String python() {
		String configured = System.getenv("AZOLLA_E2E_PYTHON");
		return (configured != null && !configured.isBlank()) ? configured : "python3";
	}

	static AzollaCluster start() throws Exception {
		return start(1_000_000);
	}

	/**
	 * Starts a cluster whose domains may have at most the given number of tasks in flight.
	 */
	static AzollaCluster start(int domainConcurrencyLimit) throws Exception {
		AzollaCluster cluster = new AzollaCluster(binaries().orElseThrow(), adminUrl());
		cluster.concurrencyLimit = String.valueOf(domainConcurrencyLimit);
		try {
			cluster.createDatabase();
			cluster.startOrchestrator();
			return cluster;
		}
		catch (Exception ex) {
			cluster.close();
			throw ex;
		}
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Counts the lines of all shepherd logs written so far that contain the given text; the
	 * Rust shepherd logs one line per failed attempt with the task id in it.
	 */
	long countShepherdLogLines(String text) throws IOException {
		long count = 0;
		try (var logs = Files.list(LOGS)) {
			for (Path log : logs.filter((path) -> path.getFileName().toString().startsWith("shepherd-")).toList()) {
				try (var lines = Files.lines(log)) {
					count += lines.filter((line) -> line.contains(text)).count();
				}
			}
		}
		return count;
	}

	int port() {
		return this.port;
	}

	/**
	 * Counts the lines of the orchestrator's logs written so far that contain the given text.
	 */
	long countOrchestratorLogLines(String text) throws IOException {
		try (var lines = Files.lines(LOGS.resolve("orchestrator.log"))) {
			return lines.filter((line) -> line.contains(text)).count();
		}
	}

	/**
	 * Counts the orchestrator's events of one type per task (4 = attempt started, 5 = attempt
	 * ended, 3 = task ended), from its database.
	 */
	Map<String, Integer> eventsPerTask(int eventType) throws SQLException {
		Map<String, Integer> counts = new java.util.HashMap<>();
		try (Connection connection = connect(this.adminUrl, this.database);
				java.sql.PreparedStatement statement = connection.prepareStatement(
						"SELECT task_instance_id, count(*) FROM events WHERE event_type = ? AND task_instance_id IS NOT NULL "
								+ "GROUP BY task_instance_id")) {
			statement.setShort(1, (short) eventType);
			try (java.sql.ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					counts.put(rows.getString(1), rows.getInt(2));
				}
			}
		}
		return counts;
	}

	/**
	 * Returns, per task, the events of one type the orchestrator wrote, oldest first, with the
	 * shepherd named in their metadata (attempt-started events name the shepherd the attempt
	 * was dispatched to; see {@link #eventsPerTask(int)} for the types).
	 */
	Map<String, List<Event>> eventsOfType(int eventType) throws SQLException {
		Map<String, List<Event>> events = new java.util.HashMap<>();
		try (Connection connection = connect(this.adminUrl, this.database);
				java.sql.PreparedStatement statement = connection.prepareStatement(
						"SELECT task_instance_id, created_at, metadata->>'shepherd_uuid' FROM events WHERE event_type = ? "
								+ "AND task_instance_id IS NOT NULL ORDER BY event_id")) {
			statement.setShort(1, (short) eventType);
			try (java.sql.ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					events.computeIfAbsent(rows.getString(1), (id) -> new ArrayList<>())
						.add(new Event(rows.getTimestamp(2).toInstant(), rows.getString(3)));
				}
			}
		}
		return events;
	}

	/**
	 * One event of a task: when the orchestrator wrote it, and the shepherd it names, if any.
	 */
	record Event(java.time.Instant at, String shepherdUuid) {
	}

	Path bin(String name) {
		return this.bin.resolve(name);
	}

	ManagedChannel channel() {
		return NettyChannelBuilder.forAddress("127.0.0.1", this.port).usePlaintext().build();
	}

	/**
	 * Starts a Rust shepherd that launches the given worker binary for each task. Every flag is
	 * passed explicitly because the shepherd's command-line defaults override its other settings.
	 */
	Process startShepherd(Path workerBinary, String group, int maxConcurrency, Map<String, String> environment)
			throws IOException {
		return startShepherd(List.of("--max-concurrency", String.valueOf(maxConcurrency), "--worker-binary",
				workerBinary.toString(), "--domain", DOMAIN, "--shepherd-group", group), environment);
	}

	/**
	 * Starts a Rust shepherd with the given flags; the orchestrator endpoint and a free worker
	 * port are added.
	 */
	Process startShepherd(List<String> flags, Map<String, String> environment) throws IOException {
		int workerPort = freePort();
		List<String> command = new ArrayList<>(List.of(bin("azolla-shepherd").toString(), "--orchestrator", endpoint(),
				"--worker-port", String.valueOf(workerPort)));
		command.addAll(flags);
		Process shepherd = launch(command, environment, "shepherd-" + workerPort);
		this.shepherds.add(shepherd);
		awaitPort(workerPort, Duration.ofSeconds(20), shepherd);
		return shepherd;
	}

	Process startRustShepherd(String group, int maxConcurrency) throws IOException {
		return startShepherd(bin("azolla-worker"), group, maxConcurrency, Map.of());
	}

	/**
	 * Stops the orchestrator (SIGTERM, then SIGKILL) and starts it again on the same port and
	 * database; it keeps no results across the restart.
	 */
	void restartOrchestrator() throws Exception {
		stop(this.orchestrator);
		startOrchestrator();
	}

	void stopOrchestrator() {
		stop(this.orchestrator);
	}

	/**
	 * Asks the orchestrator to stop (SIGTERM) and reports whether it exited by itself within
	 * the limit; it is killed otherwise. It waits for open shepherd streams to end first.
	 */
	boolean stopOrchestratorGracefully(Duration limit) throws InterruptedException {
		this.orchestrator.destroy();
		boolean exited = this.orchestrator.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
		stop(this.orchestrator);
		return exited;
	}

	void startOrchestrator() throws Exception {
		Map<String, String> environment = Map.of("AZOLLA__SERVER__PORT", String.valueOf(this.port),
				"AZOLLA__DATABASE__URL", databaseUrl(this.database), "AZOLLA__DOMAINS__DEFAULT_CONCURRENCY_LIMIT",
				this.concurrencyLimit, "RUST_LOG", "warn");
		this.orchestrator = launch(List.of(bin("azolla-orchestrator").toString()), environment, "orchestrator");
		awaitPort(this.port, Duration.ofSeconds(60), this.orchestrator);
		awaitOrchestratorAnswers(Duration.ofSeconds(30));
	}

	@Override
	public void close() {
		this.shepherds.forEach(AzollaCluster::stop);
		stop(this.orchestrator);
		try {
			dropDatabase();
		}
		catch (SQLException ex) {
			System.err.println("[e2e] could not drop database " + this.database + ": " + ex.getMessage());
		}
	}

	static void stop(Process process) {
		if (process == null || !process.isAlive()) {
			return;
		}
		process.descendants().forEach(ProcessHandle::destroy);
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

	private Process launch(List<String> command, Map<String, String> environment, String logName) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(LOGS.resolve(logName + ".log").toFile()));
		builder.environment().putAll(environment);
		return builder.start();
	}

	private void awaitOrchestratorAnswers(Duration timeout) throws InterruptedException {
		ManagedChannel channel = channel();
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (true) {
				try {
					ClientServiceGrpc.newBlockingStub(channel)
						.withDeadlineAfter(2, TimeUnit.SECONDS)
						.waitForTask(WaitForTaskRequest.newBuilder()
							.setTaskId(UUID.randomUUID().toString())
							.setDomain(DOMAIN)
							.setTimeoutMs(0)
							.build());
					return;
				}
				catch (RuntimeException ex) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("orchestrator did not answer within " + timeout, ex);
					}
					Thread.sleep(200);
				}
			}
		}
		finally {
			channel.shutdownNow();
		}
	}

	private static void awaitPort(int port, Duration timeout, Process owner) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!owner.isAlive()) {
				throw new IllegalStateException("process exited with " + owner.exitValue() + " before listening on "
						+ port + "; see " + LOGS.toAbsolutePath());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return;
			}
			catch (IOException ex) {
				sleepQuietly(100);
			}
		}
		throw new IllegalStateException("nothing listened on port " + port + " within " + timeout);
	}

	private void createDatabase() throws SQLException {
		try (Connection connection = connect(this.adminUrl, adminDatabase(this.adminUrl));
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + this.database);
		}
	}

	private void dropDatabase() throws SQLException {
		try (Connection connection = connect(this.adminUrl, adminDatabase(this.adminUrl));
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + this.database + " WITH (FORCE)");
		}
	}

	private String databaseUrl(String name) {
		String userInfo = (this.adminUrl.getUserInfo() != null) ? this.adminUrl.getUserInfo() + "@" : "";
		int pgPort = (this.adminUrl.getPort() != -1) ? this.adminUrl.getPort() : 5432;
		return "postgres://" + userInfo + this.adminUrl.getHost() + ":" + pgPort + "/" + name + "?sslmode=disable";
	}

	private static Connection connect(URI url, String database) throws SQLException {
		int pgPort = (url.getPort() != -1) ? url.getPort() : 5432;
		String[] credentials = (url.getUserInfo() != null) ? url.getUserInfo().split(":", 2) : new String[] { "postgres" };
		return DriverManager.getConnection("jdbc:postgresql://" + url.getHost() + ":" + pgPort + "/" + database,
				credentials[0], (credentials.length > 1) ? credentials[1] : "");
	}

	private static String adminDatabase(URI url) {
		String path = url.getPath();
		return (path == null || path.length() <= 1) ? "postgres" : path.substring(1);
	}

	private static URI adminUrl() {
		String configured = System.getenv("AZOLLA_E2E_DATABASE_URL");
		return URI.create((configured != null && !configured.isBlank()) ? configured
				: "postgres://postgres:postgres@127.0.0.1:5432/postgres");
	}

	private static String redacted(URI url) {
		return url.getHost() + ":" + ((url.getPort() != -1) ? url.getPort() : 5432);
	}

	static boolean binariesPresent() {
		return binaries().isPresent();
	}

	private static Optional<Path> binaries() {
		String home = System.getenv("AZOLLA_HOME");
		if (home == null || home.isBlank()) {
			return Optional.empty();
		}
		for (Path candidate : List.of(Paths.get(home, "bin"), Paths.get(home))) {
			if (Files.isExecutable(candidate.resolve("azolla-orchestrator"))
					&& Files.isExecutable(candidate.resolve("azolla-shepherd"))
					&& Files.isExecutable(candidate.resolve("azolla-worker"))) {
				return Optional.of(candidate.toAbsolutePath());
			}
		}
		return Optional.empty();
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

	private static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
