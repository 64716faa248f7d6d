package io.azolla.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.azolla.proto.orchestrator.ClientMsg;
import io.azolla.proto.orchestrator.ClusterServiceGrpc;
import io.azolla.proto.orchestrator.Hello;
import io.azolla.proto.orchestrator.ServerMsg;
import io.azolla.spring.client.AzollaClientSettings;
import io.azolla.spring.client.TaskDefaults;
import io.azolla.spring.client.TaskHandle;
import io.azolla.spring.client.grpc.GrpcAzollaClient;
import io.azolla.spring.model.TaskResult;
import io.azolla.spring.retry.RetryPolicy;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the "code reading" items of the protocol notes (§9) against the real orchestrator and
 * asserts what actually happens; docs/e2e-findings.md records the outcomes.
 */
@ExtendWith(RealOrchestrator.class)
class ProtocolFindingsE2eTests {

	@BeforeAll
	static void requireBinaries() {
		RealOrchestrator.unavailable(ProtocolFindingsE2eTests.class, AzollaCluster.skipReason().orElse(null));
	}

	@Test
	void successfulTasksUseUpTheDomainConcurrencyLimitForGood() throws Exception {
		try (AzollaCluster cluster = AzollaCluster.start(10)) {
			cluster.startRustShepherd("default", 4);
			ManagedChannel channel = cluster.channel();
			try (GrpcAzollaClient client = client(channel, "default")) {
				List<CompletableFuture<TaskResult>> results = new ArrayList<>();
				for (int i = 0; i < 15; i++) {
					results.add(client.submitTask("echo").args("n" + i).submit().resultAsync(Duration.ofSeconds(15)));
				}
				long completed = results.stream().filter(ProtocolFindingsE2eTests::completes).count();
				System.out.println("[e2e] finding: with a domain limit of 10, " + completed + " of 15 echo tasks completed");
				assertThat(completed).as("dispatch stops once successes reach the limit").isEqualTo(10);
			}
			finally {
				channel.shutdownNow();
			}
		}
	}

	@Test
	void resultsOfASecondDomainAreLostWhenTheFirstDomainClaimsThem() throws Exception {
		try (AzollaCluster cluster = AzollaCluster.start()) {
			ConfigurableApplicationContext first = worker(cluster, "default");
			ConfigurableApplicationContext second = worker(cluster, "second");
			ManagedChannel channel = cluster.channel();
			try (GrpcAzollaClient defaultClient = client(channel, "default");
					GrpcAzollaClient secondClient = client(channel, "second")) {
				// A wait in each domain creates both schedulers before any result arrives; the
				// routing order between them is then fixed for this orchestrator's lifetime.
				defaultClient.taskHandle(UUID.randomUUID().toString()).tryResult();
				secondClient.taskHandle(UUID.randomUUID().toString()).tryResult();
				int defaultDone = completedOf(defaultClient, 5);
				int secondDone = completedOf(secondClient, 5);
				System.out.println("[e2e] finding: with two domains, domain 'default' completed " + defaultDone
						+ "/5 and domain 'second' " + secondDone + "/5");
				assertThat(List.of(defaultDone, secondDone)).as("exactly one domain gets its results")
					.containsExactlyInAnyOrder(5, 0);
			}
			finally {
				channel.shutdownNow();
				first.close();
				second.close();
			}
		}
	}

	@Test
	void rustShepherdCommandLineDefaultsOverrideItsEnvironment() throws Exception {
		try (AzollaCluster cluster = AzollaCluster.start()) {
			// AZOLLA_DOMAIN asks for another domain, but the unset --domain flag's default wins.
			cluster.startShepherd(List.of("--max-concurrency", "2", "--worker-binary", cluster.bin("azolla-worker").toString(),
					"--shepherd-group", "default"), Map.of("AZOLLA_DOMAIN", "elsewhere"));
			ManagedChannel channel = cluster.channel();
			try (GrpcAzollaClient client = client(channel, "default")) {
				TaskResult result = client.submitTask("echo").args("still default").submit().await(Duration.ofSeconds(30));
				assertThat(result.valueAs(String.class)).isEqualTo("still default");
			}
			finally {
				channel.shutdownNow();
			}
		}
	}

	@Test
	void malformedHelloEndsTheStreamWithStatusOk() throws Exception {
		try (AzollaCluster cluster = AzollaCluster.start()) {
			ManagedChannel channel = cluster.channel();
			CountDownLatch ended = new CountDownLatch(1);
			AtomicReference<String> how = new AtomicReference<>();
			StreamObserver<ClientMsg> requests = ClusterServiceGrpc.newStub(channel).stream(new StreamObserver<>() {

				@Override
				public void onNext(ServerMsg value) {
				}

				@Override
				public void onError(Throwable error) {
					how.set("error " + error);
					ended.countDown();
				}

				@Override
				public void onCompleted() {
					how.set("completed");
					ended.countDown();
				}

			});
			requests.onNext(ClientMsg.newBuilder()
				.setHello(Hello.newBuilder().setShepherdUuid("not-a-uuid").setDomain("default").setMaxConcurrency(1))
				.build());
			try {
				assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
				assertThat(how.get()).isEqualTo("completed");
			}
			finally {
				requests.onCompleted();
				channel.shutdownNow();
			}
		}
	}

	private static int completedOf(GrpcAzollaClient client, int count) {
		List<CompletableFuture<TaskResult>> results = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			TaskHandle handle = client.submitTask("java_echo").args(UUID.randomUUID().toString()).submit();
			results.add(handle.resultAsync(Duration.ofSeconds(10)));
		}
		return (int) results.stream().filter(ProtocolFindingsE2eTests::completes).count();
	}

	private static boolean completes(CompletableFuture<TaskResult> result) {
		try {
			return result.join().isSuccess();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static ConfigurableApplicationContext worker(AzollaCluster cluster, String domain) {
		return new SpringApplicationBuilder(E2eWorkerApplication.class).web(WebApplicationType.NONE)
			.properties("azolla.client.endpoint=" + cluster.endpoint(), "azolla.client.domain=" + domain,
					"azolla.worker.shepherd-group=default", "spring.main.banner-mode=off")
			.run();
	}

	private static GrpcAzollaClient client(ManagedChannel channel, String domain) {
		return new GrpcAzollaClient(channel, AzollaClientSettings.defaults().withDomain(domain),
				TaskDefaults.of(RetryPolicy.none()), JsonMapper.builder().build());
	}

}
