package io.azolla.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of the orchestrator, for breaking a shepherd's connection
 * the ways a network does: {@link #cut()} closes every open connection on both sides at once
 * (a dropped link), {@link #freeze()} stops forwarding on the open connections without closing
 * anything (a half-open link: neither side is told). New connections always work.
 */
final class LoopbackProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final int targetPort;

	private final List<Pair> pairs = new CopyOnWriteArrayList<>();

	private final AtomicInteger accepted = new AtomicInteger();

	private final Thread acceptor;

	private volatile boolean closed;

	LoopbackProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(this::acceptLoop, "e2e-proxy-accept");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.listener.getLocalPort();
	}

	/** Returns how many connections the proxy accepted so far. */
	int accepted() {
		return this.accepted.get();
	}

	/** Closes every open connection, client and server side. */
	int cut() {
		int count = 0;
		for (Pair pair : this.pairs) {
			pair.close();
			this.pairs.remove(pair);
			count++;
		}
		return count;
	}

	/** Stops forwarding on every open connection and keeps them open. */
	void freeze() {
		for (Pair pair : this.pairs) {
			pair.frozen = true;
		}
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			this.listener.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
		cut();
	}

	private void acceptLoop() {
		while (!this.closed) {
			try {
				Socket client = this.listener.accept();
				Socket server = new Socket();
				server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.targetPort), 2_000);
				client.setTcpNoDelay(true);
				server.setTcpNoDelay(true);
				Pair pair = new Pair(client, server);
				this.pairs.add(pair);
				this.accepted.incrementAndGet();
				pair.start();
			}
			catch (IOException ex) {
				if (this.closed) {
					return;
				}
			}
		}
	}

	private static final class Pair {

		private final Socket client;

		private final Socket server;

		volatile boolean frozen;

		Pair(Socket client, Socket server) {
			this.client = client;
			this.server = server;
		}

		void start() throws IOException {
			pump(this.client.getInputStream(), this.server.getOutputStream(), "up");
			pump(this.server.getInputStream(), this.client.getOutputStream(), "down");
		}

		private void pump(InputStream from, OutputStream to, String direction) {
			Thread thread = new Thread(() -> {
				byte[] buffer = new byte[16 * 1024];
				try {
					while (true) {
						if (this.frozen) {
							// Half-open: read nothing more, write nothing more, close nothing.
							Thread.sleep(60_000);
							continue;
						}
						int read = from.read(buffer);
						if (read < 0) {
							break;
						}
						if (this.frozen) {
							continue;
						}
						to.write(buffer, 0, read);
						to.flush();
					}
				}
				catch (IOException | InterruptedException ex) {
					// Cut or closed.
				}
				close();
			}, "e2e-proxy-" + direction);
			thread.setDaemon(true);
			thread.start();
		}

		void close() {
			closeQuietly(this.client);
			closeQuietly(this.server);
		}

		private static void closeQuietly(Socket socket) {
			try {
				socket.setSoLinger(true, 0);
			}
			catch (SocketException ex) {
				// Already closed.
			}
			try {
				socket.close();
			}
			catch (IOException ex) {
				// Already closed.
			}
		}

	}

}
