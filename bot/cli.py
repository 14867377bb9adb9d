"""`python -m bot`: ask (one question or a file of them), console, run (Discord), feedback, start."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import replace
from pathlib import Path

from index.dates import date_window
from index.errors import InputError, KnowledgeBaseError
from index.library import guild_collection
from index.plurals import counted

from .brain import Brain, build_brain
from .settings import Settings, SettingsError
from .text_format import format_answer, format_digest

CONSOLE_LOG = "console.log"
NO_TOKEN = ("DISCORD_TOKEN is not set: put it in the environment or in .env (see .env.example), "
            "or try the bot in a terminal with `python -m bot console`.")


def build_parser() -> argparse.ArgumentParser:
    """Every command and its options."""
    parser = argparse.ArgumentParser(prog="python -m bot", description="Answers questions about your articles.")
    commands = parser.add_subparsers(dest="command", required=True)

    def library_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data-dir", type=Path, help="where the collections live (default: DATA_DIR or ./data)")
        p.add_argument("--collection", help="which collection (default: COLLECTION or 'default')")
        p.add_argument("--guild", type=int, metavar="ID",
                       help="the Discord server's library (the bot keeps one per server, as guild-ID)")

    ask = commands.add_parser("ask", help="answer a question with citations")
    library_options(ask)
    ask.add_argument("question", nargs="?", default="")
    ask.add_argument("--questions", type=Path, help="one question per line; one JSON object per line")
    ask.add_argument("--since", help="only articles dated on or after this (2026-11-20, 7d, 2w)")
    ask.add_argument("--before", help="only articles dated before this (2026-11-20, 7d, 2w)")
    ask.add_argument("--json", action="store_true")
    digest = commands.add_parser("digest", help="what was added or published in a window, with cited leads")
    library_options(digest)
    digest.add_argument("--since", default="7d", help="start of the window (default 7d)")
    digest.add_argument("--before", help="end of the window")
    digest.add_argument("--json", action="store_true")
    console = commands.add_parser("console", help="chat with the bot in this terminal")
    library_options(console)
    commands.add_parser("run", help="start the Discord bot (needs DISCORD_TOKEN)")
    commands.add_parser("start", help="the Discord bot when DISCORD_TOKEN is set, else the console")
    feedback = commands.add_parser("feedback", help="export readers' 👍/👎 on answers")
    library_options(feedback)
    feedback.add_argument("--export", type=Path, required=True, help="JSONL file to write")
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings.from_env()
    if getattr(args, "data_dir", None):
        settings = replace(settings, data_dir=args.data_dir)
    if getattr(args, "collection", None):
        settings = replace(settings, collection=args.collection)
    if getattr(args, "guild", None) is not None:
        settings = replace(settings, collection=guild_collection(args.guild))
    return settings


def cmd_ask(brain: Brain, args: argparse.Namespace) -> int:
    """Answer one question, or each line of --questions; on a terminal, say so while the
    model loads (it takes seconds) instead of pausing without a sign of life."""
    collection = brain.settings.collection
    brain.start_loading_model()
    if not brain.model_loaded and sys.stderr.isatty():
        print("loading the model…", file=sys.stderr, flush=True)
    window = date_window(args.since, args.before)
    if args.questions:
        try:
            questions = [q for q in args.questions.read_text(encoding="utf-8").splitlines() if q.strip()]
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"cannot read {args.questions}: {error}") from error
        for question in questions:
            answer = brain.answers.ask(collection, question, window=window)
            print(json.dumps(answer.to_json(), ensure_ascii=False) if args.json else format_answer(answer) + "\n",
                  flush=True)
        return 0
    if not args.question.strip():
        raise InputError("ask needs a question (or --questions FILE)")
    answer = brain.answers.ask(collection, args.question, window=window)
    print(json.dumps(answer.to_json(), ensure_ascii=False) if args.json else format_answer(answer))
    return 0


def cmd_digest(brain: Brain, args: argparse.Namespace) -> int:
    """Print the digest of the window (one JSON object with --json)."""
    from .answering.digest import make_digest

    digest = make_digest(brain.answers, brain.settings.collection, date_window(args.since, args.before))
    print(json.dumps(digest.to_json(), ensure_ascii=False) if args.json else format_digest(digest))
    return 0


def cmd_feedback(brain: Brain, args: argparse.Namespace) -> int:
    """Write readers' verdicts out as JSONL."""
    from .feedback_export import export_feedback

    count = export_feedback(brain.kb, args.export, args.collection)
    print(f"wrote {counted(count, 'feedback row')} to {args.export}")
    return 0


def cmd_console(brain: Brain, args: argparse.Namespace) -> int:
    """Chat in this terminal."""
    from .console import Console

    return Console(brain, brain.settings.collection).run()


def cmd_run(brain: Brain, args: argparse.Namespace) -> int:
    """Start the Discord bot, or say in one line how to give it a token."""
    if not brain.settings.discord_token:
        print(NO_TOKEN, file=sys.stderr)
        return 2
    from .discord_front.runner import run_discord

    brain.start_loading_model()  # while the bot logs in
    return run_discord(brain)


def cmd_start(brain: Brain, args: argparse.Namespace) -> int:
    """The Discord bot when a token is set, else the console."""
    return cmd_run(brain, args) if brain.settings.discord_token else cmd_console(brain, args)


COMMANDS = {"ask": cmd_ask, "digest": cmd_digest, "console": cmd_console, "run": cmd_run, "start": cmd_start,
            "feedback": cmd_feedback}


def configure_logging(settings: Settings, console: bool) -> None:
    """Log at LOG_LEVEL to stderr; for the console, whose conversation is on the terminal,
    to `DATA_DIR/console.log` instead, with only errors on stderr."""
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    root = logging.getLogger()
    root.setLevel(settings.log_level)
    for old in [h for h in root.handlers if getattr(h, "bot_cli", False)]:  # main() run again in one process
        root.removeHandler(old)
        old.close()
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if console:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        handlers[0].setLevel(logging.ERROR)
        handlers.append(logging.FileHandler(settings.data_dir / CONSOLE_LOG, encoding="utf-8"))
    for handler in handlers:
        handler.setFormatter(fmt)
        handler.bot_cli = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    # Model loading chatter and a line per HTTP request (httpx logs each at INFO) are not news to a user.
    for name in ("sentence_transformers", "httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    """Run one command; user mistakes print one line on stderr and return non-zero."""
    args = build_parser().parse_args(argv)
    try:
        settings = _settings(args)
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    console = args.command == "console" or (args.command == "start" and not settings.discord_token)
    configure_logging(settings, console)
    brain = build_brain(settings)
    try:
        return COMMANDS[args.command](brain, args)
    except KnowledgeBaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C: leave the terminal on a fresh line
        print(file=sys.stderr)
        return 130
    finally:
        brain.close()
