package io.azolla.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The processes of one benchmark run on this machine: a fresh PostgreSQL database, the
 * orchestrator on a free port, and the shepherds. It only starts binaries it is given and
 * stops everything it started, children included, when closed.
 */
final class LocalCluster implements AutoCloseable {

	static final String DOMAIN = "default";

	private final Path bin;

	private final URI adminUrl;

	private final Path logs;

	private final Path workDir;

	private final String database;

	private final Map<Process, String> processes = Collections.synchronizedMap(new LinkedHashMap<>());

	private int port;

	private boolean databaseCreated;

	LocalCluster(Path bin, URI adminUrl, Path logs) throws IOException {
		this.bin = bin;
		this.adminUrl = adminUrl;
		this.logs = Files.createDirectories(logs);
		this.workDir = Files.createTempDirectory("azolla-bench");
		this.database = "azolla_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	/**
	 * Creates the database and starts the orchestrator, with a domain limit high enough that
	 * the orchestrator never throttles the load.
	 */
	void start() throws IOException, SQLException {
		start(null);
	}

	/**
	 * Like {@link #start()}, and sets the database's {@code synchronous_commit} first when
	 * given (for example {@code off}, to see how much of a run waits for commits to be flushed).
	 */
	void start(String synchronousCommit) throws IOException, SQLException {
		admin("CREATE DATABASE " + this.database);
		this.databaseCreated = true;
		if (synchronousCommit != null) {
			if (!synchronousCommit.matches("on|off|local|remote_write|remote_apply")) {
				throw new IllegalArgumentException("synchronous_commit cannot be " + synchronousCommit);
			}
			admin("ALTER DATABASE " + this.database + " SET synchronous_commit = " + synchronousCommit);
		}
		this.port = freePort();
		Process orchestrator = launch(List.of(this.bin.resolve("azolla-orchestrator").toString()),
				Map.of("AZOLLA__SERVER__PORT", String.valueOf(this.port), "AZOLLA__DATABASE__URL", databaseUrl(),
						"AZOLLA__DOMAINS__DEFAULT_CONCURRENCY_LIMIT", "1000000", "RUST_LOG", "warn"),
				"orchestrator");
		awaitPort(this.port, Duration.ofSeconds(60), orchestrator, "orchestrator");
	}

	/** Returns the run's database name. */
	String database() {
		return this.database;
	}

	/** Returns the processes this cluster started, by log name. */
	Map<String, Process> processes() {
		Map<String, Process> byName = new LinkedHashMap<>();
		synchronized (this.processes) {
			this.processes.forEach((process, name) -> byName.put(name, process));
		}
		return byName;
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Starts a Rust shepherd. Every flag is passed because its command-line defaults win over
	 * its environment and file settings.
	 */
	void startRustShepherd(Path workerBinary, String group, int maxConcurrency) throws IOException {
		int workerPort = freePort();
		Process shepherd = launch(List.of(this.bin.resolve("azolla-shepherd").toString(), "--orchestrator", endpoint(),
				"--max-concurrency", String.valueOf(maxConcurrency), "--worker-port", String.valueOf(workerPort),
				"--worker-binary", workerBinary.toString(), "--domain", DOMAIN, "--shepherd-group", group),
				Map.of("RUST_LOG", "warn"), "shepherd-" + group);
		awaitPort(workerPort, Duration.ofSeconds(30), shepherd, "shepherd " + group);
	}

	/**
	 * Starts any other process, such as the Java in-process shepherd, owned by this cluster.
	 */
	Process launch(List<String> command, Map<String, String> environment, String logName) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logs.resolve(logName + ".log").toFile()));
		builder.environment().putAll(environment);
		Process process = builder.start();
		this.processes.put(process, logName);
		return process;
	}

	/**
	 * Fails when a process this cluster started has exited.
	 */
	void requireAllAlive() {
		synchronized (this.processes) {
			for (Map.Entry<Process, String> entry : this.processes.entrySet()) {
				if (!entry.getKey().isAlive()) {
					throw new IllegalStateException(entry.getValue() + " exited with " + entry.getKey().exitValue()
							+ "; see " + this.logs.resolve(entry.getValue() + ".log").toAbsolutePath());
				}
			}
		}
	}

	/**
	 * Returns the PostgreSQL admin URL a driver's {@code --database-url} option names, else
	 * {@code $AZOLLA_BENCH_DATABASE_URL}, else the local default.
	 */
	static URI adminUrl(Options options) {
		return URI.create(options.text("database-url", Optional.ofNullable(System.getenv("AZOLLA_BENCH_DATABASE_URL"))
			.orElse("postgres://postgres:postgres@127.0.0.1:5432/postgres")));
	}

	/**
	 * Closes this cluster when the JVM exits, in case the driver is interrupted; returns the hook
	 * for {@link #closeAndDropHook(Thread)}.
	 */
	Thread closeOnExit(String name) {
		Thread hook = new Thread(this::close, name);
		Runtime.getRuntime().addShutdownHook(hook);
		return hook;
	}

	/**
	 * Closes this cluster and removes the exit hook {@link #closeOnExit(String)} registered.
	 */
	void closeAndDropHook(Thread hook) {
		close();
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// Already shutting down: the hook runs close() again, which is harmless.
		}
	}

	/**
	 * Stops the processes, newest first so shepherds leave before the orchestrator, then drops
	 * the database. Safe to call twice, and from a shutdown hook.
	 */
	@Override
	public synchronized void close() {
		List<Process> started;
		synchronized (this.processes) {
			started = new ArrayList<>(this.processes.keySet());
			this.processes.clear();
		}
		Collections.reverse(started);
		started.forEach(LocalCluster::stop);
		if (this.databaseCreated) {
			this.databaseCreated = false;
			try {
				admin("DROP DATABASE IF EXISTS " + this.database + " WITH (FORCE)");
			}
			catch (SQLException ex) {
				System.err.println("[bench] could not drop database " + this.database + ": " + ex.getMessage());
			}
		}
	}

	private static void stop(Process process) {
		// Worker processes a shepherd launched are stopped with it.
		List<ProcessHandle> children = process.descendants().toList();
		children.forEach(ProcessHandle::destroy);
		process.destroy();
		try {
			if (!process.waitFor(15, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

	private void awaitPort(int port, Duration timeout, Process owner, String what) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() - deadline < 0) {
			if (!owner.isAlive()) {
				throw new IllegalStateException(what + " exited with " + owner.exitValue() + " before listening on "
						+ port + "; see " + this.logs.toAbsolutePath());
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return;
			}
			catch (IOException ex) {
				pause(100);
			}
		}
		throw new IllegalStateException(what + " did not listen on port " + port + " within " + timeout);
	}

	/**
	 * Opens a connection to the run's database, for reading what the orchestrator wrote.
	 */
	Connection connectToRunDatabase() throws SQLException {
		String[] credentials = (this.adminUrl.getUserInfo() != null) ? this.adminUrl.getUserInfo().split(":", 2)
				: new String[] { "postgres" };
		return DriverManager.getConnection("jdbc:postgresql://" + this.adminUrl.getHost() + ":" + pgPort() + "/"
				+ this.database, credentials[0], (credentials.length > 1) ? credentials[1] : "");
	}

	private void admin(String sql) throws SQLException {
		String path = this.adminUrl.getPath();
		String adminDatabase = (path == null || path.length() <= 1) ? "postgres" : path.substring(1);
		String[] credentials = (this.adminUrl.getUserInfo() != null) ? this.adminUrl.getUserInfo().split(":", 2)
				: new String[] { "postgres" };
		try (Connection connection = DriverManager.getConnection(
				"jdbc:postgresql://" + this.adminUrl.getHost() + ":" + pgPort() + "/" + adminDatabase, credentials[0],
				(credentials.length > 1) ? credentials[1] : "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private String databaseUrl() {
		String userInfo = (this.adminUrl.getUserInfo() != null) ? this.adminUrl.getUserInfo() + "@" : "";
		return "postgres://" + userInfo + this.adminUrl.getHost() + ":" + pgPort() + "/" + this.database
				+ "?sslmode=disable";
	}

	private int pgPort() {
		return (this.adminUrl.getPort() != -1) ? this.adminUrl.getPort() : 5432;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for a process", ex);
		}
	}

}
