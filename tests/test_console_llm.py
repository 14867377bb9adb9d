"""The console with an LLM: answers stream in with their markers hidden and are replaced by
the checked answer (issue 12, item 8); library logs stay out of the conversation (item 6)."""
from __future__ import annotations

import dataclasses
import io
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.answering import AnswerService
from bot.answering.citation_support import SupportChecker
from bot.answering.llm_answerer import LLMAnswerer
from bot.answering.llm_client import ChatClient, LLMSettings
from bot.brain import Brain
from bot.console import Console
from bot.console_stream import TerminalPreview
from bot.settings import Settings
from index.embedding import MiniLMEmbedder
from index.library import KnowledgeBase
from index.sources import Document, UrlFetcher
from tests.answer_checks import COLLECTION, build_library
from tests.conftest import FIXTURES
from tests.llm_servers import QUESTION, RENUMBERED, VALID_REPLY, FakeLLMServer, llm_server  # noqa: F401

pytestmark = pytest.mark.usefixtures("one_torch_thread")

ROOT = Path(__file__).resolve().parents[1]
Servers = Callable[..., FakeLLMServer]


class Recorder(io.StringIO):
    """A console output remembering each write."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[str] = []

    def write(self, text: str) -> int:
        self.writes.append(text)
        return super().write(text)


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory, embedder: MiniLMEmbedder,
       fixture_docs: list[Document]) -> Iterator[KnowledgeBase]:
    base = build_library(tmp_path_factory.mktemp("console-llm"), embedder, fixture_docs)
    yield base
    base.close()


def llm_brain(kb: KnowledgeBase, base_url: str) -> Brain:
    settings = dataclasses.replace(Settings.from_env({}, dotenv=None), data_dir=kb.data_dir, collection=COLLECTION)
    llm = LLMAnswerer(ChatClient(LLMSettings(base_url, "test-model")), SupportChecker(kb.embedder.embed))
    return Brain(settings, kb, AnswerService(kb, llm=llm), UrlFetcher())


def test_a_streaming_answer_is_previewed_without_markers_then_replaced(llm_server: Servers,
                                                                        kb: KnowledgeBase) -> None:
    server = llm_server("stream", VALID_REPLY, piece=6, delay=0.02)
    out = Recorder()
    console = Console(llm_brain(kb, server.base_url), COLLECTION, stdin=io.StringIO(), stdout=out, live=True)
    console.ask(QUESTION)
    erase = next(i for i, w in enumerate(out.writes) if "\x1b[J" in w)
    preview, answer = out.writes[:erase], "".join(out.writes[erase + 1:])
    assert len(preview) >= 5  # it arrived piece by piece
    shown = "".join(preview)
    assert "[" not in shown and "]" not in shown  # markers wait until they are checked
    assert shown == re.sub(r" \[\d\]", "", VALID_REPLY)
    assert " ".join(answer.split()).startswith(RENUMBERED)
    assert "Sources:" in answer and "[2] Volunteers restore Skerry Point lighthouse" in answer


def test_piped_output_gets_only_the_checked_answer(llm_server: Servers, kb: KnowledgeBase) -> None:
    server = llm_server("stream", VALID_REPLY)
    out = Recorder()
    Console(llm_brain(kb, server.base_url), COLLECTION, stdin=io.StringIO(), stdout=out).ask(QUESTION)
    assert "\x1b" not in out.getvalue() and " ".join(out.getvalue().split()).startswith(RENUMBERED)


def test_the_preview_erases_the_rows_it_took() -> None:
    out = io.StringIO()
    preview = TerminalPreview(out, width=10)
    for piece in ["Twenty-five chara", "cters here [1", "]\nand more"]:
        preview.on_delta(piece)
    assert out.getvalue() == "Twenty-five characters here\nand more"
    preview.clear()  # 27 characters on 3 rows of 10, then 1 row
    assert out.getvalue().endswith("\r\x1b[3F\x1b[J")


def test_the_console_keeps_library_logs_out_of_the_conversation(llm_server: Servers, tmp_path: Path) -> None:
    server = llm_server("error", status=401, error_body={"detail": "Invalid API key"})
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN" and not k.startswith("LLM_")}
    env.update(DATA_DIR=str(tmp_path / "data"), COLLECTION="logs", LOG_LEVEL="INFO", LLM_BASE_URL=server.base_url,
               LLM_MODEL="test-model", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", PYTHONIOENCODING="utf-8",
               OMP_NUM_THREADS="1", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "bot", "console"], cwd=tmp_path, env=env, capture_output=True,
                          timeout=180, check=False,
                          input=f"/add {FIXTURES / 'lighthouse.html'}\n{QUESTION}\n/quit\n".encode())
    out, err = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 0, err
    assert "97 cast-iron steps" in out and "HTTP 401: Invalid API key" in out  # the answer and its note
    for stream in (out, err):
        assert "HTTP Request" not in stream and "falling back" not in stream and "WARNING" not in stream
    log = (tmp_path / "data" / "console.log").read_text(encoding="utf-8")
    assert "LLM answer unusable, falling back to extractive: LLM server returned HTTP 401" in log
    assert QUESTION not in log
