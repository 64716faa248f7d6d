package io.azolla.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.azolla.proto.orchestrator.WaitForTaskRequest;
import io.azolla.spring.client.AzollaClientSettings;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.TaskNotFoundException;
import io.azolla.spring.client.WaitSchedule;
import io.azolla.spring.client.grpc.GrpcAzollaClient;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.RetryPolicy;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client's wait against the real orchestrator: probes ({@code timeout_ms = 0}) see a
 * finished task without a long poll, a task still running after the probe phase is waited for
 * with long polls, and an unknown id, which a probe cannot tell apart, is reported by the long
 * poll. The calls each wait made are recorded on the channel; no timing is asserted.
 */
@ExtendWith(RealOrchestrator.class)
class ClientWaitE2eTests {

	private static final String GROUP = "client-wait";

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final List<Long> asked = new CopyOnWriteArrayList<>();

	private static AzollaCluster cluster;

	private static ConfigurableApplicationContext worker;

	private static ManagedChannel channel;

	@BeforeAll
	static void start() throws Exception {
		if (RealOrchestrator.unavailable(ClientWaitE2eTests.class, AzollaCluster.skipReason().orElse(null))) {
			return;
		}
		cluster = AzollaCluster.start();
		worker = new SpringApplicationBuilder(E2eWorkerApplication.class).web(WebApplicationType.NONE)
			.properties("azolla.client.endpoint=" + cluster.endpoint(), "azolla.worker.shepherd-group=" + GROUP,
					"azolla.worker.max-concurrency=4", "spring.main.banner-mode=off")
			.run();
		channel = cluster.channel();
	}

	@AfterAll
	static void stop() {
		if (worker != null) {
			worker.close();
		}
		E2eClients.stop(null, channel, cluster);
	}

	@BeforeEach
	void forgetCalls() {
		asked.clear();
	}

	@Test
	void finishedTaskIsSeenByProbesAlone() {
		// Probes 1 ms apart for a minute: the result can only come from a probe.
		try (GrpcAzollaClient client = client(new WaitSchedule(Duration.ofMillis(1), 1.0, Duration.ofMinutes(1), 10_000, 10))) {
			TaskResult result = client.submitTask("java_echo").args("hi").shepherdGroup(GROUP).submit().await(WAIT);

			assertThat(result.valueAs(String.class)).isEqualTo("hi");
			assertThat(asked).isNotEmpty().allSatisfy((millis) -> assertThat(millis).isZero());
		}
	}

	@Test
	void taskStillRunningAfterTheDefaultProbesIsWaitedForWithLongPolls() {
		try (GrpcAzollaClient client = client(WaitSchedule.defaults())) {
			// java_slow outlives its 500 ms limit, so it ends long after the 100 ms probe phase.
			TaskResult result = client.submitTask("java_slow").shepherdGroup(GROUP).submit().await(WAIT);

			assertThat(result.failure()).hasValueSatisfying((failure) -> assertThat(failure.type()).isEqualTo("TaskTimeoutError"));
			int probes = (int) asked.stream().takeWhile((millis) -> millis == 0).count();
			assertThat(probes).as("probes before the first long poll in %s", asked)
				.isBetween(1, probesWithinPhase(WaitSchedule.defaults()));
			assertThat(asked.subList(probes, asked.size())).isNotEmpty().allSatisfy((millis) -> assertThat(millis).isPositive());
		}
	}

	@Test
	void taskNameThatKeepsOutlivingTheProbePhaseIsWaitedForWithLongPollsFromTheStart() {
		try (GrpcAzollaClient client = client(WaitSchedule.defaults())) {
			// Three waits of a 300 ms task, begun side by side, outlive the 100 ms phase.
			List<CompletableFuture<TaskResult>> first = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				first.add(client.submitTask("java_count").args(i, 300).shepherdGroup(GROUP).submit().resultAsync(WAIT));
			}
			for (int i = 0; i < 3; i++) {
				assertThat(first.get(i).join().valueAs(Long.class)).isEqualTo(i);
			}
			asked.clear();

			TaskResult next = client.submitTask("java_count").args(7, 300).shepherdGroup(GROUP).submit().await(WAIT);
			List<Long> nextCalls = List.copyOf(asked);
			asked.clear();
			TaskResult otherName = client.submitTask("java_echo").args("quick").shepherdGroup(GROUP).submit().await(WAIT);

			assertThat(next.valueAs(Long.class)).isEqualTo(7L);
			assertThat(nextCalls).as("calls of the fourth wait").isNotEmpty()
				.allSatisfy((millis) -> assertThat(millis).isPositive());
			assertThat(otherName.valueAs(String.class)).isEqualTo("quick");
			assertThat(asked).as("calls of a wait for another task name").first().isEqualTo(0L);
		}
	}

	/**
	 * The most probes a schedule can send before it long-polls: those whose delays, summed,
	 * stay within the probe phase (each real answer only pushes the next probe later).
	 */
	private static int probesWithinPhase(WaitSchedule schedule) {
		double gapNanos = schedule.firstProbe().toNanos();
		double at = gapNanos;
		int probes = 0;
		while (at <= schedule.probePhase().toNanos() && probes < 1_000) {
			probes++;
			gapNanos *= schedule.probeGrowth();
			at += gapNanos;
		}
		return probes;
	}

	@Test
	void unknownTaskIdIsReportedAsNotFoundOnceTheProbesEnd() {
		try (GrpcAzollaClient client = client(WaitSchedule.defaults())) {
			String id = UUID.randomUUID().toString();

			assertThatExceptionOfType(TaskNotFoundException.class).isThrownBy(() -> client.taskHandle(id).await(WAIT))
				.withMessageContaining(id);
			assertThat(asked).first().isEqualTo(0L);
			assertThat(asked).last().satisfies((millis) -> assertThat(millis).isPositive());
		}
	}

	private static GrpcAzollaClient client(WaitSchedule schedule) {
		return new GrpcAzollaClient(recordingWaits(channel), AzollaClientSettings.defaults().withWaitSchedule(schedule),
				TaskDefaults.of(RetryPolicy.none()), JsonMapper.builder().build());
	}

	private static Channel recordingWaits(Channel channel) {
		return ClientInterceptors.intercept(channel, new ClientInterceptor() {

			@Override
			public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
				return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {

					@Override
					public void sendMessage(Q message) {
						if (message instanceof WaitForTaskRequest wait) {
							asked.add(wait.getTimeoutMs());
						}
						super.sendMessage(message);
					}

				};
			}

		});
	}

}
