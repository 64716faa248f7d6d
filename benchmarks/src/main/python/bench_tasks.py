"""The sample's `sum` task for the official Python worker, so that the start-up benchmark runs the
same task with the same arguments in every worker that can (benchmarks/bin/launcher-startup)."""
from typing import List

from azolla import azolla_task


@azolla_task
async def sum(numbers: List[int]) -> int:  # noqa: A001 - the task name the Java sample uses
    total = 0
    for number in numbers:
        total += number
    return total
