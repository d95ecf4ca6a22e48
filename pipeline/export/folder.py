"""The output folder of the export stage: what belongs to it, the staging folders beside it, the lock
of a run, and the atomic swap that publishes a complete new folder.

``publish(new, out)`` swaps in one step (``renameat2`` with ``RENAME_EXCHANGE`` on Linux; elsewhere
rename old -> backup, new -> out, delete backup, and ``recover()`` repairs a swap that was cut short);
when ``out`` also holds files egovnews did not write, each table file is replaced on its own.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import UsageError
from ..tables import REGISTRY_TABLES, TABLES
from .schema import MANIFEST

RUN_INFO = "_run.json"
REPORT_FILE = "report.html"      # written by `egovnews report`; a new run removes it (it would be stale)

# Placeholder files a repository keeps in an output folder; they are carried into each new output.
KEEP_FILES = (".gitkeep", ".gitignore")


def own_names() -> set[str]:
    """Entries an egovnews output folder may contain."""
    names = {RUN_INFO, f"{MANIFEST}.parquet", REPORT_FILE, *KEEP_FILES}
    for t in [*TABLES, *REGISTRY_TABLES]:
        names |= {f"{t}.parquet", f"{t}.csv", t}
    return names


def check_out(out: Path) -> None:
    """Refuse an output path that is a file. A folder that also holds other files (a log, notes) is fine:
    ``publish`` then replaces the tables file by file and leaves those files alone."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder")


def foreign_entries(out: Path) -> list[str]:
    """Entries of ``out`` that egovnews did not write."""
    if not out.is_dir():
        return []
    return sorted(p.name for p in out.iterdir() if p.name not in own_names())


def staging_prefix(out: Path) -> str:
    """The name prefix of the staging folders of a run into ``out`` (``.<out>.partial-``)."""
    return f".{out.name}.partial-"


def leftover_stagings(out: Path, exclude: Path | None = None) -> list[Path]:
    """Staging folders of earlier runs into ``out`` (call while holding the lock: their runs are dead)."""
    if not out.parent.exists():
        return []
    return sorted(p for p in out.parent.glob(staging_prefix(out) + "*") if p.is_dir() and p != exclude)


def complete_parts(staging: Path) -> list[Path]:
    """The complete parts of a staging folder (``parts/000001`` ...), in order; [] when there are none."""
    parts = staging / "parts"
    if not parts.is_dir():
        return []
    return sorted(p for p in parts.iterdir() if p.is_dir() and p.name.isdigit())


def iter_part_dirs(stagings: Iterable[Path]) -> Iterator[Path]:
    """The complete parts of each staging folder in ``stagings``, one folder after the other."""
    for s in stagings:
        yield from complete_parts(s)


def recover(out: Path) -> str | None:
    """Finish or roll back a swap that was cut short; returns what was done."""
    backups = sorted(out.parent.glob(f".{out.name}.backup-*")) if out.parent.exists() else []
    msg = None
    for b in backups:
        if not out.exists():
            os.rename(b, out)
            msg = f"restored the previous output of {out} from an interrupted swap"
        else:
            shutil.rmtree(b, ignore_errors=True)
    return msg


@contextmanager
def out_lock(out: Path):
    """Hold an exclusive lock on ``out`` (a hidden lock file beside it) for a run."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no locking
        yield
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    lock = out.parent / f".{out.name}.lock"
    fh = open(lock, "a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise UsageError(f"another egovnews run is writing to {out} (lock {lock}); wait for it or "
                             f"choose another --out") from None
        yield
    finally:
        fh.close()


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False when unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    rc = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(b))


@contextmanager
def _signals_deferred():
    """Block SIGINT/SIGTERM for the few system calls of the swap (main thread only)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    sigs = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def publish(new: Path, out: Path) -> str:
    """Make the complete folder ``new`` the output folder ``out``; returns the method used."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with _signals_deferred():
        if not out.exists():
            os.rename(new, out)
            return "rename"
        if foreign_entries(out):  # the user's files stay where they are: each table replaced atomically
            return _replace_files(new, out, "file by file (the folder holds other files)")
        if _exchange(new, out):
            shutil.rmtree(new, ignore_errors=True)  # holds the old output now
            return "exchange"
        backup = out.parent / f".{out.name}.backup-{os.getpid()}"
        try:
            os.rename(out, backup)
        except OSError:  # out is a mount point or otherwise pinned: replace file by file
            return _replace_files(new, out, "file by file (not atomic: the folder could not be renamed)")
        os.rename(new, out)
    shutil.rmtree(backup, ignore_errors=True)
    return "rename via backup"


def _replace_files(new: Path, out: Path, method: str) -> str:
    """Move each entry of ``new`` into ``out`` (replacing, each atomically), remove our tables that ``new``
    does not hold, delete ``new``; returns ``method`` (the description of the way it was published)."""
    names = {f.name for f in new.iterdir()}
    for f in sorted(new.iterdir()):
        os.replace(f, out / f.name)
    for f in list(out.iterdir()):  # our tables of formats not written this time would be stale
        if f.name in own_names() and f.name not in names:
            shutil.rmtree(f) if f.is_dir() else f.unlink()
    shutil.rmtree(new, ignore_errors=True)
    return method
