"""Submits one task with the official Python client and prints its outcome as one JSON line.

Usage: python3 submit.py ENDPOINT TASK ARGS_JSON [GROUP]
ARGS_JSON is handed to the client as a Python value: a list becomes positional arguments,
a dict becomes one object argument, null means "no argument" ([null] on the wire).
"""
import asyncio
import json
import sys

from azolla import Client


async def main() -> None:
    endpoint, task, args_json = sys.argv[1], sys.argv[2], sys.argv[3]
    group = sys.argv[4] if len(sys.argv) > 4 else None
    args = json.loads(args_json)
    client = await Client.connect(endpoint, domain="default")
    try:
        builder = client.submit_task(task, args)
        if group:
            builder = builder.shepherd_group(group)
        handle = await builder.submit()
        result = await handle.wait(timeout=90)
        error = None
        if result.error is not None:
            error = {"type": result.error.error_type, "message": result.error.message}
        print(json.dumps({"task_id": handle.task_id, "success": result.success, "value": result.value, "error": error}))
    finally:
        await client.close()


asyncio.run(main())
