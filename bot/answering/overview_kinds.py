"""The kinds of question about articles as wholes: who wrote one, when it appeared, a
summary, a comparison, what is new; and the words that only ask (what is left names
what the question is about)."""
from __future__ import annotations

import re
from functools import lru_cache

# What readers call an article, and the ways they ask when one appeared.
_PIECE = r"(articles?|story|stories|pieces?|reports?|interviews?|write-?ups?|columns?|features?|updates?|" \
         r"one (about|on|where))"
_CAME_OUT = r"(published|publish|posted|written|come out|came out|appear|appeared|printed|dated|" \
            r"go online|went online)"
_WHEN = r"(when|wh?at date|which date|wh?at day|which day|how long ago)"
# A piece of journalism and nothing else ("the report" may be a council's).
_ARTICLE = r"(article|story|piece|write-?up|column)"
# Where a piece appeared, as readers call it.
_OUTLET = r"(paper|newspaper|outlet|publication|news ?site|website|site|magazine|news outlet)"
_WHICH_OUTLET = rf"\b(which|what) {_OUTLET}"
# The last word of a news outlet's name ("Tanevale News", "the Harbour Gazette").
_NEWS_NAME = r"(news|times|gazette|herald|post|journal|chronicle|echo|mail|wire|press|express|observer|tribune|" \
             r"telegraph|standard|courier|guardian|independent|mirror|argus|advertiser|bulletin|daily|weekly|bbc|" \
             r"they)"
# Who writes a piece, and what readers call them.
_WRITER = r"(author|writer|reporter|journalist|journo|correspondent|columnist)"
# A piece named only by pointing back at the last answer's article ("when did that come out?").
_THAT_ONE = r"(it|that|this|that one|this one|the (article|story|piece|report))"
# "where are things at with the pay fight": the story's latest
_WHERE_AT = r"\bwhere (are|do) things (at |stand )?(with|on)\b"
# "what's changed since the first Millbrook story", "has anything happened with Ostrel since the fire"
# ("what's happened since?" follows the conversation instead)
_SINCE_THEN = rf"\b(anything|what)(\s?'s| has)? (changed|happened) (with|to|at|on) \w.*\bsince\b|" \
              rf"\b(changed|happened|new|news|updates?) since the (first|original|earlier|last) ([\w-]+ ){{0,3}}" \
              rf"{_PIECE}\b"
# One story told at two times: "how big did the fire get compared to what was first reported",
# "how many flights were cancelled at first and how many by the end", "how long were they told
# they'd be out and how long was it really" (not "who scored first and who won in the end").
TWO_TIMES = (r"\bcompared (with|to) (what|how)\b[^?]*\b(first|originally|initially|planned|expected|promised|"
             r"forecast|predicted|thought|said)\b|"
             r"\b(at first|initially|originally|to begin with|first (reported|report|said|say|thought|think|told|"
             r"tell|planned|announced|announce|expected|expect)|in the first (report|article|story|piece)|planned|"
             r"expected|promised|told)\b"
             r"[^?]*\b(and|but|vs\.?|versus)\s+(how|what|who|when|where|why)\b[^?]*"
             r"\b(now|really|actually|in the end|by the end|finally|eventually|in reality|after all|ended up|end up)\b|"
             # "how long a stretch did they think was affected at first compared with now"
             r"\b(at first|initially|originally|to begin with|in the first (report|article|story|piece))\b[^?]*"
             r"\bcompared (with|to) (now|today|these days|the (latest|update|later (one|report|article|story)))\b|"
             # "how many sailings a day before and after the deal"
             r"^\W*(how|what)\b[^?]*\bbefore and after (the |this |that )?(deal|agreement|settlement|change|changes|"
             r"decision|vote|ruling|u-turn|climbdown|compromise|talks)\b")
_KINDS = (
    ("author", re.compile(r"\bwho (wrote|authored|penned|reported|is the (author|writer|reporter) of)\b|"
                          r"\b(author|writer|byline) of\b|\bwritten by (whom|who)\b|\bwho('s| is) the author\b|"
                          r"\bwho (did|conducted) the (interview|story|piece|report|article)\b|\bwho interviewed\b|"
                          # (not "who covered the cost of the concert")
                          rf"\bwho (covered|reported on|wrote up)\b(?! (?:the |their |its |his |her )?(?:[\w-]+ )?"
                          r"(?:costs?|bills?|fees?|expenses|tab|shortfall|losses|damages?)\b)"
                          rf".*\b({_PIECE}|case|trial|hearing|match|game|event|"
                          r"meeting|tournament|festival|election|sentencing|inquest|verdict|final|semi-final|race|"
                          r"fight|derby|cup|concert|show|launch|ceremony|debate|protest|rally|conference|auction)\b|"
                          # "who covered the sentencing for the echo": for an outlet, a reporter
                          rf"\bwho (covered|reported on|wrote up|wrote about)\b.*\b(for|in) (the )?([\w-]+ )?"
                          rf"{_NEWS_NAME}\W*$|"
                          r"\b(which|what) (reporter|journalist|writer) (wrote|covered|reported|filed)\b|"
                          # "who's the reporter on the X story", "X report, whos the writer" (not "who's the
                          # reporter who was attacked")
                          rf"\bwho(\s?'?s| is| was)? the {_WRITER}( (on|of|for) (the|this|that)\b.*\b{_PIECE}\b|"
                          r" behind (the|this|that)\b|\W*$)|"
                          rf"\b(which|what) {_WRITER} (wrote|covered|reported|filed|did|is|was)\b.*\b{_ARTICLE}\b|"
                          rf"\b(which|what) {_WRITER} (wrote|covered|reported on|filed)\b|"
                          rf"\bwhose (byline|name)\b.*\b{_PIECE}\b|\bwhose byline\b|"
                          rf"\bwho (did|covered|reported on|wrote up)\b.*\b{_PIECE}\b|"
                          rf"\b{_PIECE},? (by )?({_WRITER}|byline)\W*$",
                          re.I)),
    # what an article's details do not keep: who took its photographs or edited it, its section
    ("credit", re.compile(r"\bwho (took|shot) the (pics|photos|pictures|photographs|images)\b|"
                          rf"\b(photographer|photo credit|editor)\b.*\b{_PIECE}\b|\bwho edited\b.*\b{_PIECE}\b|"
                          rf"\b(what|which) (section|page|edition)\b[^?]*\b{_ARTICLE}\b|"
                          rf"\b{_ARTICLE}\b[^?]*\b(what|which) (section|page|edition)\b", re.I)),
    # "which paper ran the X piece", "what publication is the X article from", "which site was it
    # that covered the X story" (not "which site had the most damage", "who ran the marathon")
    ("site", re.compile(rf"{_WHICH_OUTLET}\b[^?]*\b{_ARTICLE}\b|"
                        rf"{_WHICH_OUTLET} (is|was) (it|that|this)( one)? (from|in)\b|"
                        rf"{_WHICH_OUTLET} (was|is) it that (covered|ran|published|carried|printed)\b|"
                        rf"{_WHICH_OUTLET} (ran|published|carried|printed|put out) "
                        rf"((the|this|that)\b[^?]*\b{_PIECE}\b|(it|that|this)( one)?\W*$)|"
                        rf"\bwho (published|ran|carried|printed) (the|this|that) ([\w-]+ ){{0,4}}{_ARTICLE}\b", re.I)),
    # "when did Luther publish his translation" asks when he did, not when the article came out
    ("published", re.compile(rf"\bwhen (was|were)\b.*\b(published|posted)\b|"
                             rf"\bwhen did\b.*\b(publish|post)( (it|this|that)( one)?)?\W*$|"
                             rf"\bwhen did (the )?([\w&'’-]+ ){{0,3}}({_OUTLET}|{_NEWS_NAME}) (publish|post)\b|"
                             rf"\bwhen did\b.*\b(run|print|carry|put out) (the|its|this|that|their) "
                             rf"([\w-]+ ){{0,3}}{_PIECE}\b|"
                             rf"\bwhen did (the )?[\w ]{{0,30}}\bput (the|its|this|that|their) ([\w-]+ ){{0,4}}"
                             rf"{_PIECE} out\b|\b{_PIECE},? when(\s?'s| is| was) (that|it|this) from\b|"
                             rf"\bwhen (the )?[\w ]{{0,30}}\b(ran|printed|put out|posted) (the|its|this|that|their) "
                             rf"([\w-]+ ){{0,4}}{_PIECE}\b|^\W*(the )?(date|day) (on|of)\b.*\b{_PIECE}\b|"
                             rf"\b{_WHEN}\b.*\b{_PIECE}\b.*\b{_CAME_OUT}\b|\b{_WHEN}\b.*\b{_CAME_OUT}\b.*\b{_PIECE}\b|"
                             rf"\b(publication|publish|posting) date\b|\b(date|day) of (the|this|that)\b.*\b{_PIECE}\b|"
                             rf"\b{_WHEN}(\s?'s| is| was) (the|this|that)\b.*\b{_PIECE} from\b|"
                             rf"\bwhat('s| is| was) the (date|day) (on|of)\b.*\b{_PIECE}\b|"
                             rf"\b{_WHEN} did\b.*\b{_PIECE} (go up|go out|come out|appear|run|go online)\b|"
                             # "when was the first wildfire report out"
                             rf"\bwhen (was|were|is) (the )?([\w'’-]+ ){{0,3}}{_PIECE} out\b|"
                             r"\bhow (old|recent) is (the|this|that)\b.*\b(article|story|piece)\b|"
                             rf"\b{_WHEN} (is|was) on\b.*\b{_PIECE}\b|"
                             rf"\b{_PIECE},? {_WHEN} (was|is) (that|it|this)\W*$|"
                             rf"\bwhen (was|is) {_THAT_ONE} out\W*$|\b{_PIECE}\b.*\bwhen (was|is) (that|it) out\b|"
                             rf"\bwhen did {_THAT_ONE} (come out|appear|go up|go online|go out|run)\b|"
                             rf"\b{_PIECE}('s)? (date|dated)\W*$", re.I)),
    ("summary", re.compile(r"\b(summari[sz]e|summary|sum up|overview of|recap|tl;?dr|rundown|gist|in short)\b|"
                           r"\bin (a|one) (sentence|line|few words)\b|\bin (two|a couple of|a few) (sentences|lines)\b|"
                           r"\b(short|quick|brief) version\b|\bin a nutshell\b|\bboil (it |this |that )?down\b|"
                           r"\b(run|walk|take) me through\b|"
                           r"\b(key|main) points of\b|"
                           r"\bwhat('s| is| was) (the|this|that) (article|story|piece|report) about\b|"
                           r"\bwhat('s| is| was) the \w+(\s\w+){0,2} (article|story|piece|report) about\b", re.I)),
    ("compare", re.compile(r"\b(compare|comparison|in common|similarities|differences|differ|contrast)\b|"
                           # "what has lowe said about the square compared with the library" (not "compared
                           # with 2019", "compared to last year": one thing at two times)
                           r"\b(say|said|says)\b[^?]*\bcompared (with|to) (?!(the )?(last|previous|earlier|"
                           r"(19|20)\d\d|before|then|now)\b)|"
                           r"\b(difference|different) (between|from)\b|\bwhat(\s?'s| is) the difference\W*$|"
                           r"\bhow (are|were|is|was) (these|those|the) (two|both)\b.*\bdifferent\b|"
                           # "the bus cut vs the job losses: which hits more people", "said then vs three weeks later"
                           # after "vs", what compares ("the bus cut vs the job losses: which hits more people",
                           # "said that night vs three weeks later"), not "harriers vs wexley, which team won"
                           r"\b(vs\.?|versus)\b[^?]*\b(more|bigger|smaller|difference|different|differ|second|later|"
                           r"original|follow-up|changed?|compare|same|similar|which one|which is|which was)\b|"
                           # "what the union wanted vs what it got", "did she say the same thing both times"
                           r"\bwhat\b[^?]*\b(vs\.?|versus) what\b|\bboth times\b|\bstack(s)? up (against|with)\b|"
                           r"\bside by side\b|\bdifferences\W*$|"
                           r"\bhow (are|were) (they|these|those|the two|both)( \w+)? different\b|"
                           # "which is bigger money, the broadband project or the warehouse"
                           r"\b(which|what)(\s?'s| is| was| one'?s)? (bigger|larger|smaller|more|less|higher|lower|"
                           r"longer|shorter|cheaper|costlier|older|newer)\b[^?]*\bor\b|"
                           r"^\W*(more|fewer|bigger|higher) \w+(\s\w+)?:[^?]*\bor\b|"
                           rf"^\W*(did|has|have|had)\b.*\bchanged?\b.*\b(between\b.*\b{_PIECE}|from the (first|"
                           r"original|earlier) (\w+ )?(report|article|story|piece))\b|"
                           r"\b(how|what) (did|has|have|had)\b.*\bchange\b.*\b(between|from)\b|"
                           # "how did kine's take shift from the vote to the parade" (a verb, not "the shift from")
                           r"\bhow (did|has|have|had)\s+(\S+\s+){1,8}?(shift|evolve)\s+(between|from)\b|"
                           r"\bwhat changed between\b|\b(how|what)\b.*\bchanged\b.*\bbetween (?:the )?(?:two|both)\b|"
                           r"\b(vs\.?|versus) (now|then|today)\b|\bthen and now\b|"
                           # "grounding report vs court report: what happened with the birds"
                           # (not "Celtic vs Rangers report: who scored?")
                           rf"\b{_PIECE}\s+(vs\.?|versus)\s+(the\s+)?([\w-]+\s+){{0,2}}{_PIECE}\b|"
                           # "how big was the crowd at each meeting", "what did he say each time"
                           r"\b(in|at) each( [\w-]+){0,2} (article|story|piece|report|meeting|hearing)\b|"
                           r"\bsay each time\W*$|"
                           r"\b(vs\.?|versus)\b[^?]*\b(in|for) (each|both)\W*$|"
                           # "the bridge repairs vs the school extension, what's each one costing" (not "how many
                           # tries did each one score": a match)
                           r"\b(vs\.?|versus)\b[^?]*\beach (one|of them)\b[^?]*\b(cost|costs|costing|worth|priced)\b|"
                           + TWO_TIMES + "|"
                           r"\b(first|earlier|original|older) (\w+ ){0,2}(story|article|piece|report)\b"
                           r"[^?!.]{0,80}\b(vs\.?|versus|and)\b[^?!.]{0,40}\b(second|later|latest|newer|new)\b",
                           re.I)),
    ("latest", re.compile(r"\b(new|news|newest|latest|recent|most recent|most recently|lately|updates?)\b|"
                          r"^\W*(what(\s?'s| is)|(have you )?got( anything)?|anything) fresh\W*$|" + _WHERE_AT + "|"
                          + _SINCE_THEN,
                          re.I)),
)
_ASKING_WORDS = re.compile(
    r"\b(which|what) (paper|newspaper|outlet|publication|news ?site|website|site|magazine|news outlet)\b|"
    r"\bwhose (byline|name)\b|\bhow long ago\b|\bwh?at (date|day)\b|\bwrite-?ups?\b|"
    r"\b(who|wrote|authored|penned|reported|covered|run|ran|carry|carried|journalist|journo|reporter|author|writer|"
    r"correspondent|columnist|published by|outlet|byline|took|shot|pics|photos|pictures|photographs|images|"
    r"photographer|editor|edited|section|page|edition|when|was|were|did|published|publish|posted|"
    r"written|come out|came out|appear|appeared|printed|released|dated|go online|went online|go up|went up|"
    r"go out|went out|publication|date|"
    r"day|summari[sz]e|summary|sum up|overview|recap|tl;?dr|rundown|"
    r"please|give|me|a|an|the|of|on|about|article|articles|story|stories|piece|report|what|whats|is|this|that|"
    r"compare|comparison|in common|similarities|differences|difference|different|differ|contrast|do|these|"
    r"those|two|have|between|em|"
    r"and|with|vs|versus|new|news|newest|latest|recent|most|lately|updates?|anything|any|tell|show|which|my|one|"
    r"gist|brief|short|in short|can|you|i|it|here|today|this week|week|weekend|month|days|past|last|few|in|are|"
    r"there|s|from|at|out|version|nutshell|boil|ve|got|came|recently|thing|stuff|fresh|sentence|sentences|or|"
    r"where are things at|where are things|where do things stand|could|would|like to know|know|wondering|im|d|"
    r"trying to find|pls|"
    r"plz|u|briefly|through|walk|side by side|stack up against|similar)\b|[?!.,'’\"“”‘]|\s-\s",
    re.I)
# What else "what's changed since the first Millbrook story" asks with.
_SINCE_THEN_ASKED = re.compile(_SINCE_THEN, re.I)
_SINCE_WORDS = re.compile(r"\b(has|anything|changed|happened|since|with|first|the)\b", re.I)


# The kinds answered from an article's details (byline, dateline, metadata).
DETAIL_KINDS = ("author", "credit", "site", "published")

# "in the past three days": a period, which `recency` reads, not a topic.
_PERIOD = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|couple of) "
                     r"(hours?|days?|weeks?|months?|years?)\b", re.I)


def topic_of(text: str) -> str:
    """The words of a question that name what it is about, the asking words left out."""
    return " ".join(_ASKING_WORDS.sub(" ", _PERIOD.sub(" ", text)).split())


# "What's the latest on the tram?", "anything new about the wind farm": the newest
# article on a topic; "what's the new species called" asks something else.
_LATEST_ON = re.compile(r"\b(latest|newest|news|(anything|something|what's|what is) (new|recent)|"
                        r"(any|an|the|latest|new) "
                        r"updates?|most recent)( (news|updates?|developments?|stories|story))? "
                        r"(on|about|with|for|regarding|from|in|at)\b|" + _SINCE_THEN + "|" + _WHERE_AT + "|"
                        r"^\W*(the )?(latest|newest|news|updates?)\b|\b(news|updates?|latest)\W*$|"
                        # "hatherley meadows, what's new?"
                        r"\b(what(\s?'s|’s|s| is)|anything|something) new\W*$", re.I)


# Words without which a kind's long pattern cannot match: most questions skip it at once
# (every question is read for its kind before it is answered).
_GATES = {
    "published": re.compile(r"\b(when|date|dated|day|ago|publish|published|publication|posted|post|posting|old|"
                            r"recent)\b", re.I),
    "compare": re.compile(r"compar|differ|common|similar|contrast|\bvs\b|versus|chang|shift|evolv|both|side|stack|"
                          r"\bor\b|each|then|"
                          r"more|fewer|bigger|higher|first|original|earlier|older|newer|later|second|"
                          r"initially|planned|expected|promised|told|before and after", re.I),
}


# Asked twice of each question (whether it points at no article, then to answer it).
@lru_cache(maxsize=1_024)
def kind_of(question: str) -> tuple[str, str] | None:
    """(kind, what it is about) for an overview question, else None."""
    for kind, pattern in _KINDS:
        gate = _GATES.get(kind)
        if (gate is None or gate.search(question)) and pattern.search(question):
            topic = topic_of(question)
            if kind == "latest" and topic and not _LATEST_ON.search(question):
                return None
            if kind == "latest" and _SINCE_THEN_ASKED.search(question):
                topic = " ".join(_SINCE_WORDS.sub(" ", topic).split())
            return kind, topic
    return None
