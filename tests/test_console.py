"""The terminal console: scripted sessions over a real brain (real model, SQLite and
FAISS), and `python -m bot console` once as a subprocess with its stdin piped."""
from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.answering import AnswerService
from bot.answering.abstention import NOT_FOUND
from bot.brain import Brain
from bot.console import Console
from bot.settings import Settings
from index.embedding import MiniLMEmbedder
from index.library import KnowledgeBase
from index.sources import UrlFetcher, load_path
from tests.conftest import FIXTURES

pytestmark = pytest.mark.usefixtures("one_torch_thread")

ROOT = Path(__file__).resolve().parents[1]
TRAM = FIXTURES / "harbour-tram.txt"
CHESS = FIXTURES / "chess-tournament.txt"


@pytest.fixture(scope="module", autouse=True)
def console_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """`python -m bot console` with its stdin piped, started first so that it loads the
    model while the in-process tests run; `test_the_console_entry_point` reads its output."""
    cwd = tmp_path_factory.mktemp("console-process")  # no .env here
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN" and not k.startswith("LLM_")}
    env.update(DATA_DIR=str(cwd / "data"), COLLECTION="piped", HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               PYTHONIOENCODING="utf-8", OMP_NUM_THREADS="1", PYTHONPATH=str(ROOT))
    # Output to files, so that nothing blocks on a full pipe while no test reads it.
    with (cwd / "out").open("wb") as out, (cwd / "err").open("wb") as err:
        process = subprocess.Popen([sys.executable, "-m", "bot", "console"], cwd=cwd, env=env,
                                   stdin=subprocess.PIPE, stdout=out, stderr=err)
    assert process.stdin is not None
    process.stdin.write(f"/add {CHESS}\nWho won the Northfield Open?\n/stats\n/quit\n/list\n".encode())
    process.stdin.close()
    yield process, cwd
    if process.poll() is None:
        process.kill()
    process.wait()


class _Pages(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:  # the name http.server calls
        body = (FIXTURES / "lighthouse.html").read_bytes()
        self.send_response(200 if self.path == "/lighthouse.html" else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def page_url() -> Iterator[str]:
    """The lighthouse article served on 127.0.0.1."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/lighthouse.html"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def brain(tmp_path_factory: pytest.TempPathFactory, embedder: MiniLMEmbedder) -> Iterator[Brain]:
    data = tmp_path_factory.mktemp("console") / "data"
    kb = KnowledgeBase(data, embedder)
    settings = dataclasses.replace(Settings.from_env({}, dotenv=None), data_dir=data)
    yield Brain(settings, kb, AnswerService(kb), UrlFetcher(allow_hosts=["127.0.0.1"]))
    kb.close()


def session(brain: Brain, collection: str, *lines: str) -> tuple[Console, list[str]]:
    """Run the console over `lines`; return it and what it printed after each prompt."""
    out = io.StringIO()
    console = Console(brain, collection, stdin=io.StringIO("".join(f"{line}\n" for line in lines)), stdout=out)
    assert console.run() == 0
    # A prompt opens a line, or follows a prompt directly when a line printed nothing.
    banner, *replies = re.split(r"(?m)(?:^|(?<=^> ))> ", out.getvalue())
    assert banner == f"Article bot, collection '{collection}'. /help lists the commands.\n"
    return console, [reply.rstrip("\n") for reply in replies]


def test_add_ask_follow_up_search_list_stats(brain: Brain, page_url: str) -> None:
    console, replies = session(
        brain, "main",
        f"/add {TRAM}",
        f"/add {TRAM}",
        f"/add {page_url}",
        "How much did the tram construction cost?",
        "When was the Skerry Point lighthouse built?",
        "When will it open to the public?",
        "/search tram line",
        "/list",
        "/stats",
        "/quit",
        "this line is never read",
    )
    (added, unchanged, from_url, cost, built, follow_up, search, listing, stats, *rest) = replies
    assert added == "added: #1 Harbour city opens its first tram line in forty years (4 chunks)"
    assert unchanged == "unchanged: #1 Harbour city opens its first tram line in forty years (4 chunks)"
    assert re.fullmatch(r"added: #2 Volunteers restore Skerry Point lighthouse \(\d+ chunks\)", from_url)
    assert rest == [""]  # the prompt before /quit; nothing after it ran

    assert "412 million euros" in cost.split("\n\nSources:\n")[0]
    assert re.search(r"\n\nSources:\n\[1\] Harbour city opens its first tram line in forty years · 3 March 2026 "
                     r"\(\d+ (months|years?) ago\) \(article #1, chars 525-596\)", cost)
    assert "1871" in built
    answer, _, sources = follow_up.partition("\n\nSources:\n")
    assert "June" in answer and "1871" not in answer
    assert re.match(r"\[1\] Volunteers restore Skerry Point lighthouse · news.example.org · 19 May 2026 "
                    r"\(\d+ (months|years?) ago\) \(article #2", sources)
    assert "<https://news.example.org/2026/05/skerry-point-lighthouse>" in sources
    assert [t.question for t in console.conversation.turns] == [
        "How much did the tram construction cost?", "When was the Skerry Point lighthouse built?",
        "When will it open to the public?"]

    assert search.startswith("1. Harbour city opens its first tram line in forty years (article #1)")
    assert "**tram**" in search and "**line**" in search
    assert listing.splitlines() == [
        "#1 Harbour city opens its first tram line in forty years (4 chunks)",
        (f"#2 Volunteers restore Skerry Point lighthouse ({from_url.split('(')[1].split()[0]} chunks, "
         "https://news.example.org/2026/05/skerry-point-lighthouse)")]
    assert re.fullmatch(r"library 'main': 2 articles, (\d+) chunks, \1 vectors "
                        r"\(sentence-transformers/all-MiniLM-L6-v2\)", stats)


def test_remove_new_paste_and_mistakes(brain: Brain) -> None:
    console, replies = session(
        brain, "edits",
        f"/add {TRAM}",
        "Who cut the ribbon at the tram opening?",
        "/new",
        "/remove 1",
        "Who cut the ribbon at the tram opening?",
        "/remove 1",
        "/remove abc",
        "/paste Allotment news",
        "The town allotments have a waiting list of 212 households.",
        "The council will open a second site by the reservoir next year, with forty new plots.",
        ".",
        "How many households are on the allotment waiting list?",
        "/paste",
        ".",
        "/frobnicate now",
        "/add",
        '/add "unbalanced quote',
        "/add no/such/file.txt",
        "",
        "/help",
        "/list",
    )  # ends without /quit: end of input ends the session
    (added, ribbon, new, removed, gone, again, bad_id, pasted, households, empty_paste, unknown, no_path,
     unbalanced, missing, blank, shown_help, listing, eof) = replies
    assert added.startswith("added: #1 ")
    assert "Ines Calloway" in ribbon
    assert new == "New conversation."
    assert removed == "removed: #1 Harbour city opens its first tram line in forty years"
    assert gone.startswith(NOT_FOUND) and "Sources:" not in gone
    assert again == "error: no article with id 1 in this library"
    assert bad_id == "usage: /remove ID"
    prompt, _, pasted = pasted.partition("\n")
    assert prompt == "Paste the article; end with a line holding only a dot."
    pasted_id = re.fullmatch(r"added: #(\d+) Allotment news \(1 chunk\)", pasted).group(1)  # type: ignore[union-attr]
    assert "212 households" in households and f"[1] Allotment news (article #{pasted_id}," in households
    assert empty_paste == ("Paste the article; end with a line holding only a dot.\n"
                           "error: empty input: pasted has no text")
    assert unknown == "unknown command /frobnicate; /help lists them"
    assert no_path == "usage: /add PATH|URL [--title T]"
    assert unbalanced.startswith("error: ") and "\n" not in unbalanced
    assert missing == "error: no such file: no/such/file.txt"  # the file named once
    assert blank == ""
    assert "/add PATH|URL" in shown_help and "/quit" in shown_help
    assert listing == f"#{pasted_id} Allotment news (1 chunk)"
    assert eof == ""
    # /new forgot the ribbon question; the later questions are the conversation now.
    assert [t.question for t in console.conversation.turns] == [
        "Who cut the ribbon at the tram opening?", "How many households are on the allotment waiting list?"]


def test_add_with_a_title_and_an_empty_library(brain: Brain) -> None:
    _, replies = session(brain, "titled", "/list", "Who won the Northfield Open?", f"/add {CHESS} --title My chess",
                         "/list", "/quit")
    empty, nothing, added, listing, _ = replies
    assert empty == "The library is empty: add an article first."
    assert nothing == NOT_FOUND + " The library has no articles yet."
    assert added == "added: #1 My chess (3 chunks)"
    assert listing == "#1 My chess (3 chunks)"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_search_on_a_terminal_shows_its_matches_in_bold(brain: Brain) -> None:
    """On a terminal the snippets' matches are bold, not wrapped in Markdown's asterisks."""
    out = _Terminal()
    console = Console(brain, "bold", stdin=io.StringIO(f"/add {CHESS}\n/search chess\nquit\n"), stdout=out,
                      live=False)
    assert console.run() == 0
    printed = out.getvalue()
    assert "\033[1m" in printed and "\033[0m" in printed and "**" not in printed


def test_the_console_entry_point(console_process: tuple[subprocess.Popen[bytes], Path]) -> None:
    process, folder = console_process
    process.wait(timeout=180)
    text = (folder / "out").read_text(encoding="utf-8")
    errors = (folder / "err").read_text(encoding="utf-8")
    assert process.returncode == 0, errors
    assert "Traceback" not in errors
    banner, added, answer, stats, quit_prompt = re.split(r"(?m)^> ", text)
    assert banner == "Article bot, collection 'piped'. /help lists the commands.\n"
    assert added.strip() == "added: #1 Teenager wins the Northfield open chess tournament (3 chunks)"
    assert "Amara Lindqvist" in answer
    assert "\nSources:\n[1] Teenager wins the Northfield open chess tournament" in answer
    assert stats.startswith("library 'piped': 1 article, 3 chunks, 3 vectors")
    assert quit_prompt == ""  # /quit ended it; the /list after it never ran


def test_parity_with_discord_ask_articles_article_and_bare_help_quit(brain: Brain) -> None:
    """/ask, /articles, /article ID (#ID too) with a cited span's surroundings, /search
    usage and title-only matches, `help` and `quit` without the slash."""
    _, replies = session(
        brain, "parity",
        f"/add {TRAM}",
        "/ask",
        "/ask How much did the tram construction cost?",
        "/articles",
        "/article #1",
        "/article 1 525-596",
        "/article #1 600-500",
        "/article seven",
        "/search",
        "/search harbour city",
        "/search opens",
        "/remove #99",
        "help",
        "quit",
        "How much did the tram construction cost?",
    )
    (added, ask_usage, cost, articles, article, span, bad_span, bad_id, search_usage, searched, title_only,
     remove_hash, shown_help, after_quit) = replies
    assert added.startswith("added: #1 Harbour city")
    assert ask_usage == "usage: /ask QUESTION"
    assert "412 million euros" in cost and "(article #1, chars 525-596)" in cost
    assert articles == "#1 Harbour city opens its first tram line in forty years (4 chunks)"
    lines = article.splitlines()
    assert lines[0] == "#1 Harbour city opens its first tram line in forty years"
    assert lines[1] == f"from: {TRAM}"
    text = TRAM.read_text(encoding="utf-8")
    assert "412 million euros" in article and len(article) > len(text) * 0.9  # the whole text
    cited = brain.kb.collection("parity").article(1).text[525:596]
    assert span.startswith("#1 Harbour city opens its first tram line in forty years, chars 525-596:\n")
    assert f"»{' '.join(cited.split())}«" in " ".join(span.split())
    assert bad_span.startswith("usage: /article ID [FROM-TO]") and bad_id.startswith("usage: /article ID")
    assert search_usage == "usage: /search WORDS [--since D] [--before D]"
    assert "**harbour**" in searched.lower()
    assert title_only.startswith("1. Harbour city opens its first tram line in forty years (article #1)")
    assert "(the title matched)" in title_only
    assert remove_hash == "error: no article with id 99 in this library"
    assert "/ask QUESTION" in shown_help and "/article ID" in shown_help
    assert after_quit == ""  # `quit` ended the session: the question after it was never read


def test_the_first_question_says_the_model_is_loading(tmp_path: Path, embedder: MiniLMEmbedder) -> None:
    """A question asked while the model still loads in the background says so at once."""
    from index.embedding import DEFAULT_RUNTIME, lazy_embedder

    data = tmp_path / "data"
    with contextlib.closing(KnowledgeBase(data, embedder)) as ready:
        ready.collection("loading").add(load_path(CHESS))
    kb = KnowledgeBase(data, lazy_embedder(DEFAULT_RUNTIME))
    fresh = Brain(dataclasses.replace(Settings.from_env({}, dotenv=None), data_dir=data), kb, AnswerService(kb),
                  UrlFetcher())
    try:
        assert not fresh.model_loaded
        _, (first, second, _) = session(fresh, "loading", "Who won the Northfield Open?",
                                        "Who won the Northfield Open?", "/quit")
    finally:
        kb.close()
    assert first.startswith("loading the model…\n") and "Amara Lindqvist" in first
    assert not second.startswith("loading") and "Amara Lindqvist" in second
