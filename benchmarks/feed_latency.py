"""Answer latency while a 200-entry feed is imported, against an idle bot.

A feed server on 127.0.0.1 serves 200 articles we generate here; the bot's feed desk
imports them on a worker thread (as the Discord bot's poller does) while questions are
asked from the event loop through `asyncio.to_thread`, as /ask does. Also measured: how
late a 10 ms timer on the event loop fires (its lag), idle and during the import.

    python -m benchmarks.feed_latency [--entries 200] [--questions 12]
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import threading
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bot.brain import build_brain
from bot.settings import Settings
from index.feeds import FeedSettings
from tests.feed_server import FeedServer, Route, rss

PLACES = ["Ashby", "Brockton", "Carrow", "Dunmere", "Elsworth", "Fenwick", "Garston", "Holloway", "Ilsley", "Jarrow"]
THINGS = ["bridge", "library", "market", "school", "harbour", "railway station", "park", "museum", "pool", "clinic"]
QUESTIONS = ["When did the {p} {t} reopen?", "How much did the {p} {t} repairs cost?",
             "Who spoke at the opening of the {p} {t}?", "How many trees did volunteers plant by the {p} {t}?",
             "How many residents came to the {p} {t} opening?", "How long did the work on the {p} {t} take?"]
# A person asks every so often; the gaps leave the CPU to the import as a real server would.
GAP_SECONDS = 0.5


def article(i: int) -> tuple[str, list[str]]:
    place, thing = PLACES[i % 10], THINGS[(i // 10) % 10]
    title = f"{place} {thing} update {i}"
    return title, [f"The {place} {thing} reopened on day {i} after {i % 7 + 2} months of work by the town council.",
                   f"The repairs cost {(i * 37) % 900 + 100} thousand pounds, paid by a grant and local donations.",
                   f"About {(i * 13) % 400 + 50} residents came to the opening, where the mayor of {place} spoke.",
                   f"Volunteers from {place} planted {i % 30 + 5} trees beside the {thing} the week before."]


def serve(server: FeedServer, name: str, first: int, entries: int) -> str:
    """A feed of `entries` articles numbered from `first`."""
    now = datetime.now(timezone.utc)
    items = []
    for i in range(first, first + entries):
        title, paragraphs = article(i)
        server.article(f"/a{i}.html", title, paragraphs)
        items.append((title, server.url(f"/a{i}.html"), now - timedelta(hours=i)))
    server.routes[f"/{name}.xml"] = Route(rss(f"Town News {name}", items))
    return server.url(f"/{name}.xml")


_asked = iter(range(10**9))


def next_question() -> str:
    """A question never asked before (no cache helps it)."""
    n = next(_asked)
    return QUESTIONS[n % len(QUESTIONS)].format(p=PLACES[(n // 6) % 10], t=THINGS[(n // 60) % 10])


async def ask_round(brain, collection: str, questions: int) -> list[float]:
    """Ask `questions` new questions, one every GAP_SECONDS at most, as /ask does (worker thread)."""
    times = []
    for _ in range(questions):
        start = time.perf_counter()
        await asyncio.to_thread(brain.answers.ask, collection, next_question())
        times.append(time.perf_counter() - start)
        await asyncio.sleep(GAP_SECONDS)
    return times


async def loop_lag(stop: asyncio.Event) -> list[float]:
    lags = []
    while not stop.is_set():
        start = time.perf_counter()
        await asyncio.sleep(0.01)
        lags.append(time.perf_counter() - start - 0.01)
    return lags


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def measure(entries: int, questions: int) -> None:
    data = Path(tempfile.mkdtemp())
    server = FeedServer()
    settings = replace(Settings.from_env(env={}, dotenv=None), data_dir=data, fetch_allow_hosts=("127.0.0.1",),
                       feeds=FeedSettings(host_delay_seconds=0, max_entries=entries))
    brain = build_brain(settings)
    try:
        # A library of one feed first (untimed), so that questions have something to answer from.
        brain.feeds.subscribe("news", serve(server, "first", 0, entries))
        brain.feeds.poll_due()
        brain.answers.ask("news", "warm up")
        seed = brain.feeds.subscribe("news", serve(server, "second", entries, entries))[0]
        stop = asyncio.Event()
        lag_task = asyncio.create_task(loop_lag(stop))
        idle = await ask_round(brain, "news", questions)
        stop.set()
        idle_lag = await lag_task

        imported: dict[str, float] = {}

        def run_import() -> None:
            start = time.perf_counter()
            added = sum(len(r.events) for done in brain.feeds.poll_due() for r in done.reports)
            imported.update(seconds=time.perf_counter() - start, added=added)

        worker = threading.Thread(target=run_import)
        worker.start()
        stop = asyncio.Event()
        lag_task = asyncio.create_task(loop_lag(stop))
        busy: list[float] = []
        while worker.is_alive():
            busy += await ask_round(brain, "news", 1)
        stop.set()
        busy_lag = await lag_task
        worker.join()
        print(f"feed #{seed.id}: imported {imported['added']:.0f} entries in {imported['seconds']:.1f} s "
              f"({imported['added'] / imported['seconds']:.1f} articles/s)")
        print(f"answer latency idle:   p50 {statistics.median(idle) * 1000:.0f} ms, p95 {pct(idle, .95) * 1000:.0f} ms "
              f"({len(idle)} questions)")
        print(f"answer latency import: p50 {statistics.median(busy) * 1000:.0f} ms, p95 {pct(busy, .95) * 1000:.0f} ms "
              f"({len(busy)} questions)")
        print(f"ratio import/idle: p50 {statistics.median(busy) / statistics.median(idle):.2f}x, "
              f"p95 {pct(busy, .95) / pct(idle, .95):.2f}x")
        print(f"event-loop lag of a 10 ms timer: idle p95 {pct(idle_lag, .95) * 1000:.1f} ms, "
              f"import p95 {pct(busy_lag, .95) * 1000:.1f} ms, max {max(busy_lag) * 1000:.1f} ms")
    finally:
        brain.close()
        server.close()


def main() -> None:
    """Run the measurement and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--questions", type=int, default=12)
    args = parser.parse_args()
    asyncio.run(measure(args.entries, args.questions))


if __name__ == "__main__":
    main()
