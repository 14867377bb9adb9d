"""`python -m index`: the knowledge base's command line (a contract other tools rely on)."""
from __future__ import annotations

import argparse
import json
from dataclasses import asdict
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from .embedding import lazy_embedder, runtime_from_env
from .errors import InputError, KnowledgeBaseError
from .inputs import Loaded, describe, load_items, load_jsonl, parse_article_id
from .library import KnowledgeBase, guild_collection
from .plurals import counted
from .records import SEARCH_MODES, SearchResult
from .sources import Document, UrlFetcher
from .copying import copy_collections
from .dates import date_window
from .feed_cli import add_feed_commands, cmd_feed
from .store.backends import SQLiteBackend, backend_from_env, is_postgres_url, open_backend
from .store.backup import backup as backup_databases
from .store.backup import restore as restore_databases


def _article_id(text: str) -> int:
    found = parse_article_id(text)
    if found is None:
        raise argparse.ArgumentTypeError(f"not an article id: {text!r} (write 3 or #3)")
    return found


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = argparse.ArgumentParser(prog="python -m index", description="Add, search and manage articles.")
    parser.add_argument("--data-dir", type=Path, default=Path(os.environ.get("DATA_DIR", "").strip() or "data"))
    parser.add_argument("--collection", default=os.environ.get("COLLECTION", "").strip() or "default")
    parser.add_argument("--guild", type=int, metavar="ID",
                        help="the Discord server's library (collection guild-ID) instead of --collection")
    commands = parser.add_subparsers(dest="command", required=True)

    add = commands.add_parser("add", help="add articles from files, folders, URLs or stdin (-)")
    add.add_argument("items", nargs="*", metavar="PATH|URL|-")
    add.add_argument("--title")
    add.add_argument("--jsonl", type=Path, help="one article per line: {text|path|url, title, url, date}")
    add.add_argument("--json", action="store_true")

    search = commands.add_parser("search", help="search the collection")
    search.add_argument("query", nargs="?", default="")
    search.add_argument("--mode", choices=SEARCH_MODES, default="hybrid")
    search.add_argument("-k", type=int, default=5)
    search.add_argument("--queries", type=Path, help="one query per line; prints one JSON list per line")
    search.add_argument("--since", help="only articles dated on or after this (2026-11-20, 7d, 2w)")
    search.add_argument("--before", help="only articles dated before this (2026-11-20, 7d, 2w)")
    search.add_argument("--json", action="store_true")

    listing = commands.add_parser("list", help="list articles")
    listing.add_argument("--json", action="store_true")
    remove = commands.add_parser("remove", help="remove an article")
    remove.add_argument("article_id", type=_article_id, metavar="ID", help="3 or #3")
    stats = commands.add_parser("stats", help="counts and sizes")
    stats.add_argument("--json", action="store_true")
    rebuild = commands.add_parser("rebuild", help="rebuild the FAISS index from SQLite")
    rebuild.add_argument("--reembed", action="store_true", help="re-embed every article with the current model")
    backup = commands.add_parser("backup", help="copy every collection's database to a new folder (safe while running)")
    backup.add_argument("dest", type=Path, metavar="DEST")
    restore = commands.add_parser("restore", help="restore a backup into the data folder")
    restore.add_argument("source", type=Path, metavar="BACKUP")
    restore.add_argument("--replace", action="store_true", help="overwrite collections that already exist")
    add_feed_commands(commands.add_parser("feed", help="follow RSS/Atom feeds: add, list, remove, poll"))
    migrate = commands.add_parser("migrate", help="copy every collection of --data-dir into PostgreSQL")
    migrate.add_argument("--to", required=True, metavar="postgresql://...", help="the target database's URL")
    migrate.add_argument("--json", action="store_true")
    return parser


def make_fetcher() -> UrlFetcher:
    """The URL fetcher; FETCH_ALLOW_HOSTS (for tests on 127.0.0.1 only) widens its allow-list."""
    allowed = [h.strip() for h in os.environ.get("FETCH_ALLOW_HOSTS", "").split(",") if h.strip()]
    return UrlFetcher(allow_hosts=allowed)


def _progress_bar(total: int) -> Callable[[int], None]:
    """A bar on stderr for the chunks being embedded (only on a terminal)."""
    if not sys.stderr.isatty():
        return lambda done: None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="chunk", desc="embedding", file=sys.stderr, leave=False)

    def advance(done: int) -> None:
        bar.update(done)
        if bar.n >= total:
            bar.close()

    return advance


def _reading(items: Iterable[Loaded]) -> Iterable[Loaded]:
    """Count the inputs read on stderr (only on a terminal): a large folder takes a while."""
    if not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, unit="file", desc="reading", file=sys.stderr, leave=False)


def cmd_add(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    """Add files, folders, URLs, stdin or JSONL; one bad input is reported and skipped."""
    if not args.items and not args.jsonl:
        raise InputError("nothing to add: name a file, folder, URL, '-' for stdin, or --jsonl FILE")
    fetcher = make_fetcher()
    loaded: list[Loaded] = list(_reading(load_items(args.items, fetcher, args.title)))
    if args.jsonl:
        loaded.extend(load_jsonl(args.jsonl, fetcher))
    failures = [(label, doc) for label, doc in loaded if isinstance(doc, InputError)]
    for label, error in failures:
        print(f"error: {describe(label, error)}", file=sys.stderr)
    docs = [doc for _, doc in loaded if isinstance(doc, Document)]
    collection = kb.collection(args.collection)
    results = collection.add_many(docs, progress=_progress_bar)
    for result in results:
        if args.json:
            print(json.dumps(result.to_json()))
        else:
            print(result.summary())
    return 1 if failures else 0


def _print_results(results: list[SearchResult], as_json: bool) -> None:
    if as_json:
        print(json.dumps([r.to_json() for r in results], ensure_ascii=False))
        return
    if not results:
        print("no results")
    for rank, r in enumerate(results, start=1):
        print(f"{rank}. [{r.score:.3f}] #{r.article_id} {r.title} (chunk {r.chunk_id}, {r.start}-{r.end})")
        print("   " + (r.snippet or r.text[:240]).replace("\n", " "))


def cmd_search(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    """Search once, or once per line of --queries (JSON lines)."""
    collection = kb.collection(args.collection)
    window = date_window(args.since, args.before)
    if args.queries:
        for line in _read_lines(args.queries):
            print(json.dumps([r.to_json() for r in collection.search(line, args.mode, args.k, window)],
                             ensure_ascii=False))
        return 0
    _print_results(collection.search(args.query, args.mode, args.k, window), args.json)
    return 0


def _read_lines(path: Path) -> Iterable[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read {path}: {error}") from error


def cmd_list(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    """List the collection's articles."""
    articles = kb.collection(args.collection).articles()
    if args.json:
        print(json.dumps([asdict(a) for a in articles], ensure_ascii=False))
        return 0
    for a in articles:
        print(a.summary())
    return 0


def cmd_remove(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    """Remove one article."""
    info = kb.collection(args.collection).remove(args.article_id)
    print(f"removed: #{info.id} {info.title}")
    return 0


def cmd_stats(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    """Print counts and sizes."""
    stats = kb.collection(args.collection).stats()
    if args.json:
        print(json.dumps(asdict(stats)))
    else:
        for key, value in asdict(stats).items():
            print(f"{key}: {value}")
    return 0


def cmd_rebuild(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    """Rebuild the FAISS file (re-embedding first with --reembed)."""
    collection = kb.collection(args.collection, accept_other_model=args.reembed)
    print(f"rebuilt: {counted(collection.rebuild(reembed=args.reembed), 'vector')}")
    return 0


def _needs_data_folder(kb: KnowledgeBase, command: str) -> None:
    if not isinstance(kb.backend, SQLiteBackend):
        raise InputError(f"{command} copies the SQLite data folder; with DATABASE_URL set, back up "
                         "PostgreSQL with its own tools (pg_dump)")


def cmd_backup(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    """Back up every collection with SQLite's online backup API (FAISS is rebuildable)."""
    _needs_data_folder(kb, "backup")
    for copy in backup_databases(kb.data_dir, args.dest):
        print(f"backed up: {copy.name} ({counted(copy.articles, 'article')}, {counted(copy.chunks, 'chunk')})")
    print(f"backup written to {args.dest}")
    return 0


def cmd_restore(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    """Restore a backup's collections, then rebuild their FAISS files from SQLite."""
    _needs_data_folder(kb, "restore")
    for copy in restore_databases(args.source, kb.data_dir, replace=args.replace):
        vectors = kb.collection(copy.name, accept_other_model=True).stats().vectors
        print(f"restored: {copy.name} ({counted(copy.articles, 'article')}, {counted(copy.chunks, 'chunk')}, "
              f"{counted(vectors, 'vector')})")
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    """Copy the data folder's collections into PostgreSQL: articles, chunks, vectors, feedback,
    feeds with their seen entries, conversations, rated answers and votes."""
    if not is_postgres_url(args.to):
        raise InputError("--to must be a postgresql:// URL")
    source = SQLiteBackend(args.data_dir)
    if not source.names():
        raise InputError(f"no collections in {args.data_dir}")
    target = open_backend(args.data_dir, args.to, named="the --to URL")
    try:
        reports = copy_collections(source, target, on_done=lambda r: None if args.json else print(r.summary()))
    finally:
        target.close()
    if args.json:
        print(json.dumps([asdict(r) for r in reports]))
    return 0


COMMANDS = {"add": cmd_add, "search": cmd_search, "list": cmd_list, "remove": cmd_remove,
            "stats": cmd_stats, "rebuild": cmd_rebuild, "backup": cmd_backup, "restore": cmd_restore,
            "feed": lambda kb, args: cmd_feed(kb, args, make_fetcher())}


def main(argv: list[str] | None = None) -> int:
    """Run one command; user mistakes print one line on stderr and return non-zero."""
    args = build_parser().parse_args(argv)
    if args.guild is not None:
        args.collection = guild_collection(args.guild)
    try:
        runtime = runtime_from_env(os.environ)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        if args.command == "migrate":
            return cmd_migrate(args)
        backend = backend_from_env(args.data_dir, os.environ)
    except KnowledgeBaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    kb = KnowledgeBase(args.data_dir, lazy_embedder(runtime), backend=backend)
    try:
        return COMMANDS[args.command](kb, args)
    except KnowledgeBaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # stdout's reader stopped reading (`| head`): not a mistake to report
        raise
    except OSError as error:
        print(f"error: {error.strerror or error}: {error.filename or args.data_dir}", file=sys.stderr)
        return 2
    finally:
        kb.close()
