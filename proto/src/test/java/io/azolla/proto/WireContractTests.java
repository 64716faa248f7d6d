package io.azolla.proto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.azolla.proto.common.CommonProto;
import io.azolla.proto.orchestrator.OrchestratorProto;
import io.azolla.proto.shepherd.ShepherdProto;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the wire contract: every message field, enum value and RPC of the compiled descriptors
 * must equal the golden table in {@code wire-contract.txt}, so a renumbered or retyped field
 * fails the build instead of silently breaking interop with the orchestrator.
 */
class WireContractTests {

	@Test
	void compiledDescriptorsMatchTheGoldenWireContract() throws IOException {
		List<String> golden = readGolden();
		List<String> actual = describe(CommonProto.getDescriptor(), OrchestratorProto.getDescriptor(),
				ShepherdProto.getDescriptor());
		assertThat(actual).as("compiled descriptors; regenerate only for a deliberate upstream change")
			.containsExactlyElementsOf(golden);
	}

	@Test
	void protoPackagesAreTheUpstreamOnesSoRpcPathsMatch() {
		assertThat(CommonProto.getDescriptor().getPackage()).isEqualTo("azolla.common");
		assertThat(OrchestratorProto.getDescriptor().getPackage()).isEqualTo("azolla.orchestrator");
		assertThat(ShepherdProto.getDescriptor().getPackage()).isEqualTo("azolla.shepherd");
		assertThat(io.azolla.proto.orchestrator.ClientServiceGrpc.getCreateTaskMethod().getFullMethodName())
			.isEqualTo("azolla.orchestrator.ClientService/CreateTask");
		assertThat(io.azolla.proto.orchestrator.ClusterServiceGrpc.getStreamMethod().getFullMethodName())
			.isEqualTo("azolla.orchestrator.ClusterService/Stream");
		assertThat(io.azolla.proto.shepherd.WorkerGrpc.getReportResultMethod().getFullMethodName())
			.isEqualTo("azolla.shepherd.Worker/ReportResult");
	}

	@Test
	void optionalFieldsKeepExplicitPresence() {
		List<String> rows = describe(CommonProto.getDescriptor(), OrchestratorProto.getDescriptor());
		assertThat(rows).contains("field azolla.orchestrator.CreateTaskRequest.shepherd_group 7 STRING optional presence",
				"field azolla.orchestrator.WaitForTaskRequest.timeout_ms 3 UINT64 optional presence",
				"field azolla.common.RetryPolicyStop.max_attempts 1 UINT32 optional presence");
	}

	private static List<String> readGolden() throws IOException {
		try (InputStream in = WireContractTests.class.getResourceAsStream("/wire-contract.txt")) {
			assertThat(in).as("wire-contract.txt on the test classpath").isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.isBlank() && !line.startsWith("#"))
				.toList();
		}
	}

	static List<String> describe(FileDescriptor... files) {
		List<String> rows = new ArrayList<>();
		for (FileDescriptor file : files) {
			rows.add("file " + file.getName() + " package " + file.getPackage());
			for (Descriptor message : file.getMessageTypes()) {
				describeMessage(message, rows);
			}
			for (EnumDescriptor enumType : file.getEnumTypes()) {
				enumType.getValues()
					.forEach((value) -> rows.add("enum " + enumType.getFullName() + "." + value.getName() + " "
							+ value.getNumber()));
			}
			for (ServiceDescriptor service : file.getServices()) {
				for (MethodDescriptor method : service.getMethods()) {
					rows.add("rpc " + service.getFullName() + "/" + method.getName() + " "
							+ (method.isClientStreaming() ? "stream " : "") + method.getInputType().getFullName()
							+ " -> " + (method.isServerStreaming() ? "stream " : "")
							+ method.getOutputType().getFullName());
				}
			}
		}
		return rows;
	}

	private static void describeMessage(Descriptor message, List<String> rows) {
		rows.add("message " + message.getFullName());
		for (FieldDescriptor field : message.getFields()) {
			StringBuilder row = new StringBuilder("field ").append(message.getFullName())
				.append('.')
				.append(field.getName())
				.append(' ')
				.append(field.getNumber())
				.append(' ')
				.append(typeName(field))
				.append(' ')
				.append(field.isRepeated() ? "repeated" : (field.toProto().getProto3Optional() ? "optional" : "singular"));
			if (field.getRealContainingOneof() != null) {
				row.append(" oneof=").append(field.getRealContainingOneof().getName());
			}
			if (field.hasPresence()) {
				row.append(" presence");
			}
			rows.add(row.toString());
		}
	}

	private static String typeName(FieldDescriptor field) {
		return switch (field.getJavaType()) {
			case MESSAGE -> field.getMessageType().getFullName();
			case ENUM -> field.getEnumType().getFullName();
			default -> field.getType().name();
		};
	}

}
