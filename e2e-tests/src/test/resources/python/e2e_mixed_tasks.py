"""Tasks for the Python worker in the declarative-client e2e tests: they show how the official
Python worker binds a submission that carries positional and named arguments together."""
from typing import Any

from azolla import azolla_task


@azolla_task
async def py_describe(name: str, suffix: Any = "!") -> dict:
    """Returns what each parameter received, whatever its type."""
    return {"name": name, "suffix": suffix}


@azolla_task
async def py_greet(name: str, greeting: str = "Hello") -> str:
    return f"{greeting} {name}"
