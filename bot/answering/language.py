"""Telling that a question is not in English (the model understands English only)."""
from __future__ import annotations

import re
import unicodedata

# Short, frequent words of each language that English questions rarely use.
_FUNCTION_WORDS = {
    "English": "the what who when where why how which is are was were did does do of in on to and a an about "
               "with for from by that this it has have had say said",
    "French": "le la les des du un une est qui que quoi quand où pourquoi comment quel quelle quels sont était "
              "dans pour avec sur par ce cette il elle ont a-t-il dit au aux combien ont été",
    "Spanish": "el la los las del un una es qué quién quiénes cuándo dónde por porqué cómo cuál cuáles son fue "
               "está en para con sobre se dijo al lo de hay nuevo nueva cuánto cuántos cuántas cuánta ganó",
    "German": "der die das den dem des ein eine ist wer was wann wo warum wie welche welcher sind war wurde "
              "hat haben mit für von über und im sagte auf viel viele wurden",
    "Italian": "il lo la gli le dei degli un una è chi che cosa quando dove perché come quale quali sono era "
               "nel nella per con su ha detto del della quanto quanti quante",
    "Portuguese": "o a os as do da dos das um uma é quem que quando onde por porque como qual quais são foi "
                  "está em para com sobre disse ao quanto quantos quantas",
}
_WORDS = {language: set(words.split()) for language, words in _FUNCTION_WORDS.items()}
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_SCRIPTS = {"CYRILLIC": "Russian or another Cyrillic-script language", "ARABIC": "Arabic", "HEBREW": "Hebrew",
            "GREEK": "Greek", "CJK": "Chinese or Japanese", "HIRAGANA": "Japanese", "KATAKANA": "Japanese",
            "HANGUL": "Korean", "DEVANAGARI": "Hindi", "THAI": "Thai"}


def _script(text: str) -> str | None:
    letters = [c for c in text if c.isalpha()]
    counts: dict[str, int] = {}
    for c in letters:
        name = unicodedata.name(c, "")
        for script in _SCRIPTS:
            if name.startswith(script):
                counts[script] = counts.get(script, 0) + 1
    if letters and counts:
        script, n = max(counts.items(), key=lambda kv: kv[1])
        if n >= len(letters) / 2:
            return _SCRIPTS[script]
    return None


def foreign_language(question: str) -> str | None:
    """The language a question seems to be in, when that is not English; else None."""
    script = _script(question)
    if script:
        return script
    words = [w.lower() for w in _TOKEN.findall(question)]
    if len(words) < 3:
        return None
    hits = {language: sum(w in vocabulary for w in words) for language, vocabulary in _WORDS.items()}
    best = max(hits, key=lambda language: hits[language])
    accented = any(unicodedata.decomposition(c) for c in question if c.isalpha())
    # Several clear function words of one other language, more than English has.
    if best != "English" and hits[best] >= 2 and hits[best] > hits["English"] + (0 if accented else 1):
        return best
    return None


def english_only_reply(language: str) -> str:
    """What the user is told instead of a false "the articles don't say"."""
    return (f"Questions are understood in English for now; this one looks like {language}. "
            "Please ask it in English.")
