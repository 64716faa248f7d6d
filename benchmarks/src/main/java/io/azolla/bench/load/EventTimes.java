package io.azolla.bench.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The orchestrator's own timeline of the tasks created in a measured phase, read from its
 * {@code events} table: when each task was created (event 1) and when its attempt was started,
 * that is dispatched to a shepherd (event 4, written and committed before the Task is sent).
 * A success writes no event (upstream {@code scheduler.rs} keeps it in memory), so the rest of
 * the trip, the result and the client learning of it, is the client's end-to-end time less
 * this. Event times are the orchestrator's clock when it built the event.
 *
 * @param tasks tasks created in the window that were dispatched
 * @param dispatchP50 ms from created to attempt started, median
 * @param dispatchP90 the same, 90th percentile
 * @param dispatchP99 the same, 99th percentile
 * @param eventsPerTask events written per task created in the window
 */
record EventTimes(long tasks, double dispatchP50, double dispatchP90, double dispatchP99, double eventsPerTask) {

	private static final String QUERY = """
			WITH t AS (
			  SELECT task_instance_id,
			         min(created_at) FILTER (WHERE event_type = 1) AS created,
			         min(created_at) FILTER (WHERE event_type = 4) AS started,
			         count(*) AS events
			  FROM events WHERE task_instance_id IS NOT NULL GROUP BY task_instance_id)
			SELECT count(*) FILTER (WHERE started IS NOT NULL),
			  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started - created) * 1000),
			  percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM started - created) * 1000),
			  percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM started - created) * 1000),
			  avg(events)
			FROM t WHERE created >= ? AND created <= ?""";

	/**
	 * Reads the timeline of the tasks created between two instants.
	 * @param connection a connection to the run's database
	 * @param from the window's start
	 * @param to the window's end
	 * @return the figures
	 * @throws SQLException if the query fails
	 */
	static EventTimes read(Connection connection, Instant from, Instant to) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
			statement.setTimestamp(1, Timestamp.from(from));
			statement.setTimestamp(2, Timestamp.from(to));
			try (ResultSet row = statement.executeQuery()) {
				row.next();
				return new EventTimes(row.getLong(1), row.getDouble(2), row.getDouble(3), row.getDouble(4),
						row.getDouble(5));
			}
		}
	}

}
