"""Sentence-aware chunking with exact character offsets.

A chunk never crosses a paragraph break unless the paragraph before it is too
short to stand alone, never exceeds the model's token budget, and repeats the
last sentence of the previous chunk when a paragraph has to be split.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .records import Chunk

TokenCounter = Callable[[Sequence[str]], list[int]]

# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space and
# something that can start a sentence; a newline always ends one.
_SENTENCE_END = re.compile(r"""[.!?…]+["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])|\n+""")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st vs etc e.g i.e u.s u.k u.n no fig gen gov sen rep lt col capt "
    "inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class ChunkingPolicy:
    """How large chunks are, in the embedding model's word pieces."""

    max_tokens: int = 240
    min_tokens: int = 48
    overlap_sentences: int = 1


def word_counter(texts: Sequence[str]) -> list[int]:
    """A tokenizer-free counter (about 1.3 word pieces per word), for tests and tools."""
    return [int(len(t.split()) * 1.3) + 1 for t in texts]


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences in text[start:end], whitespace trimmed."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if "\n" not in match.group(0) and (_ends_with_abbreviation(text, cursor, match.start())
                                           or _inside_brackets(text, cursor, match.end())):
            continue
        _append_trimmed(text, cursor, match.end(), spans)
        cursor = match.end()
    _append_trimmed(text, cursor, end, spans)
    return spans


def _ends_with_abbreviation(text: str, start: int, dot: int) -> bool:
    word = text[start:dot + 1].rsplit(None, 1)[-1].rstrip(".").lower() if text[start:dot + 1].strip() else ""
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _inside_brackets(text: str, start: int, end: int) -> bool:
    """True for an end of sentence (text[..end]) inside brackets the sentence opened and
    closes soon after ("10 July [O.S. 28 June] 1856", "(approx. 40 homes)"): none ends there."""
    so_far, ahead = text[start:end], text[end:end + 60].split("\n", 1)[0]
    return any(so_far.count(o) > so_far.count(c) and c in ahead for o, c in (("[", "]"), ("(", ")")))


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of blank-line separated paragraphs."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        _append_trimmed(text, cursor, match.start(), spans)
        cursor = match.end()
    _append_trimmed(text, cursor, len(text), spans)
    return spans


def _cut(text: str, start: int, end: int, pieces: int) -> list[tuple[int, int]]:
    """Cut text[start:end] into about `pieces` spans at word boundaries, or inside a lone word."""
    words = [m.span() for m in re.finditer(r"\S+", text[start:end])]
    if len(words) < 2:  # one run without spaces (CJK, a URL): cut it by characters
        size = -(-(end - start) // pieces)
        return [(a, min(a + size, end)) for a in range(start, end, size)]
    per_piece = max(1, -(-len(words) // pieces))
    return [(start + words[i][0], start + words[min(i + per_piece, len(words)) - 1][1])
            for i in range(0, len(words), per_piece)]


def _split_long(text: str, span: tuple[int, int], tokens: int, budget: int,
                count_tokens: TokenCounter) -> list[tuple[int, int, int]]:
    """Cut an over-long sentence into (start, end, tokens) pieces that fit the budget.

    Word pieces are not spread evenly over words, so a piece that still does not
    fit is cut again; only a single character may stay over the budget.
    """
    start, end = span
    if tokens <= budget or end - start <= 1:
        return [(start, end, tokens)]
    pieces = _cut(text, start, end, max(2, -(-tokens // budget)))
    counts = count_tokens([text[a:b] for a, b in pieces])
    return [fit for (a, b), n in zip(pieces, counts) for fit in _split_long(text, (a, b), n, budget, count_tokens)]


def chunk_text(text: str, count_tokens: TokenCounter, policy: ChunkingPolicy = ChunkingPolicy()) -> list[Chunk]:
    """Split text into chunks whose `text == text[start:end]`, each within the token budget."""
    units: list[tuple[int, int, bool]] = []  # (start, end, starts a paragraph)
    for p_start, p_end in paragraph_spans(text):
        for i, span in enumerate(split_sentences(text, p_start, p_end)):
            units.append((span[0], span[1], i == 0))
    if not units:
        return []
    counts = count_tokens([text[s:e] for s, e, _ in units])
    sized: list[tuple[int, int, bool, int]] = []
    for (s, e, para), n in zip(units, counts):
        if n <= policy.max_tokens:
            sized.append((s, e, para, n))
            continue
        pieces = _split_long(text, (s, e), n, policy.max_tokens, count_tokens)
        sized.extend((a, b, para and k == 0, c) for k, (a, b, c) in enumerate(pieces))
    return _pack(text, sized, policy)


def _pack(text: str, units: list[tuple[int, int, bool, int]], policy: ChunkingPolicy) -> list[Chunk]:
    chunks: list[Chunk] = []
    current: list[tuple[int, int, bool, int]] = []
    total = 0

    def close() -> None:
        start, end = current[0][0], current[-1][1]
        chunks.append(Chunk(index=len(chunks), start=start, end=end, text=text[start:end]))

    for unit in units:
        starts_paragraph, tokens = unit[2], unit[3]
        if current and starts_paragraph and total >= policy.min_tokens:
            close()
            current, total = [], 0
        elif current and total + tokens > policy.max_tokens:
            close()
            # Overlap only inside a paragraph that is split, never across a paragraph break.
            keep = current[-policy.overlap_sentences:] if policy.overlap_sentences and not starts_paragraph else []
            opening = [k for k, u in enumerate(keep) if u[2]]
            keep = keep[opening[-1]:] if opening else keep
            keep_total = sum(u[3] for u in keep)
            # Overlap only when it leaves room for real new text.
            if keep and keep_total + tokens <= policy.max_tokens and keep_total <= policy.max_tokens // 3:
                current, total = list(keep), keep_total
            else:
                current, total = [], 0
        current.append(unit)
        total += tokens
    if current:
        close()
    return chunks
