"""Questions typed as people chat, put into the words the articles use.

A Discord question often drops apostrophes ("whats", "didnt") and shortens words
("ppl", "govt", "yrs"). Every later step matches words: "whats the new species
called" must be read as "what's", and "how many ppl" count people.
"""
from __future__ import annotations

import re

# "its" and "were" are words too ("its chair", "they were"): they stay.
_CONTRACTIONS = {w.replace("'", ""): w for w in (
    "what's", "who's", "where's", "when's", "how's", "why's", "that's", "there's", "it's", "he's", "she's",
    "isn't", "wasn't", "aren't", "weren't", "didn't", "doesn't", "don't", "won't", "can't", "hasn't",
    "haven't", "hadn't", "shouldn't", "couldn't", "wouldn't", "they're", "they've", "we're", "you're")
    if w.replace("'", "") not in ("its", "were")}
# Only shorthand that is no word of its own, and the plain words a question uses for a report's
# ("cops", "kids", "folks"); capitalised ones are names ("min wage", "HR", "BC Ferries", "Kids Company" stay).
_SHORTHAND = {
    "ppl": "people", "peeps": "people", "govt": "government", "yr": "year", "yrs": "years", "hrs": "hours",
    "mins": "minutes", "wk": "week", "wks": "weeks", "cuz": "because", "coz": "because", "abt": "about",
    "thru": "through", "tho": "though", "u": "you", "ur": "your", "pls": "please", "plz": "please",
    "tmrw": "tomorrow", "yday": "yesterday", "approx": "approximately", "bday": "birthday", "w/": "with",
    "w/o": "without", "&": "and", "vs": "versus", "womens": "women's", "mens": "men's", "childrens": "children's",
    "folks": "people", "wen": "when", "wat": "what", "wht": "what", "wats": "what's", "cops": "police",
    "cop": "police", "kids": "children", "kid": "child", "compo": "compensation", "ceo": "chief executive",
    "uni": "university", "dodgy": "faulty", "tix": "tickets", "gonna": "going to", "wanna": "want to",
    "gotta": "have to", "guy": "man", "bloke": "man", "blokes": "men",
}
# A word inside "u-turn", "gov.uk" or "U.S." is no shorthand.
_WORD = re.compile(r"(?<![\w/&.'’-])(w/o|w/|&|[A-Za-z]+)(?![\w/&'’.-])")


# "where r ppl meant to park": "r" is "are" after a question word or a pronoun (not "the r number").
_ARE = re.compile(r"\b(where|what|how|who|why|when|which|there|they|we|you|u|ppl|people|so)\s+r\b", re.I)
# "when did the limit kick in": what a report says took effect (not "kicked in the head").
_KICK_IN = re.compile(r"\bkick(?P<ending>s|ed|ing)? in\b"
                      r"(?!\s+(?:the|a|an|his|her|their|its|my|your|our|this|that|[\w-]+['’]s)\b)", re.I)
_TAKE = {None: "take", "s": "takes", "ed": "took", "ing": "taking"}


_PERFECT = re.compile(r"\b(has|have|had|hasn't|haven't|hadn't)\b", re.I)


def _takes_effect(m: re.Match[str]) -> str:
    ending = m.group("ending") and m.group("ending").lower()
    perfect = ending == "ed" and _PERFECT.search(m.string[:m.start()])
    return "taken effect" if perfect else f"{_TAKE[ending]} effect"


# "could you tell me who Maren Holt is, please?": a polite frame around the question proper,
# whose own words ("tell", "know") no article answers with.
_FRAME = re.compile(r"^\W*(?:(?:hi|hey|hello)\b[\s,!.]*)?"
                    r"(?:(?:could|can|would|will) (?:you|u|someone|anyone)(?: please| pls)? "
                    r"(?:(?:tell|let) me(?: know)?|explain(?: to me)?)|(?:please |pls )?explain(?: to me)?"
                    r"|(?:do|does) (?:you|u|anyone|anybody) know|i(?:'d| would) like to know|i want to know"
                    r"|i was wondering|i wonder|(?:please |pls )?tell me)\s*,?\s*"
                    r"(?=(?:who|whose|what|when|where|why|how|which|whether|if)\b)", re.I)
_THANKS = re.compile(r"(?:[\s,]+(?:please|pls|plz|thanks|thank you(?: so much)?))+(?=\W*$)", re.I)
# "who Maren Holt is": the verb an embedded question puts last goes back after the question word.
# ("what time it is" and "what day the final is" keep their order: "what time" is the question word)
_EMBEDDED = re.compile(r"^(who|where|when|what(?=\s+(?:the|a|an|his|her|their|its|my|your|our|this|that)\b))\s+"
                       r"(?!(?:is|was|are|were)\b)(.+?)\s+(is|was|are|were)(\W*)$", re.I)


def unframed(question: str) -> str:
    """The question out of a polite frame ("could you tell me ...", "do you know ...",
    "..., please"), asked directly ("who Maren Holt is" as "who is Maren Holt")."""
    inner = _FRAME.sub("", question, count=1)
    if inner == question:
        return question
    inner = _THANKS.sub("", inner)
    return _EMBEDDED.sub(lambda m: f"{m.group(1)} {m.group(3)} {m.group(2)}{m.group(4)}", inner)


# "how big a raise do they want": the American pay raise is the British pay rise the articles
# write ("raised £62,000" is money collected).
_PAY_RAISE = re.compile(r"\b(a|the|pay|their|his|her|its|big|bigger|small|smaller|another|any) raise(s?)\b", re.I)


# "how quick was the ride going": a speed, asked as "how fast" ("how quick was the ambulance to
# arrive" asks a time, and "how quickly" may ask a time or a rate).
_HOW_QUICK = re.compile(r"\bhow quick\b(?=[\w'’ ]*\b(?:going|travelling|traveling|moving|driving|flying|running|"
                        r"riding|spinning)\b)", re.I)


def plain_question(question: str) -> str:
    """The question with chat shorthand spelt out and dropped apostrophes restored;
    words in capitals (names, "U.S.") are left as they are."""
    question = _PAY_RAISE.sub(lambda m: f"{m.group(1)} rise{m.group(2)}", unframed(question))
    question = _ARE.sub(lambda m: f"{m.group(1)} are", question)
    question = _KICK_IN.sub(_takes_effect, question)
    question = _HOW_QUICK.sub("how fast", question)
    def spelt(m: re.Match[str]) -> str:
        word = m.group(1)
        if word != word.lower() and not word.istitle():
            return word  # "US", "ABC": an abbreviation or a name
        low = word.lower()
        if word.istitle() and (m.start() > 0 or re.match(r"\s+[A-Z]", question[m.end():])):
            return word  # a capitalised word inside the question, or before another, is a name
        full = _CONTRACTIONS.get(low) or _SHORTHAND.get(low)
        if full is None:
            return word
        return full.capitalize() if word.istitle() else full
    return _WORD.sub(spelt, question)


# "hello", "thanks!", "ok cool": no question, so nothing to look up (a search would cite
# whatever passage came nearest).
_SMALL_TALK = frozenset("hi hey hello hiya yo howdy thanks thank you ty thx cheers ok okay k cool great nice awesome "
                        "perfect good morning afternoon evening night bye goodbye cya lol np sure yes no yep nope "
                        "yeah there all everyone folks guys bot so much very again".split())
SMALL_TALK_REPLY = ("Ask me a question about the articles in this library, and I will answer from them, "
                    "quoting the sentences that say so.")


def is_small_talk(message: str) -> bool:
    """True when the message is only a greeting, thanks or an acknowledgement ("hi", "thanks!", "ok")."""
    words = re.findall(r"[a-z]+", message.lower())
    return bool(words) and all(w in _SMALL_TALK for w in words)
