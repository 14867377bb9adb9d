"""Chunking: exact offsets, order, coverage, the token budget, paragraphs and overlap.

Property tests run on generated articles (sentences with abbreviations,
decimals, quotes and line breaks) and on arbitrary text; the budget is also
checked with the real model's tokenizer.
"""
from __future__ import annotations

import bisect

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.chunking import ChunkingPolicy, TokenCounter, chunk_text, paragraph_spans, split_sentences, word_counter
from index.embedding import MiniLMEmbedder
from index.records import Chunk
from index.sources import Document

pytestmark = pytest.mark.usefixtures("one_torch_thread")

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Generated articles are long; fewer of them cover the paragraph rules well enough.
ARTICLES = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = ["tram", "line", "harbour", "the", "of", "Mayor", "Calloway", "Mr.", "Dr.", "U.S.", "e.g.", "J.", "K.",
         "7.5", "2026", "11.4", "3,000", "euros", "“quoted", "words”", "(aside)", "don't", "café", "naïve",
         "well-known", "x", "A", "No.", "St.", "etc.", "...", "—", "Fig.", "42"]
ENDINGS = [".", ".", ".", "?", "!", '."', ".”", "?!", "…", ".)"]


@st.composite
def sentences(draw: st.DrawFn, max_words: int = 40) -> str:
    """One sentence: capitalised first word, a terminator, sometimes very long."""
    long = draw(st.integers(0, 9)) == 0
    count = draw(st.integers(1, 160 if long else max_words))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=count, max_size=count))
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words) + draw(st.sampled_from(ENDINGS))


@st.composite
def articles(draw: st.DrawFn) -> str:
    """Paragraphs of sentences, separated by blank lines (sometimes holding spaces)."""
    paragraphs = []
    for _ in range(draw(st.integers(1, 6))):
        parts = draw(st.lists(sentences(), min_size=1, max_size=8))
        joiners = draw(st.lists(st.sampled_from([" ", " ", "  ", "\n"]), min_size=len(parts), max_size=len(parts)))
        paragraphs.append("".join(p + j for p, j in zip(parts, joiners)).rstrip())
    breaks = draw(st.lists(st.sampled_from(["\n\n", "\n \n", "\n\n\n", "\n\t\n"]),
                           min_size=len(paragraphs), max_size=len(paragraphs)))
    lead = draw(st.sampled_from(["", " ", "\n"]))
    return lead + "".join(p + b for p, b in zip(paragraphs, breaks))


policies = st.builds(
    lambda top, low, overlap: ChunkingPolicy(max_tokens=top, min_tokens=min(low, top), overlap_sentences=overlap),
    st.integers(4, 160), st.integers(0, 80), st.integers(0, 2),
)
texts = st.one_of(articles(), st.text(max_size=600),
                  st.text(alphabet=st.sampled_from(list("ab .?!\n\t\"'”“()7")), max_size=400))


def _check_invariants(text: str, chunks: list[Chunk], count: TokenCounter, policy: ChunkingPolicy) -> None:
    """What must hold for every text and policy."""
    covered = [False] * len(text)
    for i, chunk in enumerate(chunks):
        assert chunk.index == i
        assert chunk.text == text[chunk.start:chunk.end]
        assert 0 <= chunk.start < chunk.end <= len(text)
        assert chunk.text == chunk.text.strip(), "chunks are trimmed"
        for pos in range(chunk.start, chunk.end):
            covered[pos] = True
    for before, after in zip(chunks, chunks[1:]):
        assert before.start < after.start and before.end < after.end, "chunks are in order"
    missed = [pos for pos, ch in enumerate(text) if not ch.isspace() and not covered[pos]]
    assert missed == [], f"characters outside every chunk: {[text[p] for p in missed[:10]]}"
    if chunks:
        assert max(count([c.text for c in chunks])) <= policy.max_tokens


def _paragraph_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    index = bisect.bisect_right([s for s, _ in spans], pos) - 1
    assert index >= 0 and spans[index][0] <= pos < spans[index][1], f"position {pos} lies in no paragraph"
    return spans[index]


@FAST
@given(text=texts, policy=policies)
def test_offsets_order_coverage_and_budget(text: str, policy: ChunkingPolicy) -> None:
    """chunk.text == text[start:end], in order, covering every non-space character, within budget."""
    chunks = chunk_text(text, word_counter, policy)
    _check_invariants(text, chunks, word_counter, policy)
    assert (chunks == []) == (text.strip() == "")


@ARTICLES
@given(text=articles(), policy=policies)
def test_paragraph_breaks_are_crossed_only_after_a_short_paragraph(text: str, policy: ChunkingPolicy) -> None:
    """A chunk runs on past a paragraph break only when what it holds before the break is under min_tokens."""
    paragraphs = paragraph_spans(text)
    starts = [s for s, _ in paragraphs]
    for chunk in chunk_text(text, word_counter, policy):
        for start in starts:
            if chunk.start < start < chunk.end:
                words = len(text[chunk.start:start].split())
                # word_counter gives each unit int(1.3 * words) + 1 > 1.3 * words
                assert 1.3 * words < policy.min_tokens, (chunk, start)


@ARTICLES
@given(text=articles(), policy=policies)
def test_overlap_only_inside_a_split_paragraph(text: str, policy: ChunkingPolicy) -> None:
    """Consecutive chunks overlap only when one paragraph continues across the cut, never across a break."""
    paragraphs = paragraph_spans(text)
    chunks = chunk_text(text, word_counter, policy)
    for before, after in zip(chunks, chunks[1:]):
        if after.start >= before.end:
            continue
        assert policy.overlap_sentences > 0
        p_start, p_end = _paragraph_of(paragraphs, after.start)
        assert p_start <= after.start and before.end < p_end, (
            f"overlap {text[after.start:before.end]!r} does not sit inside one split paragraph")
        # The repeated text is whole sentences (or pieces) of that paragraph, never all of the earlier chunk.
        assert after.start > before.start


def test_overlap_repeats_the_last_sentence_when_a_paragraph_is_split() -> None:
    """One long paragraph of 40-token sentences: each chunk starts with the previous chunk's last sentence."""
    sentence = " ".join(["word"] * 29) + "."  # int(30 * 1.3) + 1 = 40 tokens
    text = " ".join(f"S{i} {sentence}" for i in range(12))
    chunks = chunk_text(text, word_counter, ChunkingPolicy(max_tokens=200, min_tokens=48, overlap_sentences=1))
    assert len(chunks) >= 3
    sentence_spans = split_sentences(text)
    assert len(sentence_spans) == 12
    for before, after in zip(chunks, chunks[1:]):
        last = next(span for span in reversed(sentence_spans) if span[1] <= before.end)
        assert after.start == last[0], "the next chunk begins with the previous chunk's last sentence"
        assert before.end == last[1]


def test_no_overlap_across_a_paragraph_break() -> None:
    """A short paragraph merged into a chunk is never repeated when the next paragraph does not fit."""
    first = " ".join(f"a{i}" for i in range(20)) + ". " + " ".join(f"b{i}" for i in range(5)) + "."
    second = " ".join(f"c{i}" for i in range(140)) + "."
    text = first + "\n\n" + second
    chunks = chunk_text(text, word_counter, ChunkingPolicy(max_tokens=200, min_tokens=48, overlap_sentences=1))
    assert [c.text for c in chunks] == [first, second]


def test_a_longer_overlap_stops_at_the_paragraph_break() -> None:
    """With two sentences of overlap, the repeated text still never reaches back into the previous paragraph."""
    first = "Alpha one two three. Beta one two."  # 6 + 4 tokens: too short to stand alone
    opening = "Gamma one two three four."  # 7 tokens, opens the second paragraph
    long = " ".join(["Delta"] * 20) + "."  # 27 tokens: does not fit after the 17 before it
    text = f"{first}\n\n{opening} {long}"
    chunks = chunk_text(text, word_counter, ChunkingPolicy(max_tokens=40, min_tokens=30, overlap_sentences=2))
    assert [c.text for c in chunks] == [f"{first}\n\n{opening}", f"{opening} {long}"]


def test_paragraphs_of_useful_length_are_chunks_of_their_own() -> None:
    """Paragraphs between min_tokens and max_tokens each become exactly one chunk."""
    paragraphs = [" ".join(f"p{n}w{i}" for i in range(60)) + "." for n in range(4)]  # 79 tokens each
    text = "\n\n".join(paragraphs)
    assert [c.text for c in chunk_text(text, word_counter)] == paragraphs


def test_short_paragraphs_such_as_a_headline_join_the_next() -> None:
    """A headline and a dateline are too short to stand alone and open the first chunk."""
    body = " ".join(["Trams"] + ["run"] * 50) + "."
    text = f"Harbour city opens a tram line\n\nPosted at 8:15 AM, Mar 03, 2026\n\n{body}"
    chunks = chunk_text(text, word_counter)
    assert len(chunks) == 1 and chunks[0].start == 0 and chunks[0].end == len(text)


def test_an_overlong_sentence_is_cut_within_budget_at_word_boundaries() -> None:
    """A 307-word sentence (400 tokens, over the default budget) is cut into pieces that fit."""
    budget = ChunkingPolicy().max_tokens
    text = " ".join(["word"] * 307) + "."
    chunks = chunk_text(text, word_counter)
    assert len(chunks) >= 2
    assert all(word_counter([c.text])[0] <= budget for c in chunks)
    assert all(c.text.split() and text[c.start - 1:c.start] in ("", " ") for c in chunks)


def test_empty_and_blank_text_give_no_chunks() -> None:
    """Nothing to chunk, nothing returned."""
    assert chunk_text("", word_counter) == []
    assert chunk_text(" \n\n\t \n", word_counter) == []


# -- the real tokenizer -------------------------------------------------------------------------------------

@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=articles(), top=st.sampled_from([24, 64, 200]))
def test_budget_with_the_real_tokenizer(embedder: MiniLMEmbedder, text: str, top: int) -> None:
    """Counted by all-MiniLM-L6-v2's own tokenizer, no chunk exceeds the budget."""
    policy = ChunkingPolicy(max_tokens=top, min_tokens=min(48, top // 2))
    chunks = chunk_text(text, embedder.count_tokens, policy)
    _check_invariants(text, chunks, embedder.count_tokens, policy)


@pytest.mark.parametrize("text", [
    "这是一个关于港口城市新电车线路的测试句子" * 40,  # no spaces at all: one 800-piece "word"
    "a." * 400 + " And then it ends.",  # 800 pieces of punctuation without a space
    "See https://example.org/" + "/".join(["path"] * 300) + " for details.",
])
def test_words_longer_than_the_budget_are_cut(embedder: MiniLMEmbedder, text: str) -> None:
    """A single whitespace-free run longer than the model's window is cut inside it, offsets exact."""
    policy = ChunkingPolicy(max_tokens=200)
    chunks = chunk_text(text, embedder.count_tokens, policy)
    assert len(chunks) >= 2
    _check_invariants(text, chunks, embedder.count_tokens, policy)


def test_fixture_articles_chunk_within_the_model_window(embedder: MiniLMEmbedder,
                                                         fixture_docs: list[Document]) -> None:
    """Our four articles chunk with the real tokenizer inside the default budget, covering their text."""
    for doc in fixture_docs:
        chunks = chunk_text(doc.text, embedder.count_tokens)
        assert chunks, doc.title
        _check_invariants(doc.text, chunks, embedder.count_tokens, ChunkingPolicy())


# -- sentences ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Mr. Smith went to Washington. He arrived at noon.",
     ["Mr. Smith went to Washington.", "He arrived at noon."]),
    ("The U.S. Army arrived late. Nobody minded.", ["The U.S. Army arrived late.", "Nobody minded."]),
    ("J. R. R. Tolkien wrote it. It sold well.", ["J. R. R. Tolkien wrote it.", "It sold well."]),
    ("Dr. Okafor and Prof. Wrona met on St. Mary's Road. They argued.",
     ["Dr. Okafor and Prof. Wrona met on St. Mary's Road.", "They argued."]),
    ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
    ("“We found tunnels,” Wrona said. “Every one was surveyed.”",
     ["“We found tunnels,” Wrona said.", "“Every one was surveyed.”"]),
    ("She scored 7.5 points. Her rival had 7.", ["She scored 7.5 points.", "Her rival had 7."]),
    ("It cost 11.4 million. 19 stops were built.", ["It cost 11.4 million.", "19 stops were built."]),
    ("Really? Yes! Fine.", ["Really?", "Yes!", "Fine."]),
    ("What?! No way.", ["What?!", "No way."]),
    ("Wait… Then it opened.", ["Wait…", "Then it opened."]),
    ("(See Fig. 3.) Next sentence.", ["(See Fig. 3.)", "Next sentence."]),
    # no sentence ends inside brackets it opened and closes soon after
    ("Born on 10 July [O.S. 28 June] 1856. He grew up.", ["Born on 10 July [O.S. 28 June] 1856.", "He grew up."]),
    ("The plan (approx. 40 homes) passed. Work starts.", ["The plan (approx. 40 homes) passed.", "Work starts."]),
    ("He left (without a word. Nobody followed.", ["He left (without a word.", "Nobody followed."]),
    ("It opened at 5 p.m. and closed late.", ["It opened at 5 p.m. and closed late."]),
    ("Tools, e.g. hammers, help. So do nails.", ["Tools, e.g. hammers, help.", "So do nails."]),
    ("First line\nsecond line", ["First line", "second line"]),
    ("A headline\n\nThe body.", ["A headline", "The body."]),
    ("I met Dr.\nSmith there.", ["I met Dr.", "Smith there."]),
    ("  padded.   Also padded.  ", ["padded.", "Also padded."]),
    ("", []),
    ("   \n ", []),
])
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    """Sentences end at . ! ? … and newlines, not after abbreviations, initials or inside decimals."""
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == expected


def test_sentence_spans_respect_the_range_given() -> None:
    """split_sentences(text, start, end) only looks inside [start, end) and keeps absolute offsets."""
    text = "Skip this. Take this one. And this. Not this."
    start, end = text.index("Take"), text.index("Not")
    spans = split_sentences(text, start, end)
    assert [text[a:b] for a, b in spans] == ["Take this one.", "And this."]


@FAST
@given(text=texts)
def test_sentence_and_paragraph_spans_are_trimmed_ordered_and_cover_text(text: str) -> None:
    """Both splitters return disjoint, ordered, trimmed spans holding every non-space character."""
    for spans in (split_sentences(text), paragraph_spans(text)):
        joined = "".join(text[a:b] for a, b in spans)
        assert "".join(joined.split()) == "".join(text.split())
        for a, b in spans:
            assert a < b and text[a:b] == text[a:b].strip()
        assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))
