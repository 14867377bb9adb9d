"""Feed subscriptions: parsing RSS/Atom, polling due feeds, and the clock the poller runs on."""
from .clock import Clock, ManualClock, SystemClock
from .parse import FeedEntry, ParsedFeed, discover_feed, parse_feed
from .poller import FeedEvent, FeedPoller, FeedSettings, PollReport

__all__ = ["Clock", "FeedEntry", "FeedEvent", "FeedPoller", "FeedSettings", "ManualClock", "ParsedFeed",
           "PollReport", "SystemClock", "discover_feed", "parse_feed"]
