package io.azolla.spring.worker.shepherd;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * Tells when the server's response headers arrive: the orchestrator sends them as soon as it
 * accepts the stream (protocol §5.1), so they prove that the stream reached a live server.
 * The stub API hides headers, hence this interceptor, made for one call.
 */
final class HeadersInterceptor implements ClientInterceptor {

	private final Runnable onHeaders;

	HeadersInterceptor(Runnable onHeaders) {
		this.onHeaders = onHeaders;
	}

	@Override
	public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions callOptions,
			Channel next) {
		return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {

			@Override
			public void start(Listener<R> responseListener, Metadata headers) {
				super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(responseListener) {

					@Override
					public void onHeaders(Metadata responseHeaders) {
						HeadersInterceptor.this.onHeaders.run();
						super.onHeaders(responseHeaders);
					}

				}, headers);
			}

		};
	}

}
