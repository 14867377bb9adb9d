"""Keep of an LLM reply only what its cited passages say.

The reply is cut into sentences; each citation group `[2]` (or `[1][3]`) is checked
against the passages it cites with a `SupportChecker`, for the clause it follows.
A marker whose passage does not support its claim is re-pointed to the retrieved
passage that does, or dropped; a sentence left with an unsupported claim is
removed. A sentence the model did not cite is cited when a passage supports it,
and removed when it states something (a number, a name, several content words)
that none does. Markers pointing at no passage are removed first.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from index.records import SearchResult

from .citation_markers import MARKER_RE, drop_invalid_markers, format_group, numbers_of, strip_markers
from .citation_support import Support, SupportChecker, names_in, numbers_in
from .evidence import Sentence
from .stemming import question_stems

_GROUP = re.compile(rf"{MARKER_RE.pattern}(?:[ \t]*{MARKER_RE.pattern})*")
"""Adjacent marker groups, `[1][3]` or `[1] [3]`: one citation of a clause."""
_BOUNDARY = re.compile(
    rf"[.!?…]+[\"'”’)]*(?:[ \t]*{MARKER_RE.pattern})*(?P<gap>[ \t]*\n\s*|[ \t]+(?=[\"'“‘(*\-]?[A-Z0-9]))"
    r"|(?P<line>\n\s*)")
_TRAILING_PUNCTUATION = re.compile(r"[.!?…:;,]*[\"'”’)]*$")
MIN_CLAUSE_TERMS = 3


@dataclass
class _Sentence:
    text: str
    gap: str
    groups: list[re.Match[str]] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    cited: list[list[int]] = field(default_factory=list)
    """Per group, the passage numbers (1-based) kept for it."""
    keep: bool = True


@dataclass(frozen=True)
class CheckedReply:
    """The reply with only supported claims, markers still numbering the passages
    (1-based), the quote backing each cited passage, and what was changed."""

    text: str
    quotes: dict[int, Sentence]
    removed: int
    repointed: int


def split_reply(text: str) -> list[tuple[str, str]]:
    """The reply's sentences, each with the whitespace after it; a marker written after
    the full stop stays with its sentence."""
    out = []
    cursor = 0
    for match in _BOUNDARY.finditer(text):
        gap_start = match.start("gap") if match.group("gap") is not None else match.start("line")
        if gap_start > cursor:
            out.append((text[cursor:gap_start], text[gap_start:match.end()]))
        cursor = match.end()
    if cursor < len(text):
        out.append((text[cursor:], ""))
    return out


def _claims(sentence: _Sentence) -> list[str]:
    """The clause each citation group follows; the whole sentence when there is one
    group, or when a clause is too short to say anything alone."""
    whole = strip_markers(sentence.text)
    if len(sentence.groups) == 1:
        return [whole]
    claims, start = [], 0
    for group in sentence.groups:
        clause = strip_markers(sentence.text[start:group.start()])
        claims.append(clause if len(question_stems(clause)) >= MIN_CLAUSE_TERMS else whole)
        start = group.end()
    return claims


def _states_something(claim: str) -> bool:
    return bool(numbers_in(claim) or names_in(claim, set())) or len(question_stems(claim)) >= MIN_CLAUSE_TERMS


def _best(supports: Sequence[Support]) -> Support | None:
    return max((s for s in supports if s.supported), key=lambda s: s.score, default=None)


def check_reply(reply: str, passages: Sequence[SearchResult], checker: SupportChecker) -> CheckedReply:
    """What of `reply` its passages support (see the module's docstring)."""
    sentences = [_Sentence(t, g) for t, g in split_reply(drop_invalid_markers(reply.strip(), len(passages)))]
    for s in sentences:
        s.groups = list(_GROUP.finditer(s.text))
        s.claims = _claims(s) if s.groups else [strip_markers(s.text)]
    flat = [c for s in sentences for c in s.claims]
    assessed = iter(checker.assess(flat, passages))
    quotes: dict[int, Sentence] = {}
    repointed = 0
    for s in sentences:
        supports = [next(assessed) for _ in s.claims]
        if not s.groups:
            best = _best(supports[0])
            if best is not None:
                s.cited = [[best.passage + 1]]
            elif _states_something(s.claims[0]):
                s.keep = False
        for group, support in zip(s.groups, supports):
            cited = [n for m in MARKER_RE.finditer(group.group()) for n in numbers_of(m)]
            kept = [n for n in dict.fromkeys(cited) if support[n - 1].supported]
            if not kept and (best := _best(support)) is not None:
                kept, repointed = [best.passage + 1], repointed + 1
            if not kept:
                s.keep = False
                break
            s.cited.append(kept)
        for kept, support in zip(s.cited, supports) if s.keep else ():
            for n in kept:
                quote = support[n - 1].quote
                if n not in quotes and quote is not None:
                    quotes[n] = quote
    removed = sum(1 for s in sentences if not s.keep)
    return CheckedReply(_rebuild([s for s in sentences if s.keep], quotes), quotes, removed, repointed)


def _rebuild(sentences: Sequence[_Sentence], quotes: dict[int, Sentence]) -> str:
    """The kept sentences with their checked groups; a passage whose quote another
    passage already gives (overlapping chunks) is cited as that one."""
    same: dict[int, int] = {}
    first_by_span: dict[tuple[int, int, int], int] = {}
    for n, q in quotes.items():
        same[n] = first_by_span.setdefault((q.passage.article_id, q.start, q.end), n)
    parts = []
    for s in sentences:
        text = s.text
        if not s.groups and s.cited:  # an uncited sentence a passage supports: cite it before its full stop
            body = text.rstrip()
            end = _TRAILING_PUNCTUATION.search(body)
            cut = end.start() if end else len(body)
            text = f"{body[:cut]} {format_group(s.cited[0])}{body[cut:]}"
        else:
            pieces, at = [], 0
            for group, kept in zip(s.groups, s.cited):
                pieces += [text[at:group.start()], format_group(list(dict.fromkeys(same.get(n, n) for n in kept)))]
                at = group.end()
            text = "".join(pieces) + text[at:]
        parts.append(text + s.gap)
    return "".join(parts).strip()
