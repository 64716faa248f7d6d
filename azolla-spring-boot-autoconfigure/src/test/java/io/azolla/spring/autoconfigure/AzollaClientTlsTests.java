package io.azolla.spring.autoconfigure;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;

import io.azolla.proto.orchestrator.ClientServiceGrpc;
import io.azolla.proto.orchestrator.CreateTaskRequest;
import io.azolla.proto.orchestrator.CreateTaskResponse;
import io.azolla.proto.shepherd.ReportResultRequest;
import io.azolla.proto.shepherd.ReportResultResponse;
import io.azolla.proto.shepherd.WorkerGrpc;
import io.azolla.spring.client.AzollaClient;
import io.azolla.spring.client.OrchestratorUnavailableException;
import io.azolla.spring.task.AzollaTask;
import io.azolla.spring.worker.invocation.InvocationRunner;
import io.grpc.Server;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.CompositeChannelFactoryAutoConfiguration;
import org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.client.GrpcChannelFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client reaching a TLS orchestrator through an {@code https://} endpoint, and invocation
 * mode an {@code https://} shepherd, trusting it through a Spring SSL bundle.
 */
class AzollaClientTlsTests {

	private static final String PASSWORD = "changeit";

	@TempDir
	static Path keys;

	private static Path keyStore;

	private static Server server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AzollaTaskAutoConfiguration.class, AzollaClientAutoConfiguration.class,
				GrpcClientAutoConfiguration.class, CompositeChannelFactoryAutoConfiguration.class,
				SslAutoConfiguration.class, JacksonAutoConfiguration.class));

	@BeforeAll
	static void startTlsServer() throws Exception {
		keyStore = keys.resolve("server.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "server", "-keyalg", "EC", "-keystore", keyStore.toString(), "-storetype",
				"PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD, "-dname", "CN=localhost", "-validity", "2",
				"-ext", "SAN=dns:localhost,ip:127.0.0.1")
			.redirectErrorStream(true)
			.start();
		assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			store.load(in, PASSWORD.toCharArray());
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(store, PASSWORD.toCharArray());
		server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.sslContext(GrpcSslContexts.configure(io.netty.handler.ssl.SslContextBuilder.forServer(keyManagers)).build())
			.addService(new ClientServiceGrpc.ClientServiceImplBase() {

				@Override
				public void createTask(CreateTaskRequest request, StreamObserver<CreateTaskResponse> observer) {
					observer.onNext(CreateTaskResponse.newBuilder().setTaskId("7e57c0de-0000-4000-8000-000000000001").build());
					observer.onCompleted();
				}

			})
			.addService(new WorkerGrpc.WorkerImplBase() {

				@Override
				public void reportResult(ReportResultRequest request, StreamObserver<ReportResultResponse> observer) {
					observer.onNext(ReportResultResponse.newBuilder().setSuccess(true).build());
					observer.onCompleted();
				}

			})
			.build()
			.start();
	}

	@AfterAll
	static void stopTlsServer() {
		if (server != null) {
			server.shutdownNow();
		}
	}

	@Test
	void httpsEndpointWithATrustBundleSubmitsOverTls() {
		this.contextRunner
			.withPropertyValues("azolla.client.endpoint=https://localhost:" + server.getPort(),
					"azolla.client.ssl.bundle=orchestrator",
					"spring.ssl.bundle.jks.orchestrator.truststore.location=file:" + keyStore,
					"spring.ssl.bundle.jks.orchestrator.truststore.password=" + PASSWORD,
					"spring.ssl.bundle.jks.orchestrator.truststore.type=PKCS12")
			.run((context) -> assertThat(context.getBean(AzollaClient.class).submitTask("secure").submit().id())
				.isEqualTo("7e57c0de-0000-4000-8000-000000000001"));
	}

	@Test
	void withoutSpringGrpcTheClientsOwnChannelTrustsTheSslBundle() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AzollaTaskAutoConfiguration.class,
					AzollaClientAutoConfiguration.class, SslAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues(trusting("https://localhost:" + server.getPort()))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(GrpcChannelFactory.class);
				assertThat(context.getBean(AzollaClient.class).submitTask("secure").submit().id())
					.isEqualTo("7e57c0de-0000-4000-8000-000000000001");
			});
	}

	@Test
	void invocationReportsToAnHttpsShepherdOverTlsTrustingTheClientsSslBundle() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(AzollaWorkerAutoConfiguration.class))
			.withUserConfiguration(SecureTask.class)
			.withPropertyValues(trusting("http://localhost:1"))
			.withPropertyValues("azolla.worker.mode=invocation", "azolla.client.enabled=false")
			.run((context) -> assertThat(context.getBean(InvocationRunner.class).run(invocation()))
				.isEqualTo(InvocationRunner.SUCCESS));
	}

	@Test
	void invocationToAnHttpsShepherdWithoutTrustForItCannotReport() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(AzollaWorkerAutoConfiguration.class))
			.withUserConfiguration(SecureTask.class)
			.withPropertyValues("azolla.worker.mode=invocation", "azolla.client.enabled=false",
					"azolla.client.transport-retry.max-attempts=1")
			.run((context) -> assertThat(context.getBean(InvocationRunner.class).run(invocation()))
				.isEqualTo(InvocationRunner.REPORT_FAILED));
	}

	private static String[] trusting(String endpoint) {
		return new String[] { "azolla.client.endpoint=" + endpoint, "azolla.client.ssl.bundle=orchestrator",
				"spring.ssl.bundle.jks.orchestrator.truststore.location=file:" + keyStore,
				"spring.ssl.bundle.jks.orchestrator.truststore.password=" + PASSWORD,
				"spring.ssl.bundle.jks.orchestrator.truststore.type=PKCS12" };
	}

	private static String[] invocation() {
		return new String[] { "--task-id", "7e57c0de-0000-4000-8000-000000000002", "--name", "secure",
				"--shepherd-endpoint", "https://localhost:" + server.getPort() };
	}

	@Configuration(proxyBeanMethods = false)
	static class SecureTask {

		@AzollaTask
		String secure() {
			return "done";
		}

		@Bean
		AzollaWorkerAutoConfiguration.InvocationExit azollaInvocationExit() {
			return (code) -> {
			};
		}

	}

	@Test
	void httpsEndpointWithoutTrustForTheServerIsRefused() {
		this.contextRunner
			.withPropertyValues("azolla.client.endpoint=https://localhost:" + server.getPort(),
					"azolla.client.transport-retry.max-attempts=1")
			.run((context) -> assertThatExceptionOfType(OrchestratorUnavailableException.class)
				.isThrownBy(() -> context.getBean(AzollaClient.class).submitTask("secure").submit()));
	}

}
