package io.azolla.spring.worker;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Makes the threads of the library itself: its timers, schedulers and the default threads
 * tasks run on. They are daemons named {@code prefix-N}, so they never keep a JVM alive and show
 * up as Azolla's in a thread dump. The one thread that must hold the JVM (a running shepherd's)
 * is started with {@link #start(String, boolean, Runnable)}.
 */
public final class AzollaThreads {

	private AzollaThreads() {
	}

	/**
	 * Returns a factory of daemon platform threads named {@code namePrefix} followed by a
	 * counter.
	 * @param namePrefix the prefix of thread names, for example {@code "azolla-task-"}
	 * @return a new factory
	 */
	public static ThreadFactory daemon(String namePrefix) {
		CustomizableThreadFactory factory = new CustomizableThreadFactory(namePrefix);
		factory.setDaemon(true);
		return factory;
	}

	/**
	 * Returns an executor of daemon platform threads, one per running task, for callers that
	 * have no executor of their own. The caller owns it; idle threads end after a minute.
	 * @param namePrefix the prefix of thread names
	 * @return a new executor
	 */
	public static ExecutorService newCachedPool(String namePrefix) {
		return Executors.newCachedThreadPool(daemon(namePrefix));
	}

	/**
	 * Starts one thread with a fixed name.
	 * @param name the thread's name
	 * @param daemon whether the thread may not keep the JVM alive
	 * @param body what the thread runs
	 * @return the started thread
	 */
	public static Thread start(String name, boolean daemon, Runnable body) {
		Thread thread = new Thread(body, name);
		thread.setDaemon(daemon);
		thread.start();
		return thread;
	}

}
