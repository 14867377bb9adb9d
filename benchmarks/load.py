"""Questions during an import, through real discord.py and the Discord emulator in tests/.

50 members ask at once (/ask) on an idle bot, then again while an admin's /add of a
~1,000-chunk article is being embedded. Prints answer latency p50/p95 for both, their
ratio, and the longest stall of the bot's event loop. The emulator runs on its own
thread and event loop, so the stalls measured are the bot's alone.

    python -m benchmarks.load [--asks 50] [--chunks 1000] [--debug-loop]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Coroutine
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from bot.brain import Brain
from bot.discord_front.permissions import collection_name
from index.embedding import DEFAULT_RUNTIME, load_embedder
from index.sources import load_path
from tests.discord_bot_support import bot_running, make_brain
from tests.discord_emulator import Channel, DiscordEmulator, Guild, Permission, User
from tests.long_article import survey_log

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "fixtures" / "reader_articles"
QUESTIONS = ROOT / "tests" / "fixtures" / "reader_questions.jsonl"


class EmulatorThread:
    """The emulator on its own event loop in a daemon thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="emulator", daemon=True)
        self.thread.start()
        self.emu = DiscordEmulator()
        self.run(self.emu.start()).result(30)

    def run(self, coro: Coroutine[Any, Any, T]) -> Future[T]:
        """Schedule a coroutine on the emulator's loop."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    async def call(self, coro: Coroutine[Any, Any, T]) -> T:
        """Await a coroutine that must run on the emulator's loop."""
        return await asyncio.wrap_future(self.run(coro))

    def stop(self) -> None:
        """Stop the emulator and its loop."""
        self.run(self.emu.stop()).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


class StallMonitor:
    """Wakes every few milliseconds on the bot's loop and records how late it woke."""

    def __init__(self, period: float = 0.005) -> None:
        self.period = period
        self.lags: list[float] = []
        self.last_wake = time.monotonic()
        self._task: asyncio.Task[None] | None = None

    async def _watch(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            start = loop.time()
            await asyncio.sleep(self.period)
            self.last_wake = time.monotonic()
            self.lags.append(loop.time() - start - self.period)

    def start(self) -> None:
        """Begin (or restart) recording."""
        self.lags = []
        if self._task is None:
            self._task = asyncio.create_task(self._watch())

    def stop(self) -> None:
        """Stop recording."""
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def worst(self) -> tuple[float, int]:
        """(longest stall in seconds, how many exceeded 100 ms)."""
        return (max(self.lags, default=0.0), sum(1 for lag in self.lags if lag > 0.1))


class StallSampler(threading.Thread):
    """When the loop is over 100 ms late, records what every thread is running: the
    loop's own frame says whether a callback holds it, the others' say who holds the GIL."""

    def __init__(self, monitor: StallMonitor, loop_thread: int) -> None:
        super().__init__(name="stall-sampler", daemon=True)
        self.monitor, self.loop_thread = monitor, loop_thread
        self.samples: list[str] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        """Sample until stopped."""
        while not self.stopped.wait(0.02):
            late = time.monotonic() - self.monitor.last_wake
            if late < 0.1:
                continue
            lines = [f"loop {late * 1000:.0f} ms late:"]
            for ident, frame in sys._current_frames().items():
                if ident == threading.get_ident():
                    continue
                where = " < ".join(f"{Path(f.f_code.co_filename).name}:{f.f_lineno} {f.f_code.co_name}"
                                   for f, _ in list(traceback.walk_stack(frame))[:4])
                if ident == self.loop_thread or not any(w in where for w in ("wait", "acquire", "select")):
                    lines.append(f"  {'LOOP ' if ident == self.loop_thread else ''}{where}")
            self.samples.append("\n".join(lines))


@dataclass
class World:
    """The server the benchmark asks in."""

    guild: Guild
    channel: Channel
    members: list[User]
    admin: User


def make_world(emu: DiscordEmulator, members: int) -> World:
    """One server, #general, `members` askers and an admin."""
    guild = emu.add_guild("Load")
    channel = guild.add_channel("general")
    users = []
    for i in range(members):
        user = emu.add_user(f"member{i}")
        guild.add_member(user)
        users.append(user)
    admin = emu.add_user("admin")
    guild.add_member(admin, permissions=Permission.MANAGE_GUILD)
    return World(guild, channel, users, admin)


def questions(n: int) -> list[str]:
    """`n` questions about the seeded articles (standalone ones, repeated as needed)."""
    found = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    plain = [q["question"] for q in found if "after" not in q]
    return [plain[i % len(plain)] for i in range(n)]


async def ask_all(emulator: EmulatorThread, world: World, asked: list[str]) -> list[float]:
    """Every member asks one question at once; seconds from asking to the answer, each."""
    async def one(user: User, question: str) -> float:
        start = time.perf_counter()
        record = await emulator.call(emulator.emu.invoke_slash(world.guild, world.channel, user, "ask",
                                                               {"question": question}))
        await emulator.call(record.wait_followups(1, timeout=600))
        return time.perf_counter() - start

    return list(await asyncio.gather(*(one(u, q) for u, q in zip(world.members, asked))))


def forget_caches(brain: Brain, collection: str) -> None:
    """Cold caches, so that both phases embed the same sentences."""
    brain.answers.sentence_similarity.clear()
    brain.kb.collection(collection).clear_query_cache()


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of the values, interpolated."""
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


async def run(args: argparse.Namespace) -> dict[str, Any]:
    """Both phases; returns the figures."""
    embedder = load_embedder(DEFAULT_RUNTIME)
    article = survey_log(embedder.count_tokens, args.chunks)
    emulator = EmulatorThread()
    world = make_world(emulator.emu, args.asks)
    monitor = StallMonitor()
    with tempfile.TemporaryDirectory() as tmp:
        brain = make_brain(Path(tmp) / "data", embedder)
        name = collection_name(world.guild.id)
        brain.kb.collection(name).add_many([load_path(p) for p in sorted(ARTICLES.iterdir())
                                            if p.suffix in {".txt", ".md", ".html"}])
        asked = questions(args.asks)
        try:
            async with bot_running(emulator.emu, brain):
                await ask_all(emulator, world, asked[:1])  # warm: the model and first-use paths
                sampler = StallSampler(monitor, threading.get_ident())
                if args.debug_loop:
                    sampler.start()
                forget_caches(brain, name)
                monitor.start()
                idle = await ask_all(emulator, world, asked)
                idle_stall = monitor.worst()
                forget_caches(brain, name)
                add_start = time.perf_counter()
                add = await emulator.call(emulator.emu.invoke_slash(
                    world.guild, world.channel, world.admin, "add", {},
                    attachments={"file": ("survey-log.txt", article.encode("utf-8"), "text/plain")}))
                await asyncio.sleep(args.delay)  # the import is embedding by now
                monitor.start()
                busy = await ask_all(emulator, world, asked)
                busy_stall = monitor.worst()
                asks_done = time.perf_counter() - add_start
                (report,) = await emulator.call(add.wait_followups(1, timeout=900))
                add_done = time.perf_counter() - add_start
                monitor.stop()
                sampler.stopped.set()
        finally:
            brain.close()
            emulator.stop()
    return {"asks": args.asks, "article_chars": len(article), "add_report": report.content,
            "idle_p50": percentile(idle, 0.5), "idle_p95": percentile(idle, 0.95),
            "busy_p50": percentile(busy, 0.5), "busy_p95": percentile(busy, 0.95),
            "asks_finished_s": asks_done, "add_finished_s": add_done,
            "idle_worst_stall_ms": idle_stall[0] * 1000, "idle_stalls_over_100ms": idle_stall[1],
            "busy_worst_stall_ms": busy_stall[0] * 1000, "busy_stalls_over_100ms": busy_stall[1],
            "stall_samples": sampler.samples}


def main() -> None:
    """Run and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--asks", type=int, default=50)
    parser.add_argument("--chunks", type=int, default=1000, help="size of the imported article, in chunks")
    parser.add_argument("--delay", type=float, default=3.0, help="seconds between /add and the asks")
    parser.add_argument("--debug-loop", action="store_true",
                        help="print what every thread runs while the loop is over 100 ms late")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    figures = asyncio.run(run(args))
    for sample in figures.pop("stall_samples"):
        print(sample, file=sys.stderr)
    if args.json:
        print(json.dumps(figures))
        return
    print(f"{figures['asks']} concurrent /ask; /add of {figures['article_chars']:,} chars: {figures['add_report']}")
    print(f"answer latency idle:          p50 {figures['idle_p50']:6.2f} s   p95 {figures['idle_p95']:6.2f} s")
    print(f"answer latency during import: p50 {figures['busy_p50']:6.2f} s   p95 {figures['busy_p95']:6.2f} s")
    print(f"p95 ratio (import / idle):    {figures['busy_p95'] / figures['idle_p95']:.2f}")
    print(f"asks all answered {figures['asks_finished_s']:.1f} s after /add; the add finished at "
          f"{figures['add_finished_s']:.1f} s")
    print(f"longest event-loop stall: idle {figures['idle_worst_stall_ms']:.0f} ms "
          f"({figures['idle_stalls_over_100ms']} over 100 ms), during import {figures['busy_worst_stall_ms']:.0f} ms "
          f"({figures['busy_stalls_over_100ms']} over 100 ms)")


if __name__ == "__main__":
    main()
