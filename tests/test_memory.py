"""graphkit.memory: the command line's Arrow allocator and the trims."""
from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest

from graphkit.memory import release_free_memory

PROBE = """
import pyarrow as pa
from click.testing import CliRunner
from graphkit.cli import main
before = pa.default_memory_pool().backend_name
r = CliRunner().invoke(main, ["info", {example!r}])
assert r.exit_code == 0, r.output
print(before, pa.default_memory_pool().backend_name)
"""


def _pools(example_dir, **env) -> list[str]:
    run_env = {k: v for k, v in os.environ.items()
               if k != "ARROW_DEFAULT_MEMORY_POOL"}
    run_env.update(env)
    out = subprocess.run([sys.executable, "-c",
                          PROBE.format(example=str(example_dir))],
                         capture_output=True, text=True, env=run_env,
                         check=True)
    return out.stdout.split()


def test_the_command_line_allocates_from_a_pool_that_returns_memory(example_dir):
    import pyarrow as pa
    try:
        pa.jemalloc_memory_pool()
        expected = "jemalloc"
    except NotImplementedError:
        expected = "system"
    assert _pools(example_dir)[1] == expected


def test_the_users_choice_of_pool_is_kept(example_dir):
    assert _pools(example_dir, ARROW_DEFAULT_MEMORY_POOL="system") == \
        ["system", "system"]


def test_importing_graphkit_keeps_the_programs_pool():
    out = subprocess.run(
        [sys.executable, "-c", "import pyarrow as pa; b = pa.default_memory_pool()"
         ".backend_name; import graphkit, graphkit.pipeline; "
         "print(b == pa.default_memory_pool().backend_name)"],
        capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_free_memory_is_given_back_on_glibc():
    # 200 MB in blocks under glibc's mmap threshold, freed below a block
    # still held (so that free() cannot return them by itself)
    blocks = [bytearray(100_000) for _ in range(2_000)]
    pin = bytearray(100_000)
    del blocks
    assert release_free_memory() is True
    del pin


SETTLE_PROBE = """
import atexit, gc, sys
from graphkit.cli import {function}
atexit.register(lambda: print("frozen", gc.get_freeze_count(), flush=True))
sys.argv = ["graphkit", "info", {example!r}]
{function}()
"""


@pytest.mark.parametrize("function, frozen", [("entry", True),
                                              ("main", False)])
def test_the_console_script_leaves_long_lived_objects_to_refcounts(
        example_dir, function, frozen):
    # `graphkit` (cli.entry) freezes what its imports and its command left
    # alive, so that neither later full collections nor the exit walk
    # them; main(), which tests and programs call, keeps the collector
    out = subprocess.run([sys.executable, "-c", SETTLE_PROBE.format(
        function=function, example=str(example_dir))],
        capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    count = int(out.stdout.split("frozen")[-1])
    assert (count > 50_000) if frozen else count == 0


def test_python_m_graphkit_and_the_checkout_script_use_the_console_entry():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for argv in ([sys.executable, "-m", "graphkit", "--version"],
                 [sys.executable, os.path.join(root, "cli.py"), "--version"]):
        out = subprocess.run(argv, capture_output=True, text=True, cwd=root)
        assert out.returncode == 0 and out.stdout.startswith("graphkit"), \
            out.stderr
    assert "entry" in open(os.path.join(root, "cli.py")).read()
    assert "entry()" in open(os.path.join(root, "graphkit", "__main__.py")).read()


KEEP_PROBE = """
import gc
from graphkit.memory import keep_settled
first = keep_settled()
kept = [[i] for i in range(20_000)]          # outlives the next collection
gc.collect()
after = gc.get_freeze_count()
class Node: pass
a, b = Node(), Node(); a.other, b.other = b, a  # a cycle made since
del a, b
print(first, after, gc.collect())
"""


def test_keep_settled_freezes_what_outlives_a_full_collection():
    out = subprocess.run([sys.executable, "-c", KEEP_PROBE],
                         capture_output=True, text=True, check=True)
    first, after, collected = map(int, out.stdout.split())
    assert after >= first + 20_000  # the survivors are frozen
    assert collected >= 2           # a new cycle is still collected
