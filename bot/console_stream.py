"""An LLM answer shown in a terminal as it streams, as the Discord front previews it:
citation markers hidden until they are checked; the preview is erased when the
checked answer (with its sources) is printed in its place."""
from __future__ import annotations

import math
import shutil
from typing import TextIO

from .answering.llm_replies import shown_while_streaming

_ERASE_TO_END = "\x1b[J"


class TerminalPreview:
    """Prints each new piece of a streaming reply; `clear` erases all it printed."""

    def __init__(self, out: TextIO, width: int | None = None) -> None:
        self.out = out
        self.width = width or shutil.get_terminal_size().columns
        self.raw = ""
        self.shown = ""

    def on_delta(self, piece: str) -> None:
        """Take one streamed piece and print what became showable."""
        self.raw += piece
        text = shown_while_streaming(self.raw)
        # Only ever append: when tidying changed what was already printed (a marker
        # removed before a full stop), wait; the checked answer replaces it all anyway.
        if text.startswith(self.shown) and len(text) > len(self.shown):
            self.out.write(text[len(self.shown):])
            self.out.flush()
            self.shown = text

    def clear(self) -> None:
        """Erase the preview: back to the line it started on, and clear to the end of the screen."""
        if not self.shown:
            return
        rows = sum(max(1, math.ceil(len(line) / self.width)) for line in self.shown.split("\n"))
        up = f"\x1b[{rows - 1}F" if rows > 1 else ""
        self.out.write("\r" + up + _ERASE_TO_END)
        self.out.flush()
        self.shown = ""
