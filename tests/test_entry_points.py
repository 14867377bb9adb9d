"""`python -m bot` and `python -m index` stopped by the user rather than by a mistake: a
reader that stops reading (`| head -1`) and a Ctrl-C while the libraries load end them
quietly, without a traceback."""
from __future__ import annotations

import os
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from index.embedding import Embedder
from index.entry_point import EXIT_BROKEN_PIPE, EXIT_INTERRUPTED
from index.library import KnowledgeBase
from index.sources import load_path
from tests.conftest import FIXTURES
from tests.signals import sigint_as_from_a_terminal

ROOT = Path(__file__).resolve().parents[1]

# `python -m bot ARGS` in which a Ctrl-C arrives while bot.cli imports its libraries (the
# seconds before the console's prompt): the process signals itself as the import begins.
INTERRUPTED_IMPORT = """
import os, runpy, signal, sys

class CtrlCDuringImport:
    def find_spec(self, name, path=None, target=None):
        if name == "bot.brain":
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, CtrlCDuringImport())
sys.argv = ["python -m bot", *sys.argv[1:]]
runpy.run_module("bot", run_name="__main__", alter_sys=True)
"""


def env(data: Path) -> dict[str, str]:
    """The environment without a developer's settings, on `data`."""
    keep = {k: v for k, v in os.environ.items()
            if k not in {"DISCORD_TOKEN", "DATABASE_URL", "COLLECTION"} and not k.startswith("LLM_")}
    keep.update(DATA_DIR=str(data), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PYTHONIOENCODING="utf-8",
                OMP_NUM_THREADS="1", PYTHONPATH=str(ROOT))
    return keep


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    data = tmp_path_factory.mktemp("entry-points") / "data"
    with closing(KnowledgeBase(data, embedder)) as kb:
        for name in ("chess-tournament.txt", "harbour-tram.txt"):
            kb.collection("default").add(load_path(FIXTURES / name))
    return data


def run_with_reader_gone(data: Path, *command: str) -> tuple[int, str]:
    """Run `python COMMAND` with its stdout a pipe whose reader has already stopped reading
    (as `| head -1` does once it has its line): every write fails. Its exit code and stderr."""
    process = subprocess.Popen([sys.executable, *command], cwd=data.parent, env=env(data),
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    err = process.stderr.read().decode("utf-8")
    process.stderr.close()
    return process.wait(timeout=180), err


def test_bot_ask_into_a_closed_pipe_exits_quietly(library: Path) -> None:
    code, err = run_with_reader_gone(library, "-m", "bot", "ask", "Who won the Northfield Open?")
    assert (code, err) == (EXIT_BROKEN_PIPE, "")


@pytest.mark.parametrize("command", [("list",), ("search", "tram", "--mode", "keyword"), ("stats",)])
def test_index_commands_into_a_closed_pipe_exit_quietly(library: Path, command: tuple[str, ...]) -> None:
    code, err = run_with_reader_gone(library, "-m", "index", *command)
    assert (code, err) == (EXIT_BROKEN_PIPE, "")


def test_ctrl_c_while_the_console_starts_says_one_line(library: Path) -> None:
    done = subprocess.run([sys.executable, "-c", INTERRUPTED_IMPORT, "console"], cwd=library.parent,
                          env=env(library), stdin=subprocess.DEVNULL, capture_output=True, timeout=120, check=False,
                          preexec_fn=sigint_as_from_a_terminal)
    assert (done.returncode, done.stdout, done.stderr) == (EXIT_INTERRUPTED, b"", b"interrupted\n")
