"""`python -m bot console`: the bot in a terminal, with the abilities the Discord bot has."""
from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from typing import TextIO

from index.dates import date_window
from index.errors import KnowledgeBaseError
from index.feed_cli import feed_line
from index.inputs import describe, load_items, parse_article_id, parse_span
from index.plurals import counted

from .answering import Conversation
from .answering.digest import make_digest
from .brain import Brain
from .console_interrupts import signals_seen_while_waiting
from .console_stream import TerminalPreview
from .feed_desk import LibraryPoll
from .feed_thread import FeedThread
from .text_format import (TERMINAL_BOLD, format_answer, format_article, format_articles, format_digest, format_results,
                          format_span, format_stats)

HELP = """Type a question to ask it; follow-up questions continue the conversation.
  /ask QUESTION               ask (the same as typing the question)
  /add PATH|URL [--title T]   add an article (a file, a folder or a URL)
  /paste TITLE                add pasted text (end it with a line holding only a dot)
  /search WORDS [--since D] [--before D]   keyword search (dates: 2026-11-20, 7d, 2w)
  /articles                   the articles in the library (also /list)
  /article ID [FROM-TO]       show an article, or the text around a cited span (chars FROM-TO)
  /remove ID                  remove an article (an ID may be written #3)
  /subscribe URL              follow an RSS/Atom feed (or a page that announces one)
  /feeds                      the feeds followed, with their state
  /unsubscribe ID             stop following a feed (its articles stay)
  /digest [SINCE]             what was added or published since (default 7d)
  /stats                      counts and sizes
  /new                        start a new conversation
  /help, /quit                (help and quit work without the slash too)
Ctrl-C stops an answer that is being worked out; at the empty prompt it quits."""
BARE_COMMANDS = {"help": "/help", "quit": "/quit", "exit": "/quit"}
QUIT = {"/quit", "/exit"}
STOPPED = "(stopped)"


class Console:
    """A read-eval-print loop over the shared brain, for one collection."""

    def __init__(self, brain: Brain, collection: str, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout,
                 live: bool | None = None) -> None:
        self.brain = brain
        self.live = stdout.isatty() if live is None else live
        """Stream LLM answers as they arrive (on a terminal, by default)."""
        self.collection = collection
        self.stdin = stdin
        self.stdout = stdout
        self.conversation = Conversation()
        self.commands: dict[str, Callable[[str], None]] = {
            "ask": self.ask_command, "add": self.add, "paste": self.paste, "search": self.search,
            "list": self.list, "articles": self.list, "article": self.article, "remove": self.remove,
            "stats": self.stats, "new": self.new, "help": self.help,
            "subscribe": self.subscribe, "feeds": self.feeds, "unsubscribe": self.unsubscribe,
            "digest": self.digest,
        }
        self.poller: FeedThread | None = None

    def say(self, text: str) -> None:
        """Print to the console's output."""
        print(text, file=self.stdout, flush=True)

    def run(self) -> int:
        """Read lines until quit or end of input; Ctrl-C at the prompt ends it too, on a line
        of its own, while Ctrl-C during a command only stops that command."""
        self.brain.start_loading_model()
        self.say(f"Article bot, collection '{self.collection}'. /help lists the commands.")
        self.poller = FeedThread(self.brain.feeds, self._polled)
        self.poller.start()
        try:
            while True:
                line = self._read_line()
                if line is None:
                    return 0
                line = BARE_COMMANDS.get(line.strip().lower(), line.strip())
                if line.lower() in QUIT:
                    return 0
                self.handle_interruptible(line)
        except KeyboardInterrupt:
            self.say("")  # the shell's prompt starts on a line of its own
            return 130
        finally:
            self.poller.stop()

    def _read_line(self) -> str | None:
        """One line of input, None at its end; on a terminal with line editing and history.
        A Ctrl-C raises KeyboardInterrupt whenever it comes, even as the prompt appears."""
        if self.stdin is sys.stdin and self.stdout is sys.stdout and sys.stdin.isatty():
            import readline  # noqa: F401  (gives input() editing and history)

            try:
                with signals_seen_while_waiting():
                    return input("> ")
            except EOFError:  # Ctrl-D
                self.say("")
                return None
        self.stdout.write("> ")
        self.stdout.flush()
        with signals_seen_while_waiting():
            return self.stdin.readline() or None

    def handle_interruptible(self, line: str) -> None:
        """Run one line; a Ctrl-C meanwhile stops it (an answer being computed or streamed,
        an add) and the prompt comes back with the conversation as it was."""
        try:
            self.handle(line)
        except KeyboardInterrupt:
            # On a terminal, write over the "^C" it echoed (an LLM preview is erased already).
            self.say(("\r" if self.live else "") + STOPPED)

    def handle(self, line: str) -> None:
        """Run one line: a /command or a question; user errors print one line."""
        if not line:
            return
        try:
            if line.startswith("/"):
                name, _, rest = line[1:].partition(" ")
                command = self.commands.get(name.lower())
                if command is None:
                    self.say(f"unknown command /{name}; /help lists them")
                    return
                command(rest.strip())
            else:
                self.ask(line)
        except KnowledgeBaseError as error:
            self.say(f"error: {error}")

    def ask(self, question: str) -> None:
        """Answer with citations, remembering the turn for follow-ups; an LLM answer streams
        in first, markers hidden, and the checked answer replaces it."""
        if not self.brain.model_loaded:
            self.say("loading the model…")
        preview = TerminalPreview(self.stdout) if self.live and self.brain.answers.llm is not None else None
        try:
            answer = self.brain.answers.ask(self.collection, question, self.conversation,
                                            on_delta=preview.on_delta if preview else None)
        finally:
            if preview is not None:
                preview.clear()
        self.say(format_answer(answer))

    def ask_command(self, question: str) -> None:
        """/ask QUESTION: the same as typing the question."""
        if not question:
            self.say("usage: /ask QUESTION")
            return
        self.ask(question)

    def add(self, rest: str) -> None:
        """Add files, folders or URLs."""
        try:
            words = shlex.split(rest)
        except ValueError as error:  # e.g. an unbalanced quote: a typing mistake, not a crash
            self.say(f"error: {error}; usage: /add PATH|URL [--title T]")
            return
        title = None
        if "--title" in words:
            at = words.index("--title")
            title = " ".join(words[at + 1:]) or None
            words = words[:at]
        if not words:
            self.say("usage: /add PATH|URL [--title T]")
            return
        library = self.brain.kb.collection(self.collection)
        for label, doc in load_items(words, self.brain.fetcher, title):
            if isinstance(doc, KnowledgeBaseError):
                self.say(f"error: {describe(label, doc)}")
                continue
            result = library.add(doc)
            self.say(result.summary())

    def paste(self, title: str) -> None:
        """Read pasted text up to a line holding only '.'."""
        from index.sources import from_text

        self.say("Paste the article; end with a line holding only a dot.")
        lines = []
        with signals_seen_while_waiting():
            for line in iter(self.stdin.readline, ""):
                if line.rstrip("\n") == ".":
                    break
                lines.append(line)
        result = self.brain.kb.collection(self.collection).add(from_text("".join(lines), title or None))
        self.say(result.summary())

    def search(self, rest: str) -> None:
        """Keyword search, optionally within --since/--before."""
        words, options = _options(rest, ("--since", "--before"))
        if not words:
            self.say("usage: /search WORDS [--since D] [--before D]")
            return
        window = date_window(options.get("--since"), options.get("--before"))
        library = self.brain.kb.collection(self.collection)
        bold = TERMINAL_BOLD if self.stdout.isatty() else ("**", "**")
        self.say(format_results(library.search(" ".join(words), "keyword", 5, window), bold=bold))

    def subscribe(self, rest: str) -> None:
        """Follow a feed, then check it at once."""
        if not rest:
            self.say("usage: /subscribe URL")
            return
        feed, created = self.brain.feeds.subscribe(self.collection, rest.strip())
        self.say(f"{'following' if created else 'already following'}: {feed_line(feed)}")
        if self.poller is not None:
            self.poller.wake()
        else:
            for done in self.brain.feeds.poll_due():
                self._polled(done)

    def _polled(self, done: LibraryPoll) -> None:
        """Say what a poll of this console's library added, and what failed."""
        if done.collection != self.collection:
            return
        for report in done.reports:
            for event in report.events:
                self.say(f"[feed #{event.feed_id}] {event.status}: #{event.article_id} {event.title}")
            for skipped in report.skipped:
                self.say(f"[feed #{report.feed.id}] skipped: {skipped}")
            if report.error:
                self.say(f"[feed #{report.feed.id}] error: {report.error}")
        if done.pruned:
            self.say(f"[retention] pruned {counted(done.pruned, 'old article')}")

    def feeds(self, _: str) -> None:
        """The subscriptions with their state."""
        feeds = self.brain.feeds.feeds(self.collection)
        self.say("\n".join(feed_line(f) for f in feeds) or "no feeds; /subscribe URL follows one")

    def unsubscribe(self, rest: str) -> None:
        """Stop following a feed."""
        if not rest.strip().isdigit():
            self.say("usage: /unsubscribe ID")
            return
        feed = self.brain.feeds.unsubscribe(self.collection, int(rest))
        self.say(f"unsubscribed: feed #{feed.id} {feed.title or feed.url} (its articles stay)")

    def digest(self, rest: str) -> None:
        """What was added or published since a date (default: the last 7 days)."""
        window = date_window(rest.strip() or "7d", None)
        self.say(format_digest(make_digest(self.brain.answers, self.collection, window)))

    def list(self, _: str) -> None:
        """List articles."""
        self.say(format_articles(self.brain.kb.collection(self.collection).articles()))

    def article(self, rest: str) -> None:
        """Show an article, or with FROM-TO the text around that span (a citation's chars)."""
        words = rest.split()
        article_id = parse_article_id(words[0]) if words else None
        span = parse_span(words[1]) if len(words) == 2 else None
        if article_id is None or len(words) > 2 or (len(words) == 2 and span is None):
            self.say("usage: /article ID [FROM-TO]   e.g. /article #3, or /article #3 120-340 for a cited span")
            return
        found = self.brain.kb.collection(self.collection).article(article_id)
        self.say(format_article(found) if span is None else format_span(found, *span))

    def remove(self, rest: str) -> None:
        """Remove an article by id."""
        article_id = parse_article_id(rest)
        if article_id is None:
            self.say("usage: /remove ID")
            return
        info = self.brain.kb.collection(self.collection).remove(article_id)
        self.say(f"removed: #{info.id} {info.title}")

    def stats(self, _: str) -> None:
        """Counts and sizes, naming the library."""
        self.say(format_stats(self.brain.kb.collection(self.collection).stats()))

    def new(self, _: str) -> None:
        """Forget the conversation."""
        self.conversation.clear()
        self.say("New conversation.")

    def help(self, _: str) -> None:
        """Show the commands."""
        self.say(HELP)


def _options(rest: str, names: tuple[str, ...]) -> tuple[list[str], dict[str, str]]:
    """Split `words --name value` into the words and the named values."""
    words, options = [], {}
    parts = rest.split()
    i = 0
    while i < len(parts):
        if parts[i] in names and i + 1 < len(parts):
            options[parts[i]] = parts[i + 1]
            i += 2
            continue
        words.append(parts[i])
        i += 1
    return words, options
