"""Cold start of `python -m bot ask` per model runtime: seconds to the first answer, peak memory.

    python -m benchmarks.runtime_cold --question TEXT [--runs 3] RUNTIME=DATA_DIR ...

Each run is a new process over a library already on disk (the page cache warm, the
process cold), as a user typing the command would see it. Runtimes alternate run by
run so that a change in the machine's load falls on all of them alike.

The asks are spawned by this small process, never by the benchmark that built the
libraries: Linux reports a child's peak memory as at least its parent's at the fork,
so a child of a process holding three models would seem to hold them too.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run by the probe: the same entry point as `python -m bot`, then what it imported.
_PROBE = """
import json, sys, time
started = time.perf_counter()
import bot.cli
imported = time.perf_counter() - started
code = bot.cli.main(sys.argv[1:])
print(json.dumps({"import_bot_s": imported, "torch": "torch" in sys.modules,
                  "sentence_transformers": "sentence_transformers" in sys.modules}), file=sys.stderr)
sys.exit(code)
"""


def _env(runtime: str | None = None) -> dict[str, str]:
    env = dict(os.environ, LLM_BASE_URL="", LOG_LEVEL="WARNING", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    if runtime:
        env["EMBEDDING_RUNTIME"] = runtime
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _ask_command(data_dir: Path, question: str) -> list[str]:
    return ["ask", "--data-dir", str(data_dir), "--collection", "squad", "--json", question]


def one_ask(runtime: str, data_dir: Path, question: str) -> dict[str, float]:
    """Seconds from spawning `python -m bot ask --json` to its answer line and to its exit,
    and the process's peak resident memory in MB."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "bot", *_ask_command(data_dir, question)], cwd=data_dir.parent,
                            env=_env(runtime), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    first = time.perf_counter() - started
    proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or not line.startswith("{"):
        raise RuntimeError(f"{runtime}: `python -m bot ask` failed with {proc.returncode}")
    return {"first_answer_s": first, "wall_s": wall, "peak_rss_mb": usage.ru_maxrss / 1024}


def probe_imports(runtime: str, data_dir: Path, question: str) -> dict[str, object]:
    """Import time of the bot and whether torch or sentence-transformers were imported by an ask."""
    command = [sys.executable, "-c", _PROBE, *_ask_command(data_dir, question)]
    done = subprocess.run(command, cwd=data_dir.parent, env=_env(runtime), capture_output=True, text=True,
                          timeout=300)
    return json.loads(done.stderr.strip().splitlines()[-1])


def measure(libraries: dict[str, Path], question: str, runs: int) -> dict[str, dict[str, object]]:
    """Median figures of `runs` cold asks per runtime (after one unmeasured run each)."""
    for runtime, data_dir in libraries.items():
        one_ask(runtime, data_dir, question)
    samples: dict[str, list[dict[str, float]]] = {r: [] for r in libraries}
    for _ in range(runs):
        for runtime, data_dir in libraries.items():
            samples[runtime].append(one_ask(runtime, data_dir, question))
    out: dict[str, dict[str, object]] = {}
    for runtime, runs_of in samples.items():
        out[runtime] = {key: statistics.median(s[key] for s in runs_of) for key in runs_of[0]}
        out[runtime]["imports"] = probe_imports(runtime, libraries[runtime], question)
    return out


def cold_starts(libraries: dict[str, Path], question: str, runs: int) -> dict[str, dict[str, object]]:
    """`measure`, run by a new small process (see the module's docstring)."""
    command = [sys.executable, "-m", "benchmarks.runtime_cold", "--question", question, "--runs", str(runs),
               *(f"{runtime}={folder}" for runtime, folder in libraries.items())]
    done = subprocess.run(command, cwd=ROOT, env=_env(), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--question", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("libraries", nargs="+", metavar="RUNTIME=DATA_DIR", help="a library made with that runtime")
    args = parser.parse_args()
    libraries = {runtime: Path(folder) for runtime, _, folder in (item.partition("=") for item in args.libraries)}
    print(json.dumps(measure(libraries, args.question, args.runs)))


if __name__ == "__main__":
    main()
