"""Backups of the SQLite databases (the source of truth), taken while the library is in use.

SQLite's online backup API copies a consistent snapshot even while another process
writes (WAL: readers never block writers). FAISS files are not backed up: they are
rebuilt from SQLite on restore.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..errors import InputError
from .database import BUSY_TIMEOUT_S, DB_FILE, INDEX_FILE

MANIFEST = "backup.json"
FORMAT = 1


@dataclass(frozen=True)
class CollectionCopy:
    """One collection in a backup: its name and what it held."""

    name: str
    articles: int
    chunks: int


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)


def _copy_database(source: Path, target: Path) -> None:
    """A consistent copy of `source` into `target` through the online backup API."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(_connect(source)) as src, closing(_connect(target)) as dst:
        src.backup(dst)


def _counts(path: Path) -> tuple[int, int]:
    with closing(_connect(path)) as db:
        return (int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]),
                int(db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]))


def _databases(root: Path) -> dict[str, Path]:
    """Collection name -> database file, for every collection folder under `root`."""
    folder = root / "collections"
    if not folder.is_dir():
        return {}
    return {p.parent.name: p for p in sorted(folder.glob(f"*/{DB_FILE}"))}


def backup(data_dir: Path, dest: Path) -> list[CollectionCopy]:
    """Copy every collection's database under `data_dir` to the new folder `dest`, with a
    manifest; `dest` appears only once the copy is complete."""
    sources = _databases(data_dir)
    if not sources:
        raise InputError(f"nothing to back up: no collections under {data_dir}")
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise InputError(f"{dest} already exists: name a new folder for the backup")
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    try:
        copies = []
        for name, source in sources.items():
            target = staging / "collections" / name / DB_FILE
            _copy_database(source, target)
            with closing(_connect(target)) as db:
                db.execute("PRAGMA journal_mode = DELETE")  # one self-contained file per collection
                if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    raise InputError(f"the copy of {name} failed its integrity check")
            copies.append(CollectionCopy(name, *_counts(target)))
        manifest = {"format": FORMAT, "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "collections": [asdict(c) for c in copies]}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        if dest.exists():
            dest.rmdir()
        staging.rename(dest)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return copies


def restore(source: Path, data_dir: Path, *, replace: bool = False) -> list[CollectionCopy]:
    """Copy a backup's databases into `data_dir`. A collection that already exists there is
    refused unless `replace`. The FAISS files are removed, to be rebuilt from SQLite."""
    if not (source / MANIFEST).is_file():
        raise InputError(f"{source} is not a backup (no {MANIFEST})")
    databases = _databases(source)
    existing = [name for name in databases if (data_dir / "collections" / name / DB_FILE).exists()]
    if existing and not replace:
        raise InputError(f"{data_dir} already holds {', '.join(existing)}: stop the bot, then restore "
                         "with --replace to overwrite, or restore into an empty data folder")
    restored = []
    for name, db_path in databases.items():
        target = data_dir / "collections" / name / DB_FILE
        _copy_database(db_path, target)
        (target.parent / INDEX_FILE).unlink(missing_ok=True)
        restored.append(CollectionCopy(name, *_counts(target)))
    return restored
