package io.azolla.sample.tasks;


import io.azolla.spring.task.AzollaTask;

import org.springframework.stereotype.Component;

/**
 * A slow task with its own execution limit, taken from configuration.
 */
@Component
public class ReportTasks {

	/**
	 * Builds a report; it takes as long as asked, and is stopped at its timeout.
	 * @param millis how long the work takes
	 * @return a summary
	 * @throws InterruptedException when stopped at the timeout
	 */
	@AzollaTask(value = "build_report", timeout = "${sample.report-timeout:2s}")
	public String build(long millis) throws InterruptedException {
		Thread.sleep(millis);
		return "report ready after " + millis + " ms";
	}

}
