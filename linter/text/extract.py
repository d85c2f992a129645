"""Text -> figures: the extractor behind "unsourced figures" and ``factlint scan``.

``extract_figures(text)`` returns every figure it is sure of as a ``Quantity`` with its span.
Precision beats recall: a figure it cannot read with confidence is left out, because a linter
that invents figures makes false findings, while a figure it misses only weakens one check.
Pure ``re``, everything compiled at import, no dependencies: quantulum3 and dateparser were
measured too slow and too wrong for this (DESIGN.md).

What it reads, and the choices made where English is ambiguous:

* Numbers: digits with thousands separators and decimals ("1,208", "593.7", "25 000" and
  "12\u202f500" with a space or a narrow no-break space, but a group of four digits is no
  thousands group: "In 2019 250 people" is a year and a count); magnitude words
  and abbreviations (thousand, million, billion, trillion, bn, tn, mn, 万, 亿). The single
  letters k / m / b are magnitudes only right after a currency ("$700m", "$5B"): elsewhere
  "100m" is metres and "910B" is a chip name.
* Currencies (the tables are in ``linter.text.lexicon``): $ (read as USD, as in the
  English-language press), US$, HK$, NT$ (TWD), A$, C$, S$, € (EUR), £ (GBP), ¥ and CN¥ (CNY:
  ¥ is ambiguous with the yen, and the seeds are about China; JP¥ is JPY), ₩ (KRW), ISO codes
  before or after the number, € £ ¥ ₩ after it ("25 €"), and the words after it: dollars,
  US / Hong Kong / Taiwan / Singapore / Australian / Canadian dollars, Swiss francs, yuan,
  renminbi, RMB, euros, yen, won (only with a magnitude: "won" is mostly the verb), pounds,
  cents (US) and pence (British) as hundredths, 元, 美元, 港元. Pounds that weigh something
  ("weighed 7 pounds", "5 pounds of apples") give no figure. Money as a compound adjective
  ("a $2 million-a-year deal", "a $15-an-hour wage") is the money. Dimension "currency:XXX",
  never converted.
* "%", percent, per cent, pct are percent; "percentage points" (and "pp") and "basis points"
  (divided by 100) are percentage points: never the same dimension.
* Ranges: "80-85 percent", "80 to 85", "$5-6 billion", "between X and Y", en dashes; the unit
  and magnitude of the high end apply to the low end. "from X to Y" is a change, not a range:
  it gives two figures. A bare pair without unit or qualifier ("10-20 people") is a range
  only when the high end is above the low end, at most ten times it, and neither end is a
  four-digit run ("555-1234" is a phone number); a hyphenated pair that is no range
  ("2024-25", "978-3-16-148410-0") gives nothing at all.
* Qualifiers become bounds: about / around / some / roughly / approximately / circa / an
  estimated -> approximate; nearly / almost / close to / just under -> approximate-not-above;
  more than / over / above / exceeding / in excess of -> lower; at least / no fewer than ->
  lower-inclusive; up to / at most / as many as / no more than -> upper-inclusive; less than /
  fewer than / under / below -> upper. Trailing "+", "-plus", "or more" -> lower-inclusive.
  For dates: since -> lower-inclusive, after -> lower, before -> upper, by / until / through
  -> upper-inclusive.
* Multipliers ("times"): "2.5 times", "2.5x", "tenfold", "nine-fold", "twice as". "double"
  "triple" and "quadruple" count with a qualifier ("more than double" = more than 2 times) or
  as a verb after "to" or a modal ("could triple", "expected to double"), and "doubled" /
  "tripled" as a plain verb; never in idioms ("doubles down", "double standards",
  "triple-digit", "the Triple Crown").
* Spelled-out numbers, compounds included ("four hundred and sixty million", "three thousand
  five hundred", "a hundred and fifty"): two..ninety-nine with a unit ("three years", "five
  more years", "three-minute", "ten times", "Nine-Fold") or before a plural noun ("two strategic
  alliances"); "one" only with a magnitude ("one billion"); "a"/"an" only with a magnitude,
  "dozen", "decade" or "century" ("more than a billion users", "nearly a century"); "half a
  million"; fractions of a whole ("two-thirds of", "half of", "a quarter of") as percent.
  Vague plurals ("billions of dollars", "tens of billions of dollars") are ranges from the
  magnitude to the next one ([1e9, 1e12], [1e10, 1e11]) and only with a currency: "invested
  billions", "tens of billions", "dozens", "a couple of dozen", "a handful" are not figures.
* Lengths (mm, cm, m, km, nm, ft / feet, mi / miles, inches), power (W ... TW, watts ...
  terawatts), energy (Wh ... TWh, watt-hours ... terawatt-hours), durations (seconds ...
  centuries; a year is 365.25 days; "4,000-year-old" is a duration), data sizes (KB ... PB,
  kilobytes ... petabytes, decimal: "512GB" is 512e9 bytes). "over" before a duration that
  follows another figure or a verb of spreading means across it, not more than it ("$30
  billion over ten years", "repaid over 12 months"): that duration is exact.
* Dates: "2025-07-30", "January 20, 2025", "Jan. 20, 2025", "20 January 2025", "the 20th of
  January 2025", "Jan. 2025", "Oct 13, 2025" at day or month precision. A four-digit number is
  a year (year precision) when it reads as one: 1800-2199 after in / since / by / until /
  before / after / during / through / between, 1900-2100 after other words or none, and never
  when a plural noun follows ("Huawei and 2000 other enterprises", "in 2000 cases" are counts).
  "2019-2024" is a range of years. A month and day without a year ("October 1", "September
  3", "on 3 September") is relative: it is left to ``linter.text.dates``, as are "three years
  ago", "2 years and 6 months ago", "three days before yesterday", "the last two weeks of
  March", "last month", "this week". An impossible date ("February 29, 2023") is no figure.
* Not figures: identifiers (H-1B, R1, A100, H20, H100, 910B, Qwen2.5, GPT-4, FH-97,
  COVID-19, 5G), a bare number right after a capitalised name ("ERNIE 4.0", "iPhone 17",
  "SEAL Team 6", "Resolute Dragon 2025") or a label ("No. 1", "page 12", "table 3"),
  ordinals, ranks and decades ("first", "second-largest", "21st", "1990s"), a lone digit
  before punctuation (list markers, "1 | 2"), clock times ("0:00", "9 a.m."), temperatures
  ("40°C": no unit in the table), version strings ("5.1.2"), hyphenated digit junk,
  adjective compounds ("two-way", "3-D", "20-member"), negative numbers (not reliably told
  from hyphenation) and "a billion-dollar" (an order of magnitude used as an adjective).
"""

from __future__ import annotations

import re
from datetime import date

from linter.text.dates import (
    DateInterval,
    day_interval,
    month_interval,
    over_spans_time,
    year_interval,
)
from linter.text.foldcase import regex_letters
from linter.text.lexicon import (
    CJK_CURRENCY_WORDS,
    CURRENCY_CODES,
    CURRENCY_PREFIXES,
    CURRENCY_SUFFIXES,
    CURRENCY_WORDS,
    MAGNITUDES,
    MONTH_ABBREVIATIONS,
    MONTHS,
    MULTIPLIER_WORDS,
    NUMBER_WORDS,
    SPELLED_NUMBER,
    UNIT_FACTORS,
    VAGUE_MAGNITUDES,
    WEIGHT_CUES,
)
from linter.text.quantity import Quantity, date_quantity, digit_steps

__all__ = ["extract_figures"]

# --------------------------------------------------------------------------- vocabularies

_MONTHS = {name[:3].lower(): number for name, number in MONTHS.items()}
# Full names, then abbreviations, longest first ("Sept" before "Sep").
_MONTH_RE = "(?:" + "|".join(
    [*MONTHS, *sorted({*MONTH_ABBREVIATIONS, "Sep"}, key=lambda a: (-len(a), a))]
) + ")"

_MAGNITUDES = MAGNITUDES
_VAGUE_MAGNITUDES = VAGUE_MAGNITUDES
_CURRENCY_PREFIXES = CURRENCY_PREFIXES
_ISO_CODES = CURRENCY_CODES
_UNIT_FACTORS = UNIT_FACTORS


def _currency_word(word: str) -> tuple[str, float]:
    """(ISO code, value of one in the main unit) of a currency word or code after a number."""
    w = " ".join(word.lower().split())
    if w.upper() in _ISO_CODES:
        return w.upper(), 1.0
    if w in CJK_CURRENCY_WORDS:
        return CJK_CURRENCY_WORDS[w], 1.0
    return CURRENCY_WORDS.get(w, ("USD", 1.0))


_QUALIFIER_BOUNDS: dict[str, str] = {}
for _bound, _phrases in (
    (
        "approximate",
        "about|around|roughly|approximately|approx.|some|circa|c.|an estimated|estimated|~|约|大约",
    ),
    ("approximate-not-above", "nearly|almost|close to|just under|just shy of|近|将近|接近"),
    (
        "lower",
        "more than|over|above|exceeding|in excess of|upwards of|well over|well above|just over"
        "|greater than|超过|逾|超",
    ),
    ("lower-inclusive", "at least|no less than|no fewer than|a minimum of|至少"),
    ("upper", "less than|fewer than|under|below|不到|不足"),
    (
        "upper-inclusive",
        "up to|at most|no more than|a maximum of|as many as|as much as|as high as|最多|多达",
    ),
):
    for _w in _phrases.split("|"):
        _QUALIFIER_BOUNDS[_w] = _bound
_DATE_CUE_BOUNDS = {
    "since": "lower-inclusive",
    "after": "lower",
    "before": "upper",
    "by": "upper-inclusive",
    "until": "upper-inclusive",
    "till": "upper-inclusive",
    "through": "upper-inclusive",
    "up to": "upper-inclusive",
}
del _bound, _phrases, _w

# Words that may sit between a number and what follows without making the number a count of
# that word; also the words that do not make a preceding capitalised word a name.
_FUNCTION_WORDS = frozenset(
    (
        *("a", "an", "the", "and", "or", "but", "nor", "so", "yet", "as", "if", "than", "then"),
        *("in", "on", "at", "of", "for", "from", "to", "by", "with", "without", "into", "onto"),
        *("over", "under", "above", "below", "about", "around", "after", "before", "since"),
        *("until", "till", "during", "through", "between", "among", "amid", "against"),
        *("despite", "per", "via", "within", "across", "toward", "towards", "up", "down"),
        *("out", "off", "when", "while", "where", "which", "who", "whom", "whose", "that"),
        *("this", "these", "those", "it", "its", "he", "she", "they", "we", "you", "i"),
        *("his", "her", "their", "our", "your", "my", "is", "are", "was", "were", "be"),
        *("been", "being", "will", "would", "could", "should", "may", "might", "must"),
        *("can", "has", "have", "had", "do", "does", "did", "not", "no", "all", "each"),
        *("some", "nearly", "almost", "roughly", "approximately", "more", "less", "fewer"),
        *("least", "most", "only", "just", "also", "even", "still", "already", "again"),
        *("according", "compared", "versus", "vs", "including", "like", "such", "another"),
        *("other", "times", "early", "mid", "late", "circa", "fiscal", "year", "every"),
        *("said", "says", "say", "told", "reported", "estimated", "an", "top", "exceeding"),
    )
)
# Words after a four-digit year-like number that show it counts something.
_COUNT_ADJECTIVES = frozenset(("other", "more", "new", "additional", "extra", "people"))
_YEAR_CUES_STRONG = frozenset(
    ("in", "since", "by", "until", "till", "before", "after", "during", "through", "between")
)
_YEAR_CUES_WEAK = frozenset(
    ("from", "of", "for", "to", "and", "circa", "early", "mid", "late", "year", "fiscal")
)

# --------------------------------------------------------------------------- patterns

_SPELLED = SPELLED_NUMBER
# Thousands grouped with commas, or with spaces as much of Europe prints them ("25 000", a
# narrow no-break space in "12\u202f500"); a group of four digits is no thousands group, so
# "In 2019 250 people" stays a year and a count.
_GROUP_SPACE = "[ \u00a0\u202f\u2009]"
_NUMBER = (
    rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:{_GROUP_SPACE}\d{{3}})+(?!\d)(?:\.\d+)?"
    r"|\d+(?:\.\d+)?"
)
_SPACE_GROUPS = re.compile(_GROUP_SPACE)
_CUR_PREFIX = r"US\$|HK\$|NT\$|A\$|C\$|S\$|CN¥|JP¥|RMB|" + "|".join(_ISO_CODES) + "|[$€£¥₩]"

_MASTER = re.compile(
    rf"(?P<iso>(?<![\w-])(?P<iso_y>\d{{4}})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])"
    rf"(?![\w-]))"
    rf"|(?P<mdy>\b(?P<mdy_m>{_MONTH_RE})\.?\s+(?P<mdy_d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+"
    rf"(?P<mdy_y>\d{{4}})(?![\w,.]?\d))"
    rf"|(?P<dmy>(?<![\w.,])(?P<dmy_d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_m>{_MONTH_RE})\.?,?\s+"
    rf"(?P<dmy_y>\d{{4}})(?![\w,.]?\d))"
    rf"|(?P<my>\b(?P<my_m>{_MONTH_RE})\.?,?\s+(?:of\s+)?(?P<my_y>\d{{4}})(?![\w,.]?\d))"
    rf"|(?P<num>(?<![A-Za-z0-9_.,\-–/:#@])(?:(?P<cur>{_CUR_PREFIX})\s?)?"
    rf"(?P<n>{_NUMBER})(?![\d]|[.,]\d))"
    r"|(?P<frac>(?i:\b(?P<frac_w>(?:one|a)[\s-](?:third|quarter|fifth|tenth)|two[\s-]thirds"
    r"|three-quarters|(?:two|three|four)[\s-]fifths|half)\s+of\b))"
    r"|(?P<halfmag>(?i:\bhalf\s+an?\s+(?P<halfmag_m>dozen|hundred|thousand|million|billion"
    r"|trillion)\b))"
    r"|(?P<vague>(?i:\b(?:(?P<vague_q>tens|hundreds)\s+of\s+)?"
    r"(?P<vague_m>thousands|millions|billions|trillions)\b))"
    r"|(?P<twice>(?i:\btwice\s+as\b))"
    r"|(?P<foldw>(?i:\b(?P<foldw_n>two|three|four|five|six|seven|eight|nine|ten|hundred)"
    r"fold\b))"
    r"|(?P<mult>(?i:\b(?P<mult_w>doubled|tripled|quadrupled|double|triple|quadruple)\b))"
    rf"|(?P<sp>(?i:\b(?P<sp_w>{_SPELLED}|an?(?=\s+(?:hundred|thousand|million|billion|trillion"
    r"|dozen|decade|century)\b))\b))"
)

# Compiled on first use (see `_qualifier`): only a figure after a qualifier word needs it.
_QUALIFIER_SOURCE = (
    r"(?i:(?<![A-Za-z])(?P<q>"
    + "|".join(
        re.escape(w).replace(r"\ ", r"\s+")
        for w in sorted(_QUALIFIER_BOUNDS, key=len, reverse=True)
        if w.isascii()
    )
    + r"|between|since|after|before|by|until|till|through)\s+$"
    r"|(?P<cjk>"
    + "|".join(w for w in sorted(_QUALIFIER_BOUNDS, key=len, reverse=True) if not w.isascii())
    + r")\s*$)"
)
# Last words of every qualifier: the qualifier regex runs only when the previous word is one.
_QUALIFIER_LAST_WORDS = frozenset(
    w.split()[-1]
    for w in (*_QUALIFIER_BOUNDS, "between", "since", "after", "before", "by", "until", "till")
    if w.isascii()
) | {"through"}
# Unit abbreviations that only follow digits ("5 m" is a length, "five m" is nothing).
_ABBREVIATIONS = frozenset(
    ("mm", "cm", "km", "nm", "ft", "mi", "m", "W", "kW", "MW", "GW", "TW", "Wh", "kWh", "MWh")
) | {"GWh", "TWh", "min", "mins", "hr", "hrs", "yr", "yrs"}
_ONE_UNIT = re.compile(r"-(?i:second|minute|hour|day|week|month|year|decade)\b")
_OF_A = re.compile(r"[ \t]+an?[ \t]+[A-Za-z]+")
_HUNDRED = re.compile(r"[ \t-](?i:hundred)\b")
_DOZEN = re.compile(r"[ \t](?i:dozen)\b")
# The next part of a compound spelled number: "[and] sixty", "five" (after "thousand").
_AND_SPELLED = re.compile(rf"[ \t]+(?i:and)[ \t]+(?P<w>(?i:{SPELLED_NUMBER}))\b")
_SPELLED_NEXT = re.compile(rf"[ \t]+(?:(?P<and>(?i:and))[ \t]+)?(?P<w>(?i:{SPELLED_NUMBER}))\b")
_DECADE = re.compile(r"[ \t](?i:(?P<w>decade|century))\b")
# "No. 1", "Vol. 3": abbreviations that make the next number a label.
_LABELS = frozenset(
    (
        *("no.", "nos.", "vol.", "art.", "ch.", "sec.", "p.", "pp.", "fig.", "page", "pages"),
        *("table", "figure", "fig", "chart", "item", "section", "article", "chapter", "part"),
        *("paragraph", "line", "row", "column", "slide", "step", "phase", "level", "grade"),
        *("episode", "season", "volume", "issue", "number", "version", "model", "type"),
        *("class", "category", "tier", "stage", "round", "game", "gate", "room", "floor"),
        *("route", "highway", "flight", "rule", "clause", "amendment", "exhibit", "appendix"),
        *("annex", "footnote", "note", "week", "day"),
    )
)
_MAGNITUDE = re.compile(
    r"[ \t-]?(?i:(?P<w>thousand|million|billion|trillion)\b)|[ \t]?(?i:(?P<a>bn|tn|trn|mn|mln)\b)"
    r"|(?P<c>[万亿])"
)
# The characters each of these patterns can start with: most figures are followed by none of
# them, and a set lookup is cheaper than a match that fails. ("" is the end of the text.)
_MAGNITUDE_FIRST = frozenset((" ", "\t", "-", "t", "T", "m", "M", "b", "B", "万", "亿"))
_RANGE_FIRST = frozenset((" ", "\t", "-", "–", "—"))
_SUFFIX_FIRST = frozenset((" ", "\t", "-", "+"))
_MAGNITUDE_ABBR = re.compile(r"(?P<a>[kKmMbB])(?![A-Za-z0-9])")
_RANGE = re.compile(
    rf"(?P<sep>[ \t]*[–—][ \t]*|-(?=[\d$€£¥])|[ \t]+-[ \t]+|[ \t]+to[ \t]+|[ \t]+and[ \t]+)"
    rf"(?:(?P<cur>{_CUR_PREFIX})\s?)?(?P<n>{_NUMBER})(?![\d]|[.,]\d)"
)


def _words_alternation(words: list[str]) -> str:
    """Phrases as a regex alternation, longest first, any run of blanks between words."""
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(words, key=len,
                                                                          reverse=True))


# Currency words after a number (the lexicon's), "won" apart: "5 won" is mostly the verb.
_CURRENCY_AFTER = _words_alternation([w for w in CURRENCY_WORDS if w not in ("won", "rmb")])
_UNIT = re.compile(
    r"(?P<pp>[ \t]?(?i:percentage[ \t-]points?|pct\.?[ \t]+points?)\b|[ \t]?pp\b)"
    r"|(?P<bp>[ \t]?(?i:basis[ \t]+points?)\b|[ \t]?bps?\b)"
    r"|(?P<pct>[ \t]?%|[ \t](?i:percent|per[ \t]?cent|pct)\b|-(?i:percent)\b)"
    rf"|(?P<cur>[ \t](?P<cur_w>(?i:{_CURRENCY_AFTER})|RMB|{'|'.join(_ISO_CODES)})\b)"
    rf"|(?P<cur_c>{'|'.join(sorted(CJK_CURRENCY_WORDS, key=len, reverse=True))})"
    rf"|(?P<cur_s>{_GROUP_SPACE}?(?P<cur_s_w>[{''.join(CURRENCY_SUFFIXES)}]))"
    r"|(?P<won>[ \t]won\b)"
    r"|(?P<times>[ \t](?i:times)\b|x(?![A-Za-z0-9])|[ \t]?×|[ \t-]?(?i:fold)\b)"
    r"|(?P<data>[ \t]?(?P<data_w>[kKMGTP]B|(?i:(?:kilo|mega|giga|tera|peta)bytes?))\b)"
    r"|(?P<unit>(?P<unit_more>[ \t]+(?i:more|additional|further|extra|straight|consecutive))?"
    r"[ \t-](?P<unit_w>(?i:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?"
    r"|century|centuries|millimet(?:re|er)s?|centimet(?:re|er)s?|kilomet(?:re|er)s?"
    r"|nanomet(?:re|er)s?|met(?:re|er)s?|feet|foot|inches|miles?"
    r"|(?:kilo|mega|giga|tera)?watt[ \t-]hours?|(?:kilo|mega|giga|tera)?watts?)"
    r"|mm|cm|km|nm|ft|mi|mins?|hrs?|yrs?|[kMGT]?Wh|[kMGT]?W|m)(?P<unit_old>-(?i:old))?\b)"
    r"|(?P<glued>(?P<glued_w>mm|cm|km|nm|ft|mins?|hrs?|yrs?|[kMGT]?Wh|[kMGT]?W|m)\b)"
)
_SUFFIX = re.compile(
    r"(?P<plus>\+|-plus\b)|[ \t]+(?i:(?P<ormore>or[ \t]+(?:more|above|higher))|"
    r"(?P<orless>or[ \t]+(?:less|fewer|below|lower))|(?P<orso>or[ \t]+so))\b"
)
# After a duration, what makes it a relative date (linter.text.dates reads it): "three years
# ago", "2 years and 6 months ago", "three days before yesterday".
_RELATIVE_AFTER = re.compile(
    rf"(?i:(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+)(?:\d+|{SPELLED_NUMBER}|an?)[ \t]+"
    r"(?:day|week|month|year)s?[ \t]+ago"
    r"|[ \t]+(?:ago|earlier|later|from[ \t]+now|before[ \t]+yesterday))\b"
)
# "the last two weeks of March": days of a named month, which linter.text.dates reads.
_MONTH_PART_AFTER = re.compile(rf"[ \t]+of[ \t]+{_MONTH_RE}\b")
_MONTH_PART_ORDINALS = frozenset(("first", "second", "third", "fourth", "last", "final"))
# A day of the month with no year ("on 3 September", "30 February"): linter.text.dates reads it.
_MONTH_AFTER = re.compile(rf"[ \t]+(?:of[ \t]+)?{_MONTH_RE}\b")
_VAGUE_UNIT = re.compile(
    r"[ \t]+of[ \t]+(?P<w>(?i:"
    + _words_alternation([w for w, (_, f) in CURRENCY_WORDS.items() if f == 1.0] + ["won"])
    + r"))\b"
)
# "a $2 million-a-year deal", "a $15-an-hour wage": money as a compound adjective.
_RATE_ADJECTIVE = re.compile(r"-(?:a|an|per)-[A-Za-z]+\b")
_NEXT_WORD = re.compile(r"[ \t]+(?P<w>[A-Za-z][A-Za-z'’-]*)")
# Glued to letters or digits (identifiers), or followed by a unit the table does not model
# (degrees, primes, clock times): better no figure than a count of 40 for "40°C".
_TRAIL_BAD = re.compile(r"[A-Za-z0-9_°′″]|-[A-Za-z0-9]|[/:][0-9]|[ \t](?i:[ap]\.m\.|[ap]m\b)")
_HYPHEN_RUN = re.compile(r"[\d,.\-–]*")

_FRACTIONS = {
    "third": 100 / 3,
    "quarter": 25.0,
    "fifth": 20.0,
    "tenth": 10.0,
    "thirds": 100 / 3,
    "quarters": 25.0,
    "fifths": 20.0,
}
_MULTIPLIER_WORDS = MULTIPLIER_WORDS
# Words after which a bare "double" / "triple" is the verb ("could triple", "expected to
# double"), where elsewhere it is as often a noun or an adjective ("the Triple Crown").
_MULTIPLIER_IDIOMS = frozenset(
    ("down", "up", "as", "digit", "digits", "standard", "standards")
)
_MODALS = frozenset(
    ("to", "will", "would", "could", "can", "may", "might", "should", "must", "shall", "cannot")
)
_FOLD_WORDS = {**NUMBER_WORDS, "hundred": 100}


# --------------------------------------------------------------------------- helpers


_QUALIFIER: re.Pattern[str] | None = None


def _qualifier() -> re.Pattern[str]:
    global _QUALIFIER
    if _QUALIFIER is None:
        _QUALIFIER = re.compile(_QUALIFIER_SOURCE)
    return _QUALIFIER


# What the previous word is made of: ASCII letters, full stops and apostrophes.
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.'’")


class _Ctx:
    """Left context of a figure: its qualifier (or date cue) and the word right before it."""

    __slots__ = ("bound", "cue", "prev", "start")

    def __init__(self, text: str, start: int) -> None:
        self.start = start
        self.bound = "exact"
        self.cue: str | None = None  # the qualifier / date cue, lower-case, single-spaced
        # The previous word, scanned by hand: cheaper than a regex search anchored at "$". A
        # word glued to the figure is no previous word.
        j = start
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        self.prev = None
        if j < start:
            i = j
            while i > 0 and text[i - 1] in _WORD_CHARS:
                i -= 1
            if i < j:
                self.prev = text[i:j]
        last = text[start - 1] if start else ""
        if self.prev and self.prev.lower() in _QUALIFIER_LAST_WORDS:
            window = text[max(0, start - 40) : start]
            m = _qualifier().search(window)
            if m:
                self._set(m.group("q"), start - (len(window) - m.start()))
        elif last and not last.isascii():
            window = text[max(0, start - 4) : start]
            m = _qualifier().search(window)
            if m and m.group("cjk"):
                self._set(m.group("cjk"), start - (len(window) - m.start()))
        elif last == "~" or (last in " \t" and text[max(0, start - 2) : start - 1] == "~"):
            self.cue, self.bound = "~", "approximate"
            self.start = text.rindex("~", 0, start)

    def _set(self, word: str, start: int) -> None:
        self.cue = " ".join(word.lower().split())
        self.bound = _QUALIFIER_BOUNDS.get(self.cue, "exact")
        self.start = start

    def date_bound(self) -> str:
        """Bound for a date: the date cues, plus the approximate qualifiers."""
        if self.cue in _DATE_CUE_BOUNDS:
            return _DATE_CUE_BOUNDS[self.cue]
        if self.bound in ("approximate", "approximate-not-above"):
            return self.bound
        return "exact"

    def number_bound(self) -> str:
        """Bound for a number: date cues (since, by, ...) say nothing about a count."""
        return "exact" if self.cue in _DATE_CUE_BOUNDS and self.cue != "up to" else self.bound

    def figure_start(self, core_start: int, bound: str) -> int:
        """Where the figure's span starts: at its qualifier when the qualifier bounds it."""
        return self.start if bound != "exact" else core_start


def _value(digits: str) -> float:
    return float(digits.replace(",", ""))


def _mk(
    low: float,
    high: float,
    dimension: str,
    bound: str,
    text: str,
    start: int,
    end: int,
    step: float = 0.0,
    round_step: float = 0.0,
) -> Quantity:
    return Quantity(
        low=low,
        high=high,
        dimension=dimension,
        bound=bound,
        text=text[start:end],
        span=(start, end),
        step=step,
        round_step=round_step,
    )


def _date_quantity(
    text: str, interval: DateInterval, ctx: _Ctx, core_start: int, end: int
) -> Quantity:
    bound = ctx.date_bound()
    start = ctx.figure_start(core_start, bound)
    return date_quantity(interval, bound=bound, text=text[start:end], span=(start, end))


def _plain_year(text: str, year: int, start: int, end: int) -> Quantity:
    low, high = _year_days(year)
    return Quantity(low, high, "date", "exact", "year", text[start:end] or f"{year:04d}",
                    (start, end))


def _year_quantity(text: str, year: int, ctx: _Ctx, core_start: int, end: int) -> Quantity:
    """`_date_quantity` of the year `year`, without building its interval: years are the most
    common figure, and the interval cost more than reading it."""
    bound = ctx.date_bound()
    start = ctx.figure_start(core_start, bound)
    low, high = _year_days(year)
    return Quantity(low, high, "date", bound, "year", text[start:end] or f"{year:04d}",
                    (start, end))


_YEAR_DAYS: dict[int, tuple[float, float]] = {}


def _year_days(year: int) -> tuple[float, float]:
    """First and last day of `year` as `date_quantity(year_interval(year))` gives them."""
    days = _YEAR_DAYS.get(year)
    if days is None:
        interval = year_interval(year)
        days = _YEAR_DAYS[year] = (float(interval.start.toordinal()),
                                   float(interval.end.toordinal()))
    return days


def _magnitude_at(text: str, pos: int, currency: str | None) -> tuple[float, int, bool]:
    """(factor, end, found) of a magnitude written at ``pos``."""
    mag = _MAGNITUDE.match(text, pos) if text[pos : pos + 1] in _MAGNITUDE_FIRST else None
    if mag:
        word = mag.group("w") or mag.group("a") or mag.group("c")
        return _MAGNITUDES[word.lower()], mag.end(), True
    if currency:
        ab = _MAGNITUDE_ABBR.match(text, pos)
        if ab:
            return _MAGNITUDES[ab.group("a").lower()], ab.end(), True
    return 1.0, pos, False


def _unit_percentage_point(m: re.Match[str]) -> tuple[str, float] | None:
    return "percentage-point", 1.0


def _unit_basis_point(m: re.Match[str]) -> tuple[str, float] | None:
    return "percentage-point", 0.01


def _unit_percent(m: re.Match[str]) -> tuple[str, float] | None:
    return "percent", 1.0


def _unit_currency_word(m: re.Match[str]) -> tuple[str, float] | None:
    code, factor = _currency_word(m.group("cur_w") or m.group("cur_c"))
    return f"currency:{code}", factor


def _unit_currency_symbol(m: re.Match[str]) -> tuple[str, float] | None:
    return f"currency:{CURRENCY_SUFFIXES[m.group('cur_s_w')]}", 1.0


def _unit_won(m: re.Match[str]) -> tuple[str, float] | None:
    return "currency:KRW", 1.0


def _unit_times(m: re.Match[str]) -> tuple[str, float] | None:
    return "times", 1.0


def _unit_word(m: re.Match[str]) -> tuple[str, float] | None:
    word = m.group("unit_w") or m.group("glued_w") or m.group("data_w")
    key = "-".join(word.lower().split())
    for candidate in (key, key[:-1] if key.endswith("s") else key):
        if candidate in _UNIT_FACTORS:
            return _UNIT_FACTORS[candidate]
    return None


# The reading of each alternative of `_UNIT`, by its group name.
_UNIT_READERS = {
    "pp": _unit_percentage_point,
    "bp": _unit_basis_point,
    "pct": _unit_percent,
    "cur": _unit_currency_word,
    "cur_c": _unit_currency_word,
    "cur_s": _unit_currency_symbol,
    "won": _unit_won,
    "times": _unit_times,
    "data": _unit_word,
    "unit": _unit_word,
    "glued": _unit_word,
}


def _unit_of(m: re.Match[str]) -> tuple[str, float] | None:
    """(dimension, factor) of a matched ``_UNIT``; None when the word is no unit after all."""
    return _UNIT_READERS[m.lastgroup or ""](m)


def _is_weight(text: str, ctx: _Ctx, unit: re.Match[str], has_magnitude: bool) -> bool:
    """True when "pounds" after a number weigh something: "weighed 7 pounds", "5 pounds of
    apples" (but "500 million pounds of investment" is money)."""
    word = unit.group("cur_w")
    if word is None or not word.lower().startswith("pound") or " " in word.strip():
        return False
    if ctx.prev is not None and ctx.prev.lower() in WEIGHT_CUES:
        return True
    return not has_magnitude and text.startswith(" of ", unit.end())


def _relative_duration(text: str, ctx: _Ctx, pos: int) -> bool:
    """True when the duration ending at ``pos`` is part of a relative date, which
    ``linter.text.dates`` reads: "three years ago", "the last two weeks of March"."""
    if _RELATIVE_AFTER.match(text, pos):
        return True
    return (
        ctx.prev is not None
        and ctx.prev.lower() in _MONTH_PART_ORDINALS
        and _MONTH_PART_AFTER.match(text, pos) is not None
    )


def _bound_of(ctx: _Ctx, text: str, dimension: str) -> str:
    """The bound a number's qualifier puts on it; "over" before a duration that spans the
    time of another figure ("$30 billion over ten years") bounds nothing."""
    if ctx.cue == "over" and dimension == "duration" and over_spans_time(text, ctx.start):
        return "exact"
    return ctx.number_bound()


def _is_name(ctx: _Ctx) -> bool:
    """True when the word before a bare number makes it part of a name ("Team 6", "No. 1")."""
    prev = ctx.prev
    if prev is None:
        return False
    lower = prev.lower()
    if lower in _LABELS:
        return True  # "No. 1", "page 12", "table 3"
    if prev.endswith("."):
        return False  # the end of the previous sentence: "... Olympics. 2024 was"
    # A capital letter in it (the word is ASCII letters and punctuation: lowering changes it).
    return prev != lower and lower.rstrip("'’") not in _FUNCTION_WORDS


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _count(text: str, digits: str, bound: str, start: int, end: int) -> Quantity:
    step, round_step = digit_steps(digits)
    v = _value(digits)
    return _mk(v, v, "count", bound, text, start, end, step, round_step)


def _year_like(digits: str, strong: bool) -> bool:
    if len(digits) != 4 or not digits.isdigit():
        return False
    year = int(digits)
    return 1800 <= year <= 2199 if strong else 1900 <= year <= 2100


# --------------------------------------------------------------------------- handlers


class _Number:
    """A figure written in digits, as its reading goes: each step of `_numeric` moves ``pos``
    past what it read (a magnitude, the high end of a range, a unit, a suffix)."""

    __slots__ = ("bound", "core_start", "ctx", "currency", "digits", "dimension", "factor",
                 "has_mag", "high_digits", "high_start", "low_end", "low_magnitude",
                 "magnitude", "pos", "split", "suffixed")

    def __init__(self, text: str, m: re.Match[str]) -> None:
        self.core_start = m.start("num")
        self.ctx = _Ctx(text, self.core_start)
        cur_raw = m.group("cur")
        self.currency = (
            _CURRENCY_PREFIXES.get(cur_raw.lower(), cur_raw.upper()) if cur_raw else None
        )
        self.digits = _ungrouped(m.group("n"))
        self.magnitude, self.pos, self.has_mag = _magnitude_at(text, m.end("n"), self.currency)
        self.low_magnitude = self.magnitude
        self.high_digits: str | None = None
        self.split = False  # "from X to Y": two figures, not a range
        self.high_start = self.low_end = self.pos
        self.dimension = f"currency:{self.currency}" if self.currency else None
        self.factor = 1.0
        self.bound = "exact"
        self.suffixed = False


def _ungrouped(digits: str) -> str:
    """Digits with their thousands grouped by commas, whatever grouped them ("25 000")."""
    if len(digits) > 4 and not digits.isdigit():
        return _SPACE_GROUPS.sub(",", digits)
    return digits


def _numeric(text: str, m: re.Match[str]) -> tuple[list[Quantity], int]:
    """A figure written in digits: currency, magnitude, range, unit, suffix, year or count."""
    n = _Number(text, m)
    if not _read_range(text, n):
        # "2024-25", "978-3-16-148410-0": nothing we can read; skip the whole run
        run = _HYPHEN_RUN.match(text, m.end("n"))  # never None: the pattern matches ""
        return [], run.end() if run else m.end("n")
    if not _read_unit(text, n):
        return [], n.pos  # "weighed 7 pounds": a weight, which the table does not model
    if n.dimension == "duration" and _relative_duration(text, n.ctx, n.pos):
        return [], n.pos  # "three years ago": a relative date, left to linter.text.dates
    n.bound = _bound_of(n.ctx, text, n.dimension or "count")
    _read_suffix(text, n)
    end = n.pos
    if n.dimension and n.dimension.startswith("currency:"):
        rate = _RATE_ADJECTIVE.match(text, n.pos)
        end = rate.end() if rate else end  # "$2 million-a-year": the money is the figure
    if end == n.pos and _TRAIL_BAD.match(text, n.pos):
        return [], n.pos  # glued to letters or digits: an identifier ("910B", "5G", "3-D")
    if n.dimension is None and not n.has_mag and not n.suffixed:
        if _MONTH_AFTER.match(text, n.pos) and n.digits.isdigit() and 1 <= int(n.digits) <= 31:
            return [], n.pos  # "on 3 September": a day of a month, for linter.text.dates
        return _bare(text, n.ctx, n.core_start, n.digits, n.high_digits, n.high_start, n.pos,
                     n.split)
    return _numeric_figures(text, n), end


def _read_range(text: str, n: _Number) -> bool:
    """The high end of a range, after a dash, "to", or "and" after "between". False when the
    number is a hyphenated run that is no range ("2024-25")."""
    pos = n.pos
    rng = _RANGE.match(text, pos) if text[pos : pos + 1] in _RANGE_FIRST else None
    if rng is None:
        return True
    sep = rng.group("sep").strip()
    if (sep == "and" and n.ctx.cue != "between") or (rng.group("cur") and not n.currency):
        return True
    hi_mag, hi_pos, hi_has = _magnitude_at(text, rng.end("n"), n.currency)
    if not hi_has:
        hi_mag = n.magnitude
    lo_mag = n.magnitude if n.has_mag else hi_mag  # "$5-6 billion": written once
    high_digits = _ungrouped(rng.group("n"))
    if _value(high_digits) * hi_mag <= _value(n.digits) * lo_mag:
        return sep not in ("-", "–", "—")
    n.high_digits, n.high_start = high_digits, rng.start("sep") + len(rng.group("sep"))
    n.low_magnitude, n.magnitude, n.pos = lo_mag, hi_mag, hi_pos
    n.has_mag = n.has_mag or hi_has
    n.split = sep == "to" and n.ctx.prev is not None and n.ctx.prev.lower() == "from"
    n.low_end = rng.start("sep")
    return True


def _read_unit(text: str, n: _Number) -> bool:
    """The unit after the number; a currency prefix already fixed the dimension. False when
    the unit makes it no figure the table models (pounds that weigh something)."""
    pos = n.pos
    unit_m = _UNIT.match(text, pos)
    if not unit_m:
        return True
    kind = unit_m.lastgroup
    found = _unit_of(unit_m)
    if found is not None and kind == "glued" and not text[pos - 1].isdigit():
        found = None  # "5km", not "5 billionkm"
    if found is not None and kind == "won" and not n.has_mag:
        found = None  # "5 won": too often the verb; "5 billion won" is the currency
    if found is None:
        return True
    if kind == "cur" and _is_weight(text, n.ctx, unit_m, n.has_mag):
        n.pos = unit_m.end()
        return False
    if n.dimension is None:
        n.dimension, n.factor = found
        n.pos = unit_m.end()
    elif found[0] == n.dimension:
        n.pos = unit_m.end()  # "US$5 billion dollars": the same currency twice
    return True


def _read_suffix(text: str, n: _Number) -> None:
    """ "+", "-plus", "or more", "or less", "or so" after the figure."""
    pos = n.pos
    suf = _SUFFIX.match(text, pos) if text[pos : pos + 1] in _SUFFIX_FIRST else None
    if suf is None:
        return
    if suf.group("plus") is not None or suf.group("ormore") is not None:
        n.bound = "lower-inclusive"
    elif suf.group("orless") is not None:
        n.bound = "upper-inclusive"
    else:
        n.bound = "approximate"
    n.pos = suf.end()
    n.suffixed = True


def _numeric_figures(text: str, n: _Number) -> list[Quantity]:
    """The figure (or, for "from X to Y", the two figures) of a number with its unit read."""
    dim = n.dimension or "count"
    s_lo = n.low_magnitude * n.factor
    lo_step, lo_round = digit_steps(n.digits)
    low = _value(n.digits) * s_lo
    start = n.ctx.figure_start(n.core_start, n.bound)
    pos = n.pos
    if n.high_digits is None:
        return [_mk(low, low, dim, n.bound, text, start, pos, lo_step * s_lo, lo_round * s_lo)]
    s_hi = n.magnitude * n.factor
    hi_step, hi_round = digit_steps(n.high_digits)
    high = _value(n.high_digits) * s_hi
    if n.split:  # "from 80 to 85 percent": two figures, a change
        return [
            _mk(low, low, dim, "exact", text, n.core_start, n.low_end, lo_step * s_lo,
                lo_round * s_lo),
            _mk(high, high, dim, "exact", text, n.high_start, pos, hi_step * s_hi,
                hi_round * s_hi),
        ]
    step = max(lo_step * s_lo, hi_step * s_hi)
    round_step = max(step, min(lo_round * s_lo, hi_round * s_hi))  # as quantity.from_value
    return [_mk(low, high, dim, n.bound, text, start, pos, step, round_step)]


def _bare(
    text: str,
    ctx: _Ctx,
    core_start: int,
    digits: str,
    high_digits: str | None,
    high_start: int,
    end: int,
    split: bool,
) -> tuple[list[Quantity], int]:
    """A number with no unit, currency or magnitude: a year, part of a name, or a count."""
    prev = ctx.prev.lower() if ctx.prev else None
    strong = prev in _YEAR_CUES_STRONG or ctx.cue in _DATE_CUE_BOUNDS
    cued = strong or prev in _YEAR_CUES_WEAK
    nxt = _NEXT_WORD.match(text, end)
    next_word = nxt.group("w") if nxt else None
    # A noun after the number makes it a count: "2000 workers", "and 2000 other enterprises".
    # A singular noun ("the 2024 plan") leaves it a year.
    countable = (
        next_word is not None
        and next_word[0].islower()
        and (
            next_word in _COUNT_ADJECTIVES
            or (next_word not in _FUNCTION_WORDS and _plural(next_word))
        )
    )
    # Digits grouped with commas ("Deploys 2,000 Workers") are amounts, never name parts.
    named = ctx.cue is None and "," not in digits and _is_name(ctx)

    if high_digits is not None:
        if named:
            return [], end  # "Boeing 737-800"
        if _year_like(digits, strong) and _year_like(high_digits, strong) and not countable:
            y1, y2 = int(digits), int(high_digits)
            if split:  # "from 2019 to 2024"
                return [
                    _plain_year(text, y1, core_start, core_start + len(digits)),
                    _plain_year(text, y2, high_start, end),
                ], end
            interval = DateInterval(date(y1, 1, 1), date(y2, 12, 31), "year")
            return [_date_quantity(text, interval, ctx, core_start, end)], end
        lo, hi = _value(digits), _value(high_digits)
        phone_like = "," not in digits + high_digits and max(len(digits), len(high_digits)) >= 4
        if ctx.cue is None and (hi > 10 * lo or phone_like):
            return [], end  # "123-4567", "555-1234": phone-like, not a range
        if split:
            return [
                _count(text, digits, "exact", core_start, core_start + len(digits)),
                _count(text, high_digits, "exact", high_start, end),
            ], end
        s_lo, r_lo = digit_steps(digits)
        s_hi, r_hi = digit_steps(high_digits)
        bound = ctx.number_bound()
        start = ctx.figure_start(core_start, bound)
        step = max(s_lo, s_hi)
        return [
            _mk(lo, hi, "count", bound, text, start, end, step, max(step, min(r_lo, r_hi)))
        ], end

    if _year_like(digits, strong) and not countable:
        if cued or not named:
            return [_year_quantity(text, int(digits), ctx, core_start, end)], end
        return [], end  # "Resolute Dragon 2025"
    if named:
        return [], end  # "ERNIE 4.0", "iPhone 17", "SEAL Team 6", "No. 1"
    if ctx.cue is None and len(digits) == 1 and next_word is None:
        return [], end  # a lone digit before punctuation: a list marker or option ("1 | 2")
    bound = ctx.number_bound()
    return [_count(text, digits, bound, ctx.figure_start(core_start, bound), end)], end


def _date_match(text: str, m: re.Match[str]) -> tuple[list[Quantity], int]:
    """ISO, month-day-year, day-month-year and month-year dates."""
    kind = next(k for k in ("iso", "mdy", "dmy", "my") if m.group(k))
    start, end = m.span(kind)
    try:
        if kind == "iso":
            d = date(int(m.group("iso_y")), int(m.group("iso_m")), int(m.group("iso_d")))
            interval = day_interval(d)
        elif kind in ("mdy", "dmy"):
            month = _MONTHS[m.group(f"{kind}_m")[:3].lower()]
            day = int(m.group(f"{kind}_d"))
            interval = day_interval(date(int(m.group(f"{kind}_y")), month, day))
        else:
            month = _MONTHS[m.group("my_m")[:3].lower()]
            interval = month_interval(int(m.group("my_y")), month)
    except ValueError:
        return [], end  # "February 30, 2025": not a date
    if not 1000 <= interval.start.year <= 2999:
        return [], end
    return [_date_quantity(text, interval, _Ctx(text, start), start, end)], end


def _words(text: str, m: re.Match[str]) -> tuple[list[Quantity], int]:
    """Figures written in words: fractions, multipliers, spelled numbers, vague magnitudes."""
    if m.group("frac") is not None:
        return _fraction(text, m)
    if m.group("vague") is not None:
        return _vague(text, m)
    start, end = m.span()
    ctx = _Ctx(text, start)
    if m.group("halfmag") is not None:
        mag = m.group("halfmag_m").lower()
        if mag == "dozen":
            return _with_unit(text, ctx, start, end, 6.0, 1.0, True)
        value = 0.5 * (100.0 if mag == "hundred" else _MAGNITUDES[mag])
        return _with_unit(text, ctx, start, end, value, value / 5, True)
    if m.group("twice") is not None:
        bound = ctx.number_bound()
        fig_end = start + 5  # "twice"; "as" is not part of the figure
        return [
            _mk(2.0, 2.0, "times", bound, text, ctx.figure_start(start, bound), fig_end, 1.0, 1.0)
        ], end
    if m.group("foldw") is not None:
        value = float(_FOLD_WORDS[m.group("foldw_n").lower()])
        bound = ctx.number_bound()
        s = ctx.figure_start(start, bound)
        return [_mk(value, value, "times", bound, text, s, end, 1.0, 1.0)], end
    if m.group("mult") is not None:
        word = m.group("mult_w").lower()
        nxt = _NEXT_WORD.match(text, end)
        if nxt and nxt.group("w").lower() in _MULTIPLIER_IDIOMS:
            return [], end  # "doubled down", "double-digit", "double standard": idioms
        if text[end : end + 1] == "-":
            return [], end  # "double-digit"
        verb = ctx.prev is not None and ctx.prev.lower() in _MODALS  # "could triple"
        if ctx.cue is None and not word.endswith("d") and not verb:
            return [], end  # bare "double"/"triple": as often a noun or an adjective
        value = _MULTIPLIER_WORDS[word]
        bound = ctx.number_bound()
        s = ctx.figure_start(start, bound)
        return [_mk(value, value, "times", bound, text, s, end, 1.0, 1.0)], end
    return _spelled(text, m, ctx)


def _fraction(text: str, m: re.Match[str]) -> tuple[list[Quantity], int]:
    """ "two-thirds of", "half of", "a quarter of": a share of a whole, as percent."""
    start, end = m.span("frac")
    words = m.group("frac_w").lower().replace("-", " ").split()
    if words == ["half"]:
        value = 50.0
    else:
        count = 1 if words[0] in ("one", "a") else NUMBER_WORDS[words[0]]
        value = count * _FRACTIONS[words[1]]
    tail = _OF_A.match(text, end)
    if tail:
        return [], tail.end()  # "a quarter of a century", "half of a percent": not a share
    ctx = _Ctx(text, start)
    bound = ctx.number_bound()
    core_end = start + len(m.group("frac_w"))
    # A spelled fraction is a round figure: it rounds like a whole percent ("67%").
    s = ctx.figure_start(start, bound)
    return [_mk(value, value, "percent", bound, text, s, core_end, 1.0, 1.0)], end


def _vague(text: str, m: re.Match[str]) -> tuple[list[Quantity], int]:
    """ "billions of dollars": from the magnitude up to the next one, and only with a currency."""
    start, end = m.span("vague")
    unit = _VAGUE_UNIT.match(text, end)
    if not unit:
        return [], end  # "invested billions", "tens of billions": no unit, no figure
    base = _VAGUE_MAGNITUDES[m.group("vague_m").lower()]
    if m.group("vague_q"):
        low = base * (10 if m.group("vague_q").lower() == "tens" else 100)
        high = low * 10
    else:
        low, high = base, base * 1000
    dim = f"currency:{_currency_word(unit.group('w'))[0]}"
    return [_mk(low, high, dim, "exact", text, start, unit.end())], unit.end()


def _spelled(text: str, m: re.Match[str], ctx: _Ctx) -> tuple[list[Quantity], int]:
    """A spelled-out number: needs a magnitude, a unit or a plural noun to be a figure."""
    start, end = m.span("sp")
    word = m.group("sp_w").lower()
    base = _spelled_value(word)
    if base is None:
        return [], end
    value, step, pos, has_magnitude = _spelled_group(text, float(base), end)
    if word in ("a", "an"):
        dozen = _DOZEN.match(text, pos)
        if dozen:
            value, pos, has_magnitude = 12.0, dozen.end(), True
    mag = _MAGNITUDE.match(text, pos)
    if mag and mag.group("w"):
        factor = _MAGNITUDES[mag.group("w").lower()]
        value, step, pos, has_magnitude = value * factor, step * factor, mag.end(), True
        if text[pos : pos + 1] == "-":
            return [], pos  # "a billion-dollar toy empire": an order of magnitude
        value, step, pos = _spelled_rest(text, value, step, pos, factor)
    if word in ("a", "an") and not has_magnitude:
        return _spelled_span(text, ctx, start, end)
    if word == "one" and not has_magnitude and not _ONE_UNIT.match(text, pos):
        return [], pos  # "one goal", "one day": not figures; "a one-year delay" is
    return _with_unit(text, ctx, start, pos, value, step, has_magnitude)


def _spelled_group(text: str, value: float, pos: int) -> tuple[float, float, int, bool]:
    """(value, step, end, has hundred) of a spelled number below a thousand that starts with
    ``value`` read up to ``pos``: "four", "four hundred", "four hundred and sixty"."""
    hundred = _HUNDRED.match(text, pos)
    if not hundred:
        return value, 1.0, pos, False
    value, step, pos = value * 100, 100.0, hundred.end()
    rest = _AND_SPELLED.match(text, pos)
    # "two hundred and three hundred" is two figures, not 203 hundred
    if rest and not _HUNDRED.match(text, rest.end()):
        extra = _spelled_value(rest.group("w").lower())
        if extra is not None:
            value, step, pos = value + extra, 1.0, rest.end()
    return value, step, pos, True


def _spelled_rest(
    text: str, value: float, step: float, pos: int, factor: float
) -> tuple[float, float, int]:
    """The smaller groups after a magnitude: "three thousand five hundred", "one million two
    hundred thousand", "a thousand and one". A group joins only with "and", a hundred or a
    smaller magnitude of its own, so "two million three-year-olds" stays two million."""
    while True:
        nxt = _SPELLED_NEXT.match(text, pos)
        if not nxt:
            return value, step, pos
        base = _spelled_value(nxt.group("w").lower())
        if base is None:
            return value, step, pos
        group, group_step, end, hundred = _spelled_group(text, float(base), nxt.end())
        mag = _MAGNITUDE.match(text, end)
        smaller = _MAGNITUDES[mag.group("w").lower()] if mag and mag.group("w") else 1.0
        if smaller >= factor or group * smaller >= factor:
            return value, step, pos
        if not (nxt.group("and") or hundred or smaller > 1.0):
            return value, step, pos
        value, step = value + group * smaller, group_step * smaller
        pos = mag.end() if smaller > 1.0 and mag else end
        if smaller == 1.0:
            return value, step, pos
        factor = smaller


def _spelled_span(text: str, ctx: _Ctx, start: int, end: int) -> tuple[list[Quantity], int]:
    """ "a decade", "a century": the one span "a" makes a figure without a magnitude."""
    dec = _DECADE.match(text, end)
    if not dec:
        return [], end
    pos = dec.end()
    if _RELATIVE_AFTER.match(text, pos):
        return [], pos  # "a decade ago"
    days = (10 if dec.group("w").lower() == "decade" else 100) * 365.25
    bound = _bound_of(ctx, text, "duration")
    s = ctx.figure_start(start, bound)
    return [_mk(days, days, "duration", bound, text, s, pos, days, days)], pos


def _spelled_value(word: str) -> int | None:
    if word in ("a", "an"):
        return 1
    if "-" in word:
        tens, _, units = word.partition("-")
        if tens in NUMBER_WORDS and units in NUMBER_WORDS:
            return NUMBER_WORDS[tens] + NUMBER_WORDS[units]
        return None
    return NUMBER_WORDS.get(word)


def _with_unit(
    text: str,
    ctx: _Ctx,
    start: int,
    pos: int,
    value: float,
    step: float,
    has_magnitude: bool,
) -> tuple[list[Quantity], int]:
    """Finish a figure written in words: its unit, or a plural noun for a small count."""
    dimension, factor = "count", 1.0
    unit_m = _UNIT.match(text, pos)
    found = _word_unit(text, ctx, unit_m, has_magnitude) if unit_m else None
    if unit_m and found:
        dimension, factor = found
        pos = unit_m.end()
        if dimension == "duration" and _relative_duration(text, ctx, pos):
            return [], pos  # "three years ago", "the last two weeks of March"
    elif not has_magnitude and not (2 <= value <= 99 and _count_noun_follows(text, pos)):
        return [], pos
    if _TRAIL_BAD.match(text, pos):
        return [], pos  # "two-way", "three-D"
    bound = _bound_of(ctx, text, dimension)
    s = ctx.figure_start(start, bound)
    v = value * factor
    return [_mk(v, v, dimension, bound, text, s, pos, step * factor, step * factor)], pos


# Units that follow digits only: "5 m" is a length, "five m" nothing; "five €" is not written.
_DIGITS_ONLY_UNITS = frozenset(("glued", "cur_s"))
_MONEY_UNITS = frozenset(("cur", "cur_c", "won"))


def _word_unit(
    text: str, ctx: _Ctx, unit_m: re.Match[str], has_magnitude: bool
) -> tuple[str, float] | None:
    """The unit after a number written in words, when words may carry it."""
    kind = unit_m.lastgroup
    if kind in _DIGITS_ONLY_UNITS or unit_m.group("times") == "x":
        return None
    if unit_m.group("unit_w") in _ABBREVIATIONS or (unit_m.group("data_w") or "").endswith("B"):
        return None  # abbreviations only follow digits
    if kind in _MONEY_UNITS and not has_magnitude:
        return None  # "five dollars" is rare in news, "ten won" is a verb
    if kind == "cur" and _is_weight(text, ctx, unit_m, has_magnitude):
        return None
    return _unit_of(unit_m)


def _count_noun_follows(text: str, pos: int) -> bool:
    """True when one to three lower-case words follow and the last is a plural noun."""
    for _ in range(3):
        nxt = _NEXT_WORD.match(text, pos)
        if not nxt:
            return False
        word = nxt.group("w")
        if not word[0].islower() or word in _FUNCTION_WORDS or "-" in word:
            return False
        if word in ("quarters", "thirds", "fifths", "tenths", "halves"):
            return False  # "three quarters of": a fraction (or fiscal quarters), not a count
        if _plural(word):
            return True
        pos = nxt.end()
    return False


# --------------------------------------------------------------------------- entry point


# Scanning: the master pattern is tried only where a figure can start. Running it as a search
# over every position cost ~80 us a sentence (a long alternation defeats sre's prefix
# optimisations). A figure starts at a token (a run of ASCII letters, or one digit or currency
# symbol) that is a digit, a symbol, a number word, a month, "a"/"an" before a magnitude, or a
# currency code before a number. One pattern finds exactly those tokens, in C: testing every
# word in Python cost about a third more (tests/test_hotpath.py holds the two to agreeing).
_TRIGGERS = frozenset(
    (
        *NUMBER_WORDS,
        *("half", "twice", "tens", "hundreds", "thousands", "millions", "billions"),
        *("trillions", "doubled", "tripled", "quadrupled", "double", "triple", "quadruple"),
        *(f"{w}fold" for w in ("two", "three", "four", "five", "six", "seven", "eight")),
        *("ninefold", "tenfold", "hundredfold"),
    )
)
_MONTH_TOKENS = frozenset(re.findall(r"[A-Za-z]+", _MONTH_RE))
_ISO_TOKENS = frozenset((*_ISO_CODES, "RMB"))
_A_NEXT = (
    r"[ \t]+(?i:hundred|thousand|million|billion|trillion|dozen|decade|century|third|quarter"
    r"|fifth|tenth)\b"
)
_PREFIX_NEXT = r"[$¥]|[ \t]?\d"


def _alternation(words: frozenset[str]) -> str:
    """`words` as one pattern, factored into a trie: sre tries the branches of a flat
    alternation one by one at every word start, and a trie of these ~50 words scans faster."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + emit(node[char]) for char in sorted(node) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        return f"(?:{body})?" if len(branches) == 1 and len(body) > 1 else body + "?"

    return emit(root)


# Letter tokens are whole runs of ASCII letters: hence the letter look-arounds, and ASCII-only
# case folding for the number words ("ſeven" is not "seven": "ſ" ends a run, it folds to "s").
# "A" is a candidate only before a magnitude ("A hundred"), never as the prefix of "A$".
_CANDIDATE = re.compile(
    r"[\d$€£¥₩]"
    r"|(?<![A-Za-z])(?:"
    rf"(?ai:{_alternation(_TRIGGERS)})(?![A-Za-z])"
    rf"|(?:{_alternation(_MONTH_TOKENS)})(?![A-Za-z])"
    rf"|(?ai:an?)(?={_A_NEXT})"
    rf"|(?:{_alternation(_ISO_TOKENS | {'US', 'HK', 'NT', 'C', 'S', 'CN', 'JP'})})"
    rf"(?={_PREFIX_NEXT})"
    r")"
)


def extract_figures(text: str) -> list[Quantity]:
    """Every figure in ``text`` as a Quantity with its span and matched text, sorted by span.

    Deterministic and side-effect free. Relative dates ("three years ago", "last month") are
    not figures: see ``linter.text.dates.find_relative_dates``.
    """
    text = regex_letters(text)
    out: list[Quantity] = []
    search, match = _CANDIDATE.search, _MASTER.match
    tok = search(text)
    while tok is not None:
        m = match(text, tok.start())
        if m is None:
            tok = search(text, tok.end())
            continue
        if m.group("num") is not None:
            found, end = _numeric(text, m)
        elif m.group("iso") or m.group("mdy") or m.group("dmy") or m.group("my"):
            found, end = _date_match(text, m)
        else:
            found, end = _words(text, m)
        out.extend(found)
        # Tokens that start inside what was read are not read again.
        tok = search(text, max(end, m.end(), tok.end()))
    out.sort(key=lambda q: q.span or (0, 0))
    return out
