"""The console and `bot ask` on a real terminal (a pseudo-terminal): the model loads with a
sign of life, and Ctrl-C leaves the shell's prompt on a line of its own."""
from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from index.embedding import Embedder
from index.library import KnowledgeBase
from index.sources import load_path
from tests.conftest import FIXTURES
from tests.llm_servers import FakeLLMServer, llm_server  # noqa: F401 (a fixture)
from tests.signals import sigint_as_from_a_terminal

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


class Terminal:
    """`python -m bot ARGS` (or `python RUN... ARGS`) with stdin, stdout and stderr on one pseudo-terminal."""

    def __init__(self, data: Path, *args: str, run: tuple[str, ...] = ("-m", "bot"),
                 settings: dict[str, str] | None = None) -> None:
        env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN" and not k.startswith("LLM_")}
        env.update(DATA_DIR=str(data), COLLECTION="tty", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
                   PYTHONPATH=str(ROOT), TERM="dumb", PYTHONIOENCODING="utf-8", **(settings or {}))
        self.master, replica = pty.openpty()
        self.process = subprocess.Popen([sys.executable, *run, *args], cwd=data.parent, env=env,
                                        stdin=replica, stdout=replica, stderr=replica, start_new_session=True,
                                        preexec_fn=sigint_as_from_a_terminal)
        os.close(replica)
        self.seen = b""

    def read_until(self, done: Callable[[str], bool], timeout: float) -> str:
        """Everything shown so far, once `done` holds for it (or the process ended)."""
        deadline = time.monotonic() + timeout
        while not done(self.text) and time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    self.seen += os.read(self.master, 65536)
                except OSError:  # the process ended and closed its side
                    break
            elif self.process.poll() is not None:
                break
        return self.text

    @property
    def text(self) -> str:
        return self.seen.decode("utf-8", errors="replace").replace("\r\n", "\n")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        os.close(self.master)


@pytest.fixture
def library(tmp_path: Path, embedder: Embedder) -> Path:
    data = tmp_path / "data"
    kb = KnowledgeBase(data, embedder)
    kb.collection("tty").add(load_path(FIXTURES / "chess-tournament.txt"))
    kb.close()
    return data


def test_bot_ask_on_a_terminal_says_the_model_is_loading(library: Path) -> None:
    term = Terminal(library, "ask", "Who won the Northfield Open?")
    try:
        shown = term.read_until(lambda t: "Sources:" in t, 120)
        assert term.process.wait(timeout=30) == 0, shown
    finally:
        term.close()
    assert shown.startswith("loading the model…\n") and "Amara Lindqvist" in shown


def test_ctrl_c_in_the_console_leaves_a_newline(library: Path) -> None:
    term = Terminal(library, "console")
    try:
        term.read_until(lambda t: "> " in t, 60)
        # A first answer: the model is loaded, so the exit below need not wait for its load
        # (a busy machine may take longer to load it than this test should wait).
        os.write(term.master, b"Who won the Northfield Open?\n")
        term.read_until(lambda t: "Sources:" in t and t.endswith("> "), 180)
        os.killpg(term.process.pid, signal.SIGINT)  # what the terminal sends for Ctrl-C
        code = term.process.wait(timeout=60)
        shown = term.read_until(lambda t: False, 1)
    finally:
        term.close()
    assert code == 130 and "Traceback" not in shown
    assert shown.endswith("> \n"), repr(shown[-40:])


def test_ctrl_c_during_an_answer_stops_it_and_keeps_the_conversation(
        library: Path, llm_server: Callable[..., FakeLLMServer]) -> None:
    """Ctrl-C while an LLM answer streams in: the preview goes, "(stopped)" is said, the
    prompt comes back, and the next question still follows up on the one answered before."""
    server = llm_server("stream", "Amara Lindqvist won the Northfield Open [1].", piece=8)
    term = Terminal(library, "console", settings={"LLM_BASE_URL": server.base_url, "LLM_MODEL": "test-model",
                                                  "LLM_TIMEOUT": "300"})
    try:
        term.read_until(lambda t: "> " in t, 60)
        os.write(term.master, b"Who won the Northfield Open?\n")
        first = term.read_until(lambda t: "Sources:" in t and t.endswith("> "), 180)
        server.mode, server.interval = "trickle", 0.05  # streams "more " until the client leaves
        os.write(term.master, b"How many rounds did it have?\n")
        term.read_until(lambda t: t[len(first):].count("more") >= 3, 120)
        os.killpg(term.process.pid, signal.SIGINT)
        stopped = term.read_until(lambda t: t.endswith("(stopped)\n> "), 60)
        assert term.process.poll() is None, stopped[-300:]
        server.mode = "stream"
        os.write(term.master, b"Who organised it?\n")
        term.read_until(lambda t: t[len(stopped):].count("Sources:") == 1 and t.endswith("> "), 180)
        os.write(term.master, b"quit\n")
        code = term.process.wait(timeout=60)
        shown = term.read_until(lambda t: False, 1)
    finally:
        term.close()
    assert code == 0 and "Traceback" not in shown, shown[-500:]
    interrupted = stopped[len(first):]
    assert "\x1b[J" in interrupted and interrupted.endswith("\r(stopped)\n> "), repr(interrupted[-80:])
    assert server.disconnects  # the stream was closed, not left to run
    questions = [[m["content"] for m in r.messages if m["role"] == "user"] for r in server.requests]
    assert len(questions) == 3
    assert questions[2][0] == "Who won the Northfield Open?"  # the answered turn, kept
    assert len(questions[2]) == 2 and "How many rounds" not in server.requests[2].prompt  # the stopped one, not


# `python -m bot ARGS` whose main thread never receives SIGINT: a thread started first
# takes it. The signal is then noted while the main thread's wait for a line goes on,
# as when Ctrl-C lands between input() showing its prompt and starting to wait.
SIGINT_ELSEWHERE = """
import signal, sys, threading
from bot.cli import main
threading.Thread(target=threading.Event().wait, name="takes SIGINT", daemon=True).start()
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
sys.exit(main(sys.argv[1:]))
"""


def test_ctrl_c_noted_outside_the_wait_at_the_prompt_still_ends_the_console(library: Path) -> None:
    """A Ctrl-C the wait at the prompt was not interrupted by still ends the console, at
    once and on a line of its own (it used to wait for the next Enter)."""
    term = Terminal(library, "console", run=("-c", SIGINT_ELSEWHERE))
    try:
        term.read_until(lambda t: "> " in t, 60)
        os.write(term.master, b"Who won the Northfield Open?\n")  # the model loaded: the exit need not wait for it
        term.read_until(lambda t: "Sources:" in t and t.endswith("> "), 180)
        os.killpg(term.process.pid, signal.SIGINT)
        code = term.process.wait(timeout=60)
        shown = term.read_until(lambda t: False, 1)
    finally:
        term.close()
    assert code == 130 and "Traceback" not in shown
    assert shown.endswith("> \n"), repr(shown[-40:])


def test_quitting_while_the_model_loads_in_the_background_exits_cleanly(library: Path) -> None:
    """`quit` (or Ctrl-C) right after start, while the model is still loading on another
    thread: the process waits for the load to end, then exits 0 (it used to abort or hang
    as the runtime was torn down under the loading thread)."""
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN" and not k.startswith("LLM_")}
    env.update(DATA_DIR=str(library), COLLECTION="tty", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               PYTHONPATH=str(ROOT))
    for _ in range(4):
        done = subprocess.run([sys.executable, "-m", "bot", "console"], cwd=library.parent, env=env, input=b"quit\n",
                              capture_output=True, timeout=120, check=False)
        assert done.returncode == 0 and b"Fatal Python error" not in done.stderr, done.stderr.decode()[-500:]
