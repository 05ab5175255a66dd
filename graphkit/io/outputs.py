"""Writing outputs whole or not at all."""
from __future__ import annotations

import contextlib
import ctypes
import json
import os
import re
import secrets
import shutil
import sys
import tempfile
from pathlib import Path

from ..errors import GraphkitError


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike):
    """Yield a temporary path beside ``path``; on success move it into place.

    On error the temporary file is removed and ``path`` is left as it was.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> with atomic_path(os.path.join(d, "x.txt")) as tmp:
    ...     _ = open(tmp, "w").write("hello")
    >>> open(os.path.join(d, "x.txt")).read()
    'hello'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                               dir=path.parent)
    os.close(fd)
    # mkstemp makes the file private (0600); give it the mode a plain
    # open() would, so outputs can be shared like any other file.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_text(path, text: str) -> Path:
    with atomic_path(path) as tmp:
        Path(tmp).write_text(text, encoding="utf-8")
    return Path(path)


@contextlib.contextmanager
def staged_files(outdir: str | os.PathLike):
    """Yield an empty staging folder; on success move every file it holds
    into ``outdir`` (replacing files of the same name, leaving the others),
    on error remove it: for a few files written into a folder that may hold
    other things (a data folder). A run's outputs use :func:`staged_dir`.
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".graphkit-files-", dir=outdir))
    try:
        yield stage
        for src in sorted(stage.rglob("*")):
            if src.is_file():
                dest = outdir / src.relative_to(stage)
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.replace(src, dest)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


#: The file every run's folder holds: what the run wrote (file -> bytes).
MARKER = ".graphkit-run.json"
_STAGE, _OLD = "graphkit-stage", "graphkit-old"


def _sibling(outdir: Path, kind: str) -> Path:
    return outdir.parent / (f".{outdir.name}.{kind}-{os.getpid()}-"
                            f"{secrets.token_hex(4)}")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _leftovers(outdir: Path) -> list[tuple[str, Path]]:
    """The staging and backup folders of runs on ``outdir`` whose process
    is gone (killed): (kind, path)."""
    pattern = re.compile(re.escape(f".{outdir.name}.") + f"({_STAGE}|{_OLD})"
                         + r"-(\d+)-[0-9a-f]+\Z")
    found = []
    try:
        entries = list(outdir.parent.iterdir())
    except OSError:
        return []
    for entry in entries:
        m = pattern.match(entry.name)
        if m and not _alive(int(m.group(2))):
            found.append((m.group(1), entry))
    if outdir.is_dir():  # the staging folders graphkit once made inside OUT
        found += [(_STAGE, p) for p in outdir.glob(".graphkit-stage-*")]
    return found


def clean_leftovers(outdir) -> list[Path]:
    """Remove what killed runs left beside ``outdir``; when a run was killed
    between its two renames (no OUT, a whole backup), put the backup back.
    Returns the folders removed or restored."""
    outdir = Path(outdir)
    done = []
    for kind, path in sorted(_leftovers(outdir), key=lambda kp: kp[0]):
        if kind == _OLD and not outdir.exists() and (path / MARKER).exists():
            os.rename(path, outdir)
        else:
            shutil.rmtree(path, ignore_errors=True)
        done.append(path)
    return done


def _replaceable(outdir: Path) -> None:
    """Refuse an OUT that holds what graphkit did not write: it is replaced
    as a whole, so it must be empty or an earlier run."""
    if not outdir.exists():
        return
    if not outdir.is_dir():
        raise GraphkitError(f"{outdir}: is a file, not a folder; give a "
                            f"folder for the outputs")
    entries = [p.name for p in outdir.iterdir()]
    if entries and MARKER not in entries and "info.json" not in entries:
        raise GraphkitError(
            f"{outdir}: holds files graphkit did not write; the outputs "
            f"replace the whole folder, so give a new or empty folder (or "
            f"one an earlier run wrote)")


def _fsync(path: Path, directory: bool = False) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return  # a folder that cannot be opened (Windows): nothing to sync
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _seal(stage: Path) -> None:
    """Write the marker (every file and its size), flush every file and
    folder of ``stage`` to the disk."""
    files = {p.relative_to(stage).as_posix(): p.stat().st_size
             for p in sorted(stage.rglob("*")) if p.is_file()}
    (stage / MARKER).write_text(json.dumps({"files": files}, indent=1),
                                encoding="utf-8")
    for p in stage.rglob("*"):
        _fsync(p, directory=p.is_dir())
    _fsync(stage, directory=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE);
    False when the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b),
                     rename_exchange) == 0


def _swap(stage: Path, outdir: Path) -> None:
    """Put ``stage`` in the place of ``outdir`` so that at every instant
    ``outdir`` is the whole old folder or the whole new one (or, between
    two renames where the system has no exchange, absent with the old one
    kept whole as a backup that the next run puts back)."""
    if not outdir.exists():
        os.rename(stage, outdir)
    elif _exchange(stage, outdir):
        shutil.rmtree(stage, ignore_errors=True)  # now the old run
    else:
        backup = _sibling(outdir, _OLD)
        os.rename(outdir, backup)
        try:
            os.rename(stage, outdir)
        except BaseException:
            os.rename(backup, outdir)
            raise
        shutil.rmtree(backup, ignore_errors=True)
    _fsync(outdir.parent, directory=True)


@contextlib.contextmanager
def staged_dir(outdir: str | os.PathLike):
    """Yield an empty staging folder beside ``outdir``; on success replace
    ``outdir`` by it as a whole, on error remove it and leave ``outdir`` as
    it was.

    The files are flushed to the disk, then the folders swapped by renames:
    at no instant does ``outdir`` mix two runs or hold part of one. What
    killed runs left beside it is cleaned first. ``outdir`` must be new,
    empty or an earlier run's folder. A failure to write (read-only or full
    disk, a file where a folder should be) raises one GraphkitError.
    """
    outdir = Path(outdir)
    stage = None
    try:
        clean_leftovers(outdir)
        _replaceable(outdir)
        outdir.parent.mkdir(parents=True, exist_ok=True)
        stage = _sibling(outdir, _STAGE)
        stage.mkdir()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(stage, 0o777 & ~umask)
        yield stage
        _seal(stage)
        _swap(stage, outdir)
        stage = None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise GraphkitError(f"{outdir}: the outputs cannot be written "
                            f"({reason}); the previous outputs, if any, are "
                            f"left as they were") from None
    finally:
        if stage is not None:
            shutil.rmtree(stage, ignore_errors=True)
