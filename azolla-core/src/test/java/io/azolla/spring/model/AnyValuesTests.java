package io.azolla.spring.model;

import java.math.BigInteger;

import io.azolla.proto.common.AnyValue;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

class AnyValuesTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final JsonNodeFactory nodes = JsonNodeFactory.instance;

	@Test
	void scalarsUseTheirOwnVariantsLikeTheRustWorker() {
		assertThat(AnyValues.encode(this.nodes.stringNode("hi"), this.mapper).getStringValue()).isEqualTo("hi");
		assertThat(AnyValues.encode(this.nodes.numberNode(42), this.mapper).getIntValue()).isEqualTo(42);
		assertThat(AnyValues.encode(this.nodes.numberNode(2.5), this.mapper).getDoubleValue()).isEqualTo(2.5);
		assertThat(AnyValues.encode(this.nodes.booleanNode(true), this.mapper).getBoolValue()).isTrue();
		AnyValue big = AnyValues.encode(this.nodes.numberNode(new BigInteger("18446744073709551615")), this.mapper);
		assertThat(big.getValueCase()).isEqualTo(AnyValue.ValueCase.UINT_VALUE);
		assertThat(Long.toUnsignedString(big.getUintValue())).isEqualTo("18446744073709551615");
	}

	@Test
	void nullArraysAndObjectsTravelAsCompactJson() throws Exception {
		assertThat(AnyValues.encode(null, this.mapper).getJsonValue()).isEqualTo("null");
		assertThat(AnyValues.encode(this.mapper.readTree("[1, \"a\"]"), this.mapper).getJsonValue()).isEqualTo("[1,\"a\"]");
		assertThat(AnyValues.encode(this.mapper.readTree("{ \"b\": 1 }"), this.mapper).getJsonValue()).isEqualTo("{\"b\":1}");
	}

	@Test
	void integersBeyondUnsignedRangeBecomeDoubles() {
		AnyValue huge = AnyValues.encode(this.nodes.numberNode(new BigInteger("99999999999999999999999")), this.mapper);

		assertThat(huge.getValueCase()).isEqualTo(AnyValue.ValueCase.DOUBLE_VALUE);
	}

	@Test
	void invalidJsonTextDecodesAsAString() {
		JsonNode decoded = AnyValues.decode(AnyValue.newBuilder().setJsonValue("not json").build(), this.mapper);

		assertThat(decoded.isString()).isTrue();
		assertThat(decoded.stringValue()).isEqualTo("not json");
	}

	@Test
	void normalisationSortsKeysAndZeroesNonFiniteNumbers() throws Exception {
		JsonNode normalised = AnyValues.normalize(this.mapper.readTree("{\"b\":{\"z\":1,\"a\":2},\"a\":[1.5]}"));

		assertThat(this.mapper.writeValueAsString(normalised)).isEqualTo("{\"a\":[1.5],\"b\":{\"a\":2,\"z\":1}}");
		assertThat(AnyValues.normalize(this.nodes.numberNode(Double.NaN))).isEqualTo(this.nodes.numberNode(0L));
		assertThat(AnyValues.normalize(this.nodes.numberNode(Double.POSITIVE_INFINITY))).isEqualTo(this.nodes.numberNode(0L));
	}

	@Test
	void errorDataThatIsNotJsonIsKeptAsAJsonString() {
		assertThat(AnyValues.normalizeErrorData("oops", this.mapper)).isEqualTo(this.nodes.stringNode("oops"));
		assertThat(AnyValues.normalizeErrorData("{\"code\":\"X\"}", this.mapper).get("code").stringValue()).isEqualTo("X");
	}

}
