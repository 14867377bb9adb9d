"""Files replaced whole: written under a name of their own beside the target, then renamed
over it, so a reader sees the old file or the new one and two writers at once (a rebuild
while `stats` brings the index up to date, two processes exporting the model) never rename
each other's temporary file."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

WriteTo = Callable[[Path], object]


def write_atomically(target: Path, write: WriteTo) -> None:
    """Call `write` with a new temporary path beside `target`, then rename it over `target`
    (no temporary file is left, whether or not `write` succeeds)."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        tmp.chmod(0o644)  # as a file written in place would be, not mkstemp's 0600
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)  # gone once renamed; left only by a failed write
