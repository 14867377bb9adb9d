"""Telling that a question is not in English (the model understands English only).

Each language has a profile of its short, frequent words (articles, pronouns, question
words, common verbs); a question is scored against each profile, and called foreign
when another language's words clearly outnumber English ones. Names do not count: a
capitalised word after the first, and the particles inside a name ("Place de la
Concorde", "van der Berg"), are left out, so "Who is Müller?" or "events at Place de
la Concorde" stay English.
"""
from __future__ import annotations

import re
import unicodedata

_FUNCTION_WORDS = {
    "English": "the what who whom whose when where why how which is are was were did does do done of in on to and "
               "a an about with for from by that this these those it its has have had say said says there their "
               "they he she his her we you i my me not be been will would could should can any all some more most "
               "than then into after before over up out just so also only as at or if but no new many much tell "
               "happened happen wrote written article articles story stories news latest get got make made going "
               "did didn't don't doesn't isn't wasn't between both other same first last next",
    "French": "le la les l' des du de d' un une est sont était étaient qui que qu' quoi quand où pourquoi comment "
              "quel quelle quels quelles combien dans pour avec sur par ce cette ces c' il ils elle elles on a t "
              "ont été au aux et ou mais pas ne n' se s' son sa ses leur leurs y en dit fait nouveau nouvelle "
              "nouvelles dernier derniers dernière article l'article à être avoir je j' nous vous tu "
              "va vont peut peuvent pouvait doit doivent faire",
    "Spanish": "el la los las del un una unos unas es son fue fueron está están qué quién quiénes cuándo cuando "
               "dónde donde por porqué cómo como cuál cuáles cuánto cuanto cuántos cuantos cuánta cuántas para "
               "con sobre se dijo al lo de y o pero no hay nuevo nueva nuevas nuevos ganó su sus le les ha han "
               "qué muy también artículo noticias "
               "va van puede pueden debe deben tiene tienen hace hacen",
    "German": "der die das den dem des ein eine einen einer ist sind war waren wer was wann wo warum wie welche "
              "welcher welches sind wurde wurden hat haben hatte mit für von über und oder aber nicht im am zum "
              "zur sagte auf viel viele wieviel gibt es neu neues neueste sie er ich wir ihr sein seine ihre "
              "auch noch schon aus bei nach vor artikel "
              "wird werden kann können konnte muss müssen soll sollen wollen geht gehen ging kommt kommen kam",
    "Italian": "il lo la gli le i l' dei degli delle dell' un una un' è sono era erano chi che cosa quando dove "
               "perché come quale quali quanto quanti quante quanta nel nella nell' per con su ha hanno detto "
               "del della al alla all' e o ma non si suo sua loro anche ancora nuovo nuova nuove notizie "
               "articolo senza durante tra fra "
               "va vanno può possono deve devono fa fanno",
    "Portuguese": "o a os as do da dos das um uma é são foi foram está estão quem que quando onde por porque "
                  "como qual quais quanto quantos quantas quanta em no na nos nas para com sobre disse ao aos e "
                  "ou mas não se seu sua seus suas novo nova novas notícias aconteceu artigo de "
                  "vai vão pode podem deve devem tem têm fez",
    "Dutch": "de het een van is zijn was waren wie wat waar wanneer waarom hoe welke welk hoeveel heeft hebben "
             "had met voor op aan door over dat die dit deze en niet ook er om naar bij uit maar nog al wordt "
             "worden werd zei nieuw nieuwe nieuws artikel geen hij zij ze wij jij ik je zich in "
             "gaat gaan ging komt komen kwam moet moeten kan kunnen kon zal zullen zou zouden wil willen wilde "
             "doet doen krijgt krijgen",
    "Polish": "co kto kiedy gdzie dlaczego jak jaki jaka jakie który która które ile czy jest są był była było "
              "byli dla się na w z ze do od po przez o i a ale nie to ten ta te tego jego jej ich oraz został "
              "została zostało powiedział artykuł nowego nowe najnowsze wiadomości",
    "Swedish": "vad vem när var varför hur vilken vilket vilka hur många är var blev har hade och eller men inte "
               "det den de en ett som för med på av till om från sade sa nya nyheter artikeln också i att ska "
               "skulle kan kunde kommer blir blev efter innan mot utan vid alla mycket fel bra hände hänt gick "
               "fick sin sitt sina vara varit hos dem",
    "Danish or Norwegian": "hvad hva hvem hvor hvorfor hvordan hvilken hvilket hvilke mange er var blev ble har "
                           "havde hadde og eller men ikke det den de en et som for med på af av til om fra sagde "
                           "sa nye nyheder nyheter artiklen artikkelen også",
    "Turkish": "ne kim ne zaman nerede neden niçin nasıl hangi kaç mı mi mu mü bir bu şu ve ile için de da "
               "değil var yok oldu olan dedi yeni haber haberler makale",
}
_WORDS = {language: set(words.split()) for language, words in _FUNCTION_WORDS.items()}
# French and Italian run an article or pronoun into the next word: "l'élection", "qu'est-ce", "dell'anno".
_ELISION = re.compile(r"^(l|d|qu|c|j|n|s|m|dell|nell|all|un)['’](?=[^\W\d_])", re.I)
_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
# Words that join the parts of a name: "Place de la Concorde", "Ludwig van Beethoven".
_PARTICLES = set("de la le les du des d' van der den von vom zu da del della di dos das do e y el los las al bin "
                 "ten ter".split())
# Written only in one language: an opening ¿ or ¡, the German sharp s.
_MARKS = {"¿": "Spanish", "¡": "Spanish", "ß": "German", "ł": "Polish", "ą": "Polish", "ę": "Polish",
          "ż": "Polish", "ś": "Polish", "ğ": "Turkish", "ş": "Turkish", "ı": "Turkish", "å": "Swedish",
          "ø": "Danish or Norwegian", "æ": "Danish or Norwegian"}
_SCRIPTS = {"CYRILLIC": "Russian or another Cyrillic-script language", "ARABIC": "Arabic", "HEBREW": "Hebrew",
            "GREEK": "Greek", "CJK": "Chinese or Japanese", "HIRAGANA": "Japanese", "KATAKANA": "Japanese",
            "HANGUL": "Korean", "DEVANAGARI": "Hindi", "THAI": "Thai"}


def _script(text: str) -> str | None:
    if text.isascii():
        return None
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


def _words(question: str) -> list[str]:
    """The question's words that can tell its language: lower-cased, elided articles and
    hyphenated parts apart ("rappelle-t-elle"), names and the particles inside them left out."""
    tokens = _TOKEN.findall(question)
    capital = [i > 0 and t[0].isupper() for i, t in enumerate(tokens)]
    out: list[str] = []
    for i, token in enumerate(tokens):
        if capital[i]:
            continue
        # "de la" between two capitalised words belongs to a name ("Place de la Concorde").
        before = next((j for j in range(i - 1, max(-1, i - 3), -1) if tokens[j][0].isupper()), None)
        after = next((j for j in range(i + 1, min(len(tokens), i + 3)) if tokens[j][0].isupper()), None)
        if before is not None and after is not None and all(
                tokens[j].lower() in _PARTICLES for j in range(before + 1, after)):
            continue
        token = token.lower().replace("’", "'")
        elided = _ELISION.match(token)
        if elided:
            out.append(elided.group(0))
            token = token[elided.end():]
        out += [token, *token.split("-")[1:]] if "-" in token else [token]
    return out


def foreign_language(question: str) -> str | None:
    """The language a question seems to be in, when that is not English; else None."""
    script = _script(question)
    if script:
        return script
    words = _words(question)
    scores = {language: sum(w in vocabulary for w in words) for language, vocabulary in _WORDS.items()}
    for mark, language in _MARKS.items():
        scores[language] += 2 * (mark in question.lower())
    english = scores.pop("English")
    best = max(scores, key=lambda language: scores[language])
    # Several clear words of one other language, more than English has.
    if scores[best] >= 2 and scores[best] > english:
        return best
    return None


def english_only_reply(language: str) -> str:
    """What the user is told instead of a false "the articles don't say"."""
    return (f"Questions are understood in English for now; this one looks like {language}. "
            "Please ask it in English.")
