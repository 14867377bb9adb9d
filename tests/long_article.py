"""A long article in our own words, for imports that take a while (load tests, benchmarks)."""
from __future__ import annotations

import random

from index.chunking import TokenCounter, chunk_text


def survey_log(count_tokens: TokenCounter, chunks: int) -> str:
    """A field survey log that chunks into at least `chunks` chunks (a few more at most)."""
    rng = random.Random(7)
    places = ["Northfield", "the estuary", "Mill Lane", "the old quarry", "Harrow Point", "the valley farms"]
    things = ["river gauge", "tide table", "bird count", "soil sample", "wind record", "hedge survey"]
    verbs = ["logged", "checked", "re-measured", "compared", "filed", "photographed"]

    def paragraph(day: int) -> str:
        return " ".join(f"On day {day} the survey team at {rng.choice(places)} {rng.choice(verbs)} "
                        f"{rng.randint(2, 90)} entries of the {rng.choice(things)}."
                        for _ in range(rng.randint(4, 8)))

    paragraphs: list[str] = []
    while True:
        paragraphs.extend(paragraph(len(paragraphs) + i + 1) for i in range(max(1, chunks // 20)))
        text = "Field survey log of the county naturalists\n\n" + "\n\n".join(paragraphs)
        if len(chunk_text(text, count_tokens)) >= chunks:
            return text
