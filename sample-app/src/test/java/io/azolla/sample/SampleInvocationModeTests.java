package io.azolla.sample;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.azolla.proto.shepherd.ReportResultRequest;
import io.azolla.proto.shepherd.ReportResultResponse;
import io.azolla.proto.shepherd.WorkerGrpc;
import io.azolla.spring.autoconfigure.AzollaWorkerAutoConfiguration.InvocationExit;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample started the way the Rust shepherd starts a worker, against a fake of the
 * shepherd's {@code Worker} service listening on a real port.
 */
class SampleInvocationModeTests {

	private static final String TASK_ID = "6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";

	static final AtomicInteger exitCode = new AtomicInteger(-1);

	private final List<ReportResultRequest> reports = new CopyOnWriteArrayList<>();

	private Server shepherd;

	@BeforeEach
	void startShepherd() throws Exception {
		exitCode.set(-1);
		this.shepherd = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
			.addService(new WorkerGrpc.WorkerImplBase() {

				@Override
				public void reportResult(ReportResultRequest request, StreamObserver<ReportResultResponse> observer) {
					SampleInvocationModeTests.this.reports.add(request);
					observer.onNext(ReportResultResponse.newBuilder().setSuccess(true).build());
					observer.onCompleted();
				}

			})
			.build()
			.start();
	}

	@AfterEach
	void stopShepherd() {
		this.shepherd.shutdownNow();
	}

	@Test
	void taskIdOnTheCommandLineRunsOneTaskWithoutWebServerAndReportsIt() {
		ConfigurableApplicationContext context = run("--task-id", TASK_ID, "--name", "greet_user", "--args",
				"[\"Alice\",25]", "--kwargs", "{\"lang\":\"de\"}", "--shepherd-endpoint",
				"http://127.0.0.1:" + this.shepherd.getPort());

		assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
		assertThat(exitCode).hasValue(0);
		assertThat(this.reports).hasSize(1);
		assertThat(this.reports.get(0).getTaskId()).isEqualTo(TASK_ID);
		assertThat(this.reports.get(0).getResult().getSuccess().getResult().getJsonValue())
			.isEqualTo("{\"message\":\"Hallo Alice\",\"adult\":true}");
	}

	@Test
	void failingTaskExitsOneAfterReportingItsError() {
		run("--task-id", TASK_ID, "--name", "price_order", "--args", "[{\"id\":\"A\",\"lines\":[]}]", "--kwargs", "{}",
				"--shepherd-endpoint", "http://127.0.0.1:" + this.shepherd.getPort());

		assertThat(exitCode).hasValue(1);
		assertThat(this.reports).singleElement()
			.satisfies((report) -> assertThat(report.getResult().getError().getType()).isEqualTo("TaskValidationError"));
	}

	private static ConfigurableApplicationContext run(String... args) {
		return new SpringApplicationBuilder(SampleApplication.class, CapturedExit.class).run(args);
	}

	@Configuration(proxyBeanMethods = false)
	static class CapturedExit {

		@Bean
		InvocationExit azollaInvocationExit() {
			return exitCode::set;
		}

	}

}
