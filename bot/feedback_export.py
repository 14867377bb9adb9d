"""Readers' verdicts on answers, written out as a JSONL question set."""
from __future__ import annotations

import json
from pathlib import Path

from index.library import KnowledgeBase


def export_feedback(kb: KnowledgeBase, path: Path, collection: str | None = None) -> int:
    """Write one line per verdict (`question`, `answer`, `citations`, `helpful`, ...) from one
    collection, or from every collection when none is named; return how many lines."""
    names = [collection] if collection else kb.names()
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for name in names:
            for question, answer, citations, helpful, user, created in kb.collection(name).store.feedback():
                out.write(json.dumps({"collection": name, "question": question, "answer": answer,
                                      "citations": json.loads(citations), "helpful": bool(helpful),
                                      "user": user, "created_at": created}, ensure_ascii=False) + "\n")
                count += 1
    return count
