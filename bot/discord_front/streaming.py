"""An LLM answer shown as it streams: a plain-text preview posted once text arrives and
edited at most every `interval` seconds, until the checked answer replaces it.

The answerer calls `StreamPreview.on_delta` on its worker thread; pieces are buffered
there and handed to the event loop in batches, and one task on the loop turns whatever
has arrived into at most one post or edit per interval.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Awaitable, Callable

import discord

from bot.answering.llm_replies import shown_while_streaming

from .limits import CONTENT_LIMIT, NO_MENTIONS
from .literal import escape

log = logging.getLogger(__name__)

PREVIEW_INTERVAL = 1.5
"""Seconds between preview edits: Discord allows about 5 edits per 5 s in a channel."""
ELLIPSIS = "…"

Poster = Callable[[str], Awaitable[discord.Message]]
"""Posts the first preview (plain text) and returns its message."""


def preview_text(raw: str, limit: int = CONTENT_LIMIT) -> str:
    """What to show of a reply that is still streaming: no citation markers (not even a
    half-received one), nothing that looks like NO_ANSWER, Markdown shown literally, an
    ellipsis at the end, and only the tail when it would not fit in `limit` characters.
    "" when there is nothing to show yet."""
    text = shown_while_streaming(raw)
    if not text:
        return ""
    shown = escape(text) + ELLIPSIS
    keep = len(text)
    while len(shown) > limit:
        keep -= len(shown) - limit
        shown = ELLIPSIS + escape(text[-keep:].lstrip()) + ELLIPSIS
    return shown


class StreamPreview:
    """Shows a streaming reply in one message; create it on the event loop."""

    def __init__(self, post: Poster, interval: float = PREVIEW_INTERVAL) -> None:
        self.interval = interval
        self.message: discord.Message | None = None
        """The preview message, once posted."""
        self._post = post
        self._loop = asyncio.get_running_loop()
        self._incoming: list[str] = []
        self._incoming_lock = threading.Lock()
        self._raw = ""
        self._shown = ""
        self._next_show = 0.0
        self._closed = False
        self._dirty = asyncio.Event()
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def on_delta(self, piece: str) -> None:
        """Take one streamed piece; called on the answerer's worker thread."""
        with self._incoming_lock:
            self._incoming.append(piece)
            if len(self._incoming) > 1:  # a hand-over to the loop is already pending
                return
        with contextlib.suppress(RuntimeError):  # the loop closed: the bot is shutting down
            self._loop.call_soon_threadsafe(self._take)

    def _take(self) -> None:
        with self._incoming_lock:
            pieces, self._incoming = self._incoming, []
        if self._closed:
            return
        self._raw += "".join(pieces)
        self._dirty.set()
        if self._task is None:
            self._task = self._loop.create_task(self._run(), name="stream an answer preview")

    async def _run(self) -> None:
        try:
            while not self._closed:
                await self._dirty.wait()
                wait = self._next_show - self._loop.time()
                if wait > 0 and not self._closed:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._stop.wait(), wait)
                if self._closed:
                    return
                self._dirty.clear()
                text = preview_text(self._raw)
                if text and text != self._shown:
                    await self._show(text)
                    self._shown = text
                    self._next_show = self._loop.time() + self.interval
        except discord.HTTPException as error:
            log.info("stopped previewing an answer: %s", error)
        except Exception:  # noqa: BLE001 (the preview is cosmetic: a bug in it must not lose the answer)
            log.exception("the answer preview failed")

    async def _show(self, text: str) -> None:
        if self.message is None:
            self.message = await self._post(text)
        else:
            self.message = await self.message.edit(content=text, allowed_mentions=NO_MENTIONS)

    async def finish(self, *, keep: bool = True) -> discord.Message | None:
        """Stop previewing, once any post or edit under way is done; return the preview
        message (for the answer to replace), or delete it and return None unless `keep`."""
        self._closed = True
        self._stop.set()
        self._dirty.set()
        if self._task is not None:
            await self._task
        if keep or self.message is None:
            return self.message
        with contextlib.suppress(discord.HTTPException):
            await self.message.delete()
        self.message = None
        return None
