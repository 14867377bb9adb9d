"""`python -m index feed add|list|remove|poll`: feed subscriptions from the command line (cron drives `poll`)."""
from __future__ import annotations

import argparse
import json
import os
import sys

from .errors import InputError, NotFoundError
from .feeds import FeedPoller, FeedSettings
from .library import KnowledgeBase
from .plurals import counted
from .records import Feed
from .retention import RetentionLimits, prune
from .sources import UrlFetcher


def add_feed_commands(feed: argparse.ArgumentParser) -> None:
    """The `feed` command's own sub-commands."""
    actions = feed.add_subparsers(dest="feed_command", required=True)
    add = actions.add_parser("add", help="follow an RSS or Atom feed (or a page that announces one)")
    add.add_argument("url")
    add.add_argument("--json", action="store_true")
    listing = actions.add_parser("list", help="the subscriptions with their state")
    listing.add_argument("--json", action="store_true")
    remove = actions.add_parser("remove", help="stop following a feed (its articles stay)")
    remove.add_argument("feed_id", type=int)
    poll = actions.add_parser("poll", help="check every due feed once; one JSON line per article added or updated")
    poll.add_argument("--json", action="store_true")


def feed_line(feed: Feed) -> str:
    """One subscription for a terminal."""
    state = "paused" if feed.paused else f"next check {feed.next_check}"
    error = f" — last error: {feed.last_error}" if feed.last_error else ""
    added = f"{counted(feed.articles_added, 'article')} added"
    return (f"#{feed.id} {feed.title or '(untitled)'} <{feed.url}> — {added}, "
            f"last checked {feed.last_checked or 'never'}, {state}{error}")


def cmd_feed(kb: KnowledgeBase, args: argparse.Namespace, fetcher: UrlFetcher) -> int:
    """Run one `feed` sub-command on the collection."""
    library = kb.collection(args.collection)
    poller = FeedPoller(fetcher, FeedSettings.from_env(os.environ))
    if args.feed_command == "add":
        feed, created = poller.subscribe(library, args.url)
        if args.json:
            print(json.dumps({**feed.to_json(), "status": "added" if created else "exists"}))
        else:
            print(f"{'following' if created else 'already following'}: {feed_line(feed)}")
        return 0
    if args.feed_command == "list":
        feeds = library.store.feeds()
        if args.json:
            print(json.dumps([f.to_json() for f in feeds]))
        else:
            print("\n".join(feed_line(f) for f in feeds) or "no feeds")
        return 0
    if args.feed_command == "remove":
        gone = library.store.get_feed(args.feed_id)
        if gone is None or not library.store.remove_feed(args.feed_id):
            raise NotFoundError(f"no feed with id {args.feed_id} in this library")
        print(f"removed: feed #{gone.id} {gone.title or gone.url} (its articles stay)")
        return 0
    if args.feed_command == "poll":
        reports = poller.poll_due(library)
        for report in reports:
            for event in report.events:
                print(json.dumps(event.to_json(), ensure_ascii=False) if args.json
                      else f"{event.status}: #{event.article_id} {event.title} (feed #{event.feed_id})", flush=True)
            for skipped in report.skipped:
                print(f"skipped: feed #{report.feed.id}: {skipped}", file=sys.stderr)
            if report.error:
                print(f"error: feed #{report.feed.id} {report.feed.url}: {report.error}", file=sys.stderr)
        limits = RetentionLimits.from_env(os.environ)
        if limits and any(r.events for r in reports):
            for info in prune(library, limits, poller.clock.now().date()):
                print(f"pruned: #{info.id} {info.title} ({info.when})", file=sys.stderr)
        return 0
    raise InputError(f"unknown feed command {args.feed_command}")
