"""Every command and subcommand of the CLI has help text, and --help works
(the walk is recursive, so it covers commands added later)."""
from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from graphkit.cli import main


def walk(command: click.Command, path=()):
    yield path, command
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            yield from walk(command.commands[name], path + (name,))


COMMANDS = list(walk(main))


def test_the_walk_finds_the_foundation_commands():
    names = {" ".join(p) for p, _ in COMMANDS}
    assert {"", "run", "validate", "info"} <= names


@pytest.mark.parametrize("path, command", COMMANDS,
                         ids=[" ".join(p) or "graphkit" for p, _ in COMMANDS])
def test_command_has_help(path, command):
    text = (command.help or "").strip()
    assert len(text) >= 20, f"'graphkit {' '.join(path)}' has no help text"
    undocumented = [p.name for p in command.params
                    if isinstance(p, click.Option) and not p.hidden
                    and not (p.help or "").strip()]
    assert not undocumented, f"options without help: {undocumented}"
    res = CliRunner().invoke(main, [*path, "--help"])
    assert res.exit_code == 0, res.output
    assert text.split("\n")[0][:30] in " ".join(res.output.split())
