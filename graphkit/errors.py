"""Errors raised by graphkit. The library raises; only the CLI prints and exits."""
from __future__ import annotations

from dataclasses import dataclass


class GraphkitError(Exception):
    """Base of every error graphkit raises on purpose (bad input, bad option,
    unreachable database...). Its message is meant for the user as it is."""


@dataclass(frozen=True)
class Problem:
    """One located problem in the input."""
    file: str
    line: int | None  # the line number a spreadsheet user sees (header = 1)
    column: str | None
    value: object
    reason: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        value = "" if self.value is None else f" (value: {self.value!r})"
        return f"{where}: {self.reason}{value}"


class ValidationError(GraphkitError):
    """The input breaks the data contract; ``problems`` lists every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the input"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))
