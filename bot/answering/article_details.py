"""Who wrote an article, where and when it appeared, answered from its details, citing its byline."""
from __future__ import annotations

import re

from index.records import ArticleInfo
from index.sources.byline import display_date, find_date, is_byline

from .abstention import abstention
from .answer_request import AnswerRequest
from .evidence import sentences_of
from .quoting import Span, compose
from .records import Answer

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CREDIT = re.compile(r"\b(photo(graph)?s?|pictures?|images?|illustrations?)\s*(by|:|courtesy of)|\bedited by\b",
                     re.I)


def details_answer(request: AnswerRequest, info: ArticleInfo) -> Answer:
    """"“Title” was written by …", "… was published by …" or "… was published on …", citing the line of the
    article that says so (its byline or dateline), else its first sentence (saying that the page's
    details, not that sentence, tell it)."""
    when = display_date(info.date)
    if request.kind == "author" and not info.author:
        return abstention(request.question, request.passages, f"“{info.title}” does not name its author.")
    if request.kind == "published" and not when:
        return abstention(request.question, request.passages, f"“{info.title}” does not say when it was published.")
    if request.kind == "site" and not info.site:
        return abstention(request.question, request.passages, f"“{info.title}” does not name where it was published.")
    opening = [s for s in sentences_of(request.passages) if s.passage.article_id == info.id]
    if request.kind == "credit":
        # "Photographs: Ann Lee", "Edited by Tom Reed": a credit line the article gives, else none
        credited = [s for s in opening if _CREDIT.search(s.text)]
        if not credited:
            return abstention(request.question, request.passages,
                              f"“{info.title}” does not say: of its making it names only its author, "
                              "publication and date.")
        cited = compose(request.question, [Span(credited[0].passage, credited[0].start, credited[0].end)])
        return Answer(request.question, cited.text, cited.citations, False)
    if request.kind == "site":
        # the byline, or the masthead line under it ("Harnford Evening Star")
        said = [s for s in opening if (is_byline(s.text) or s.is_furniture) and info.site and info.site in s.text]
        detail = f"“{info.title}” was published by {info.site}" + (f" ({when})" if when else "")
    elif request.kind == "author":
        said = [s for s in opening if is_byline(s.text) and info.author and info.author in s.text]
        detail = f"“{info.title}” was written by {info.author}" + (f" ({when})" if when else "")
    else:
        said = [s for s in opening if is_byline(s.text) and find_date(s.text) == (info.date or "")[:10]]
        # The ISO form too: "8/9/2026" is read two ways, and readers write dates either way round.
        iso = (info.date or "")[:10]
        shown = f"{when} ({iso})" if _ISO.match(iso) and iso != when else when
        detail = f"“{info.title}” was published on {shown}" + (f", by {info.author}" if info.author else "")
    line = (said or [s for s in opening if not s.is_furniture] or opening)[0]
    cited = compose(request.question, [Span(line.passage, line.start, line.end)])
    if said:  # the byline only says again what the answer says: cite it without repeating it
        return Answer(request.question, f"{detail} [1].", cited.citations, False)
    # No line of its text says it: the page's details do (an HTML author or date tag), and
    # the citation points at the article, opening on its first sentence.
    return Answer(request.question, f"{detail}, as the article's page gives it; it opens: {cited.text}",
                  cited.citations, False)
