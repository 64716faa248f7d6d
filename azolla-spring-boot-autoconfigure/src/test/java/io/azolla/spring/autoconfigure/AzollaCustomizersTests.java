package io.azolla.spring.autoconfigure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.azolla.proto.orchestrator.ClientServiceGrpc;
import io.azolla.proto.orchestrator.CreateTaskRequest;
import io.azolla.proto.orchestrator.CreateTaskResponse;
import io.azolla.proto.shepherd.ReportResultRequest;
import io.azolla.proto.shepherd.ReportResultResponse;
import io.azolla.proto.shepherd.WorkerGrpc;
import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.task.AzollaTask;
import io.azolla.spring.worker.invocation.InvocationRunner;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.CompositeChannelFactoryAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.client.GrpcChannelFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Channel and client customizer beans reach every channel and client Azolla builds, in their
 * order.
 */
class AzollaCustomizersTests {

	private static final String TASK_ID = "0c0ffee0-0000-4000-8000-000000000001";

	private static final List<String> received = new CopyOnWriteArrayList<>();

	private static Server server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AzollaTaskAutoConfiguration.class, AzollaClientAutoConfiguration.class,
				AzollaWorkerAutoConfiguration.class, GrpcClientAutoConfiguration.class,
				CompositeChannelFactoryAutoConfiguration.class, SslAutoConfiguration.class, JacksonAutoConfiguration.class))
		.withUserConfiguration(Greetings.class, OrderedChannelCustomizers.class)
		.withPropertyValues("azolla.client.endpoint=http://127.0.0.1:" + server.getPort(), "azolla.worker.mode=none");

	@BeforeAll
	static void startServer() throws IOException {
		server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(new ClientServiceGrpc.ClientServiceImplBase() {

				@Override
				public void createTask(CreateTaskRequest request, StreamObserver<CreateTaskResponse> observer) {
					received.add("domain " + request.getDomain());
					observer.onNext(CreateTaskResponse.newBuilder().setTaskId(TASK_ID).build());
					observer.onCompleted();
				}

			})
			.addService(new WorkerGrpc.WorkerImplBase() {

				@Override
				public void reportResult(ReportResultRequest request, StreamObserver<ReportResultResponse> observer) {
					received.add("result of " + request.getTaskId());
					observer.onNext(ReportResultResponse.newBuilder().setSuccess(true).build());
					observer.onCompleted();
				}

			})
			.build()
			.start();
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.shutdownNow();
		}
	}

	@Test
	void channelCustomizersAreAppliedInOrderToTheSpringGrpcChannelOfTheClient() {
		this.contextRunner.run((context) -> {
			Calls calls = context.getBean(Calls.class);
			assertThat(calls.customizers).containsExactly("first", "second");
			context.getBean(AzollaClient.class).submitTask("greet").args("Ada").submit();
			assertThat(calls.methods).containsExactly("azolla.orchestrator.ClientService/CreateTask");
		});
	}

	@Test
	void channelCustomizersAreAppliedInOrderToTheClientsOwnChannelWithoutSpringGrpc() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AzollaTaskAutoConfiguration.class,
					AzollaClientAutoConfiguration.class, SslAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withUserConfiguration(Greetings.class, OrderedChannelCustomizers.class)
			.withPropertyValues("azolla.client.endpoint=http://127.0.0.1:" + server.getPort())
			.run((context) -> {
			assertThat(context).doesNotHaveBean(GrpcChannelFactory.class);
			Calls calls = context.getBean(Calls.class);
			assertThat(calls.customizers).containsExactly("first", "second");
			context.getBean(AzollaClient.class).submitTask("greet").args("Ada").submit();
			assertThat(calls.methods).containsExactly("azolla.orchestrator.ClientService/CreateTask");
		});
	}

	@Test
	void channelCustomizersAreAppliedInOrderToTheInvocationChannelToTheShepherd() {
		this.contextRunner
			.withPropertyValues("azolla.worker.mode=invocation", "azolla.client.enabled=false")
			.withUserConfiguration(NoExit.class)
			.run((context) -> {
				Calls calls = context.getBean(Calls.class);
				assertThat(calls.customizers).isEmpty();
				int exit = context.getBean(InvocationRunner.class).run(invocation("http://127.0.0.1:" + server.getPort()));
				assertThat(exit).isEqualTo(InvocationRunner.SUCCESS);
				assertThat(calls.customizers).containsExactly("first", "second");
				assertThat(calls.methods).containsExactly("azolla.shepherd.Worker/ReportResult");
				assertThat(received).contains("result of " + TASK_ID);
			});
	}

	@Test
	void invocationRetriesAnUnreachableShepherdAsOftenAsTheClientTransportRetrySays() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		for (int attempts : new int[] { 2, 4 }) {
			this.contextRunner
				.withPropertyValues("azolla.worker.mode=invocation", "azolla.client.enabled=false",
						"azolla.client.transport-retry.max-attempts=" + attempts,
						"azolla.client.transport-retry.initial-interval=1ms")
				.withUserConfiguration(NoExit.class)
				.run((context) -> {
					int exit = context.getBean(InvocationRunner.class).run(invocation("http://127.0.0.1:" + closedPort));
					assertThat(exit).isEqualTo(InvocationRunner.REPORT_FAILED);
					assertThat(context.getBean(Calls.class).methods).hasSize(attempts)
						.containsOnly("azolla.shepherd.Worker/ReportResult");
				});
		}
	}

	@Test
	void clientCustomizersAreAppliedInOrderBeforeTheClientIsBuilt() {
		this.contextRunner.withUserConfiguration(OrderedClientCustomizers.class).run((context) -> {
			Calls calls = context.getBean(Calls.class);
			assertThat(calls.clientCustomizers).containsExactly("first saw default", "second saw first");
			AzollaClient client = context.getBean(AzollaClient.class);
			assertThat(client.domain()).isEqualTo("second");
			client.submitTask("greet").args("Ada").submit();
			assertThat(received).contains("domain second");
		});
	}

	private static String[] invocation(String shepherdEndpoint) {
		return new String[] { "--task-id", TASK_ID, "--name", "greet", "--args", "[\"Ada\"]", "--shepherd-endpoint",
				shepherdEndpoint };
	}

	static final class Calls {

		final List<String> customizers = new CopyOnWriteArrayList<>();

		final List<String> clientCustomizers = new CopyOnWriteArrayList<>();

		final List<String> methods = new CopyOnWriteArrayList<>();

		ClientInterceptor recorder() {
			return new ClientInterceptor() {

				@Override
				public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
						Channel next) {
					Calls.this.methods.add(method.getFullMethodName());
					return next.newCall(method, options);
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Greetings {

		@AzollaTask
		String greet(String name) {
			return "Hello " + name;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedChannelCustomizers {

		@Bean
		Calls calls() {
			return new Calls();
		}

		@Bean
		@Order(2)
		AzollaChannelCustomizer secondChannelCustomizer(Calls calls) {
			return (builder) -> calls.customizers.add("second");
		}

		@Bean
		@Order(1)
		AzollaChannelCustomizer firstChannelCustomizer(Calls calls) {
			return (builder) -> {
				calls.customizers.add("first");
				builder.intercept(calls.recorder());
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedClientCustomizers {

		@Bean
		@Order(2)
		AzollaClientCustomizer secondClientCustomizer(Calls calls) {
			return (builder) -> builder.settings((settings) -> {
				calls.clientCustomizers.add("second saw " + settings.domain());
				return settings.withDomain("second");
			});
		}

		@Bean
		@Order(1)
		AzollaClientCustomizer firstClientCustomizer(Calls calls) {
			return (builder) -> builder.settings((settings) -> {
				calls.clientCustomizers.add("first saw " + settings.domain());
				return settings.withDomain("first");
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoExit {

		@Bean
		AzollaWorkerAutoConfiguration.InvocationExit azollaInvocationExit() {
			return (code) -> {
			};
		}

	}

}
