package io.azolla.spring.test;

/**
 * A shepherd the {@link AzollaTestOrchestrator} has seen, as its Hello registered it.
 *
 * @param uuid the shepherd uuid
 * @param domain the domain it serves
 * @param group the shepherd group it serves
 * @param maxConcurrency the number of tasks it runs at once
 * @param connected whether its stream is open now
 */
public record ShepherdConnection(String uuid, String domain, String group, int maxConcurrency, boolean connected) {

}
