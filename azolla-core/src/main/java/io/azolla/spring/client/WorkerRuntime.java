package io.azolla.spring.client;

/**
 * The kind of worker that executes a task, as far as argument binding is concerned. The three
 * runtimes agree on positional-only and named-only arguments but not on a submission that
 * carries both (see {@link io.azolla.spring.client.support.MixedArguments}).
 */
public enum WorkerRuntime {

	/** This starter's workers: positional arguments bind first, named ones fill the rest. */
	JAVA,

	/**
	 * The Rust client's workers: with both kinds present, the default argument parser drops the
	 * named arguments; a task with its own parser may drop the positional ones instead.
	 */
	RUST,

	/** The Python client's workers: named arguments arrive as one extra positional argument. */
	PYTHON

}
