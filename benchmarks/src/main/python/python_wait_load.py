"""Closed-loop load through the official Python client, for the wait benchmark.

Each of --concurrency submitters creates a task with ``submit_task(...).submit()``, waits for
it with the client's own ``TaskHandle.wait()`` and starts the next, like the Java load tool's
closed loop. It counts the WaitForTask calls ``wait()`` makes (one per ``try_result``) and
prints one ``RESULT {json}`` line in the shape of the Java ``LoadResult``.

Usage: python python_wait_load.py --endpoint http://127.0.0.1:52710 --tasks 1000 \
    --concurrency 8 --warmup 100 --task echo --args '["hello"]' --group java-shepherd
"""

import argparse
import asyncio
import json
import math
import sys
import time

from azolla import Client
from azolla.client import TaskHandle


def summary(samples):
    """Nearest-rank percentiles in milliseconds, like the Java LatencySummary."""
    if not samples:
        return {"count": 0, "p50": 0, "p90": 0, "p99": 0, "max": 0}
    ordered = sorted(samples)

    def rank(quantile):
        index = max(0, min(len(ordered) - 1, math.ceil(quantile * len(ordered)) - 1))
        return ordered[index] / 1e6

    return {"count": len(ordered), "p50": rank(0.5), "p90": rank(0.9), "p99": rank(0.99),
            "max": ordered[-1] / 1e6}


async def run_phase(client, options, count, counter):
    submit_ns, end_to_end_ns = [], []
    failed = lost = 0
    remaining = iter(range(count))
    args = json.loads(options.args)

    async def submitter():
        nonlocal failed, lost
        for _ in remaining:
            start = time.perf_counter_ns()
            try:
                builder = client.submit_task(options.task, args)
                if options.group:
                    builder = builder.shepherd_group(options.group)
                handle = await builder.submit()
            except Exception:  # noqa: BLE001 - any submit failure counts as a failed task
                failed += 1
                continue
            submit_ns.append(time.perf_counter_ns() - start)
            try:
                result = await handle.wait(timeout=options.timeout)
            except Exception as error:  # noqa: BLE001
                if "timeout" in type(error).__name__.lower():
                    lost += 1
                else:
                    failed += 1
                continue
            if result.success:
                end_to_end_ns.append(time.perf_counter_ns() - start)
            else:
                failed += 1

    counter["calls"] = 0
    began = time.perf_counter()
    await asyncio.gather(*(submitter() for _ in range(options.concurrency)))
    return submit_ns, end_to_end_ns, failed, lost, time.perf_counter() - began


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", default="http://127.0.0.1:52710")
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--task", default="echo")
    parser.add_argument("--args", default='["hello"]')
    parser.add_argument("--group", default=None)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--label", default="python wait()")
    options = parser.parse_args()

    # wait() calls try_result() once per WaitForTask; count them without changing what it does.
    counter = {"calls": 0}
    original = TaskHandle.try_result

    async def counted(self):
        counter["calls"] += 1
        return await original(self)

    TaskHandle.try_result = counted

    client = await Client.connect(options.endpoint)
    try:
        if options.warmup:
            await run_phase(client, options, options.warmup, counter)
        submit_ns, end_to_end_ns, failed, lost, seconds = await run_phase(client, options, options.tasks, counter)
    finally:
        await client.close()
    succeeded = len(end_to_end_ns)
    result = {
        "label": options.label, "task": options.task, "tasks": options.tasks,
        "concurrency": options.concurrency, "maxInFlight": options.concurrency, "succeeded": succeeded,
        "failed": failed, "lost": lost + max(0, options.tasks - succeeded - failed - lost),
        "seconds": seconds, "throughput": succeeded / seconds if seconds else 0,
        "submit": summary(submit_ns), "endToEnd": summary(end_to_end_ns),
        "waitMode": "python-wait", "waitCalls": counter["calls"],
    }
    e2e = result["endToEnd"]
    print(f"python: {succeeded} succeeded, {failed} failed, {result['lost']} lost in {seconds:.2f} s; "
          f"end-to-end ms p50 {e2e['p50']:.2f} p90 {e2e['p90']:.2f} p99 {e2e['p99']:.2f}; "
          f"wait calls {counter['calls']}")
    print("RESULT " + json.dumps(result), flush=True)
    return 0 if succeeded == options.tasks else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
