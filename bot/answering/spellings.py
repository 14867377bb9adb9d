"""One spelling for a word's British and American forms, on stems.

A reader asking "how many snowplows were out" about a story that counts "46
snowploughs" asks about what it says; so do "center" for "centre", "organized" for
"organised" and "traveled" for "travelled". `one_spelling` maps a stem (as
`stemming.stem` makes it: no plural, no -ed/-ing, no final e) to the form both
spellings share. It is applied to every word alike, so a stem it changes that has no
other spelling ("promis" to "promiz") still meets itself.
"""
from __future__ import annotations

import re

# Words whose spellings no rule below joins.
_WORDS = {"grey": "gray", "jewellery": "jewelry", "aluminium": "aluminum", "mould": "mold",
          "programm": "program", "catalogu": "catalog", "dialogu": "dialog", "sceptic": "skeptic",
          "sceptical": "skeptical", "artefact": "artifact", "kerb": "curb", "pyjama": "pajama",
          "manoeuvr": "maneuver", "judgement": "judgment", "acknowledgement": "acknowledgment",
          "skilful": "skillful", "defenc": "defens", "offenc": "offens", "licenc": "licens", "pretenc": "pretens",
          "tyr": "tir", "storey": "story", "whisky": "whiskey", "chequ": "check", "draught": "draft"}
_RULES = [
    (re.compile(r"plough"), "plow"),
    # Medical words: "paediatric", "haemorrhage", "anaemia", "oestrogen".
    (re.compile(r"paed"), "ped"), (re.compile(r"haem"), "hem"), (re.compile(r"aemi"), "emi"),
    (re.compile(r"anaes"), "anes"), (re.compile(r"^oestr"), "estr"), (re.compile(r"^foet"), "fet"),
    # "colour", "favourite", "harbour": three letters or more before (not "hour", "four", "flour").
    (re.compile(r"^([a-z]{3,})our(?=(it|abl|ful|less)?$)"), r"\1or"),
    # "centre", "metre", "theatre" lose their e to the stemmer: "centr" is "center".
    (re.compile(r"^([a-z]{2,}[^aeiour])r$"), r"\1er"),
    # "organise", "organisation", "analyse".
    (re.compile(r"^([a-z]{4,})is(ation)?$"), r"\1iz\2"), (re.compile(r"^([a-z]{3,})ys$"), r"\1yz"),
]
# "travelled", "cancelling", "modelled": one l in American English (not "Danielle").
_DOUBLE_L = re.compile(r"^([a-z]{3,}[^l])ll$")


def one_spelling(stem: str, double_l: bool = True) -> str:
    """The stem both spellings of a word share ("snowplough" and "snowplow": "snowplow");
    `double_l`: a final "ll" may be the British doubling (not for a stem that lost a final e)."""
    if stem in _WORDS:
        return _WORDS[stem]
    for pattern, replacement in _RULES:
        stem = pattern.sub(replacement, stem)
    return _DOUBLE_L.sub(r"\1l", stem) if double_l else stem
