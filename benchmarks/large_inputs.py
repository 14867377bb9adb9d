"""Large inputs through `python -m index add`: wall time and peak memory of each case.

    python -m benchmarks.large_inputs [--files 5000] [--json]

Cases: a 20 MB HTML page and a 50 MB text file (both past the limits in
index/limits.py, so refused with a clear error), and a folder of small files (added,
with the passages embedded). Each runs in its own process; peak memory is that
process's maximum resident set size. The inputs are generated, in our own words.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

WORDS = ("harbour ferry timetable council survey river gauge entries team logged valley quarry hedge "
         "tide wind record volunteers lantern market square library storm").split()


@dataclass
class Case:
    """One input and what adding it cost."""

    name: str
    input_mb: float
    seconds: float = 0.0
    peak_mb: float = 0.0
    exit_code: int = 0
    outcome: str = ""


def sentences(rng: random.Random, n: int) -> str:
    """`n` sentences of survey-log words."""
    return " ".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize() + "."
                    for _ in range(n))


def write_html(path: Path, megabytes: int) -> None:
    """An article page of about `megabytes` MB."""
    rng = random.Random(1)
    with path.open("w", encoding="utf-8") as out:
        out.write("<html><head><title>County survey log</title></head><body><article><h1>County survey log</h1>\n")
        size = 0
        while size < megabytes * 1_000_000:
            paragraph = f"<p>{sentences(rng, 5)}</p>\n"
            out.write(paragraph)
            size += len(paragraph)
        out.write("</article></body></html>\n")


def write_text(path: Path, megabytes: int) -> None:
    """A plain-text file of about `megabytes` MB."""
    rng = random.Random(2)
    block = "\n\n".join(sentences(rng, 5) for _ in range(200)) + "\n\n"
    with path.open("w", encoding="utf-8") as out:
        out.write("County survey log\n\n")
        for _ in range(megabytes * 1_000_000 // len(block) + 1):
            out.write(block)


def write_folder(folder: Path, files: int) -> None:
    """`files` short notes, one passage each."""
    rng = random.Random(3)
    for i in range(files):
        sub = folder / f"batch{i // 500:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"note{i:05d}.txt").write_text(f"Survey note {i}\n\n{sentences(rng, 3)} Note {i} ends here.\n",
                                              encoding="utf-8")


def measure(case: Case, data_dir: Path, target: Path) -> Case:
    """Run the add in a child process; record time, peak RSS and the outcome."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "index", "--data-dir", str(data_dir), "add", str(target),
                                  "--json"], stdout=out, stderr=err, env=env)
        # Reaped here rather than by Popen, for the rusage of this child alone.
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        case.seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    case.exit_code = child.returncode
    case.peak_mb = usage.ru_maxrss / 1024
    statuses = [json.loads(line)["status"] for line in stdout.splitlines() if line.startswith("{")]
    if statuses:
        counted = {s: statuses.count(s) for s in sorted(set(statuses))}
        case.outcome = ", ".join(f"{n} {s}" for s, n in counted.items())
    else:
        case.outcome = (stderr.strip().splitlines() or ["(no output)"])[-1]
    return case


def main() -> None:
    """Generate the inputs, add each to a fresh library, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=5000, help="small files in the folder case")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    cases: list[Case] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        html, text, folder = root / "page.html", root / "log.txt", root / "notes"
        write_html(html, 20)
        write_text(text, 50)
        write_folder(folder, args.files)
        folder_mb = sum(p.stat().st_size for p in folder.rglob("*.txt")) / 1_000_000
        for name, target, size in [("20 MB HTML page", html, html.stat().st_size / 1_000_000),
                                   ("50 MB text file", text, text.stat().st_size / 1_000_000),
                                   (f"folder of {args.files:,} small files", folder, folder_mb)]:
            cases.append(measure(Case(name, round(size, 1)), root / f"data-{len(cases)}", target))
    if args.json:
        print(json.dumps([asdict(c) for c in cases]))
        return
    for c in cases:
        print(f"{c.name:32} {c.input_mb:7.1f} MB in  {c.seconds:7.1f} s  peak {c.peak_mb:6.0f} MB  "
              f"exit {c.exit_code}  {c.outcome}")


if __name__ == "__main__":
    main()
