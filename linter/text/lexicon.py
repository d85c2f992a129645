"""The words figures and dates are made of, in one place: number words, months, weekdays,
magnitudes and currencies. The extractor, the date finder and the quantity model build their
patterns from these tables, so a word added here is read the same way everywhere."""

from __future__ import annotations

#: Spelled-out numbers (the tens combine with the units: "twenty-one").
NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_TENS = [w for w, n in NUMBER_WORDS.items() if n >= 20]
_UNITS = [w for w, n in NUMBER_WORDS.items() if n < 10]
_TEENS_AND_UNITS = [w for w, n in NUMBER_WORDS.items() if n < 20]

#: A regular expression (no group) for one spelled number up to ninety-nine.
SPELLED_NUMBER = (
    rf"(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_UNITS)}))?|{'|'.join(_TEENS_AND_UNITS)}"
)

#: Month names, capitalised as written, and their numbers.
MONTHS: dict[str, int] = {
    name: number for number, name in enumerate((
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"), start=1)
}
#: Abbreviations as newsrooms write them ("Sept." in AP style); "May" has none.
MONTH_ABBREVIATIONS: dict[str, int] = {
    **{name[:3]: number for name, number in MONTHS.items() if name != "May"},
    "Sept": 9,
}
WEEKDAYS: dict[str, int] = {
    name: number for number, name in enumerate(
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"))
}

#: The calendar's longest month lengths (February in a leap year): a day above is no date.
MONTH_MAX_DAYS: dict[int, int] = {
    1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31,
}

# --------------------------------------------------------------------------- magnitudes

#: Magnitude words and abbreviations after a number. The single letters k / m / b are
#: magnitudes only right after a currency (the extractor decides): "100m" is metres.
MAGNITUDES: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "bn": 1e9, "tn": 1e12, "trn": 1e12, "mn": 1e6, "mln": 1e6,
    "万": 1e4, "亿": 1e8,
    "k": 1e3, "m": 1e6, "b": 1e9,
}
#: "billions of dollars": the lower end of a vague plural.
VAGUE_MAGNITUDES: dict[str, float] = {
    "thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12,
}
#: The claim file's `scale` vocabulary.
SCALES: dict[str, float] = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

# --------------------------------------------------------------------------- currencies

#: The currencies a claim file may state (the schema's ISO 4217 enum).
CLAIM_CURRENCIES = ("USD", "CNY", "HKD", "EUR", "JPY", "GBP", "TWD", "KRW")
#: ISO codes the extractor reads before or after a number: the claim currencies and a few
#: more that news prints (a figure in them is then at least not taken for a count).
CURRENCY_CODES = (*CLAIM_CURRENCIES, "CHF", "SGD", "AUD", "CAD")

#: Symbols and prefixes written before a number, lower-case. "$" is USD, as in the
#: English-language press; "¥" is CNY (the seeds are about China; JP¥ is the yen).
CURRENCY_PREFIXES: dict[str, str] = {
    "us$": "USD", "hk$": "HKD", "nt$": "TWD", "a$": "AUD", "c$": "CAD", "s$": "SGD",
    "cn¥": "CNY", "jp¥": "JPY", "$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY", "₩": "KRW",
    "rmb": "CNY",
}
#: Symbols that may follow a number, as much of Europe writes them ("25 €"). Not "$": after
#: a number it is as often a Canadian or an Australian dollar.
CURRENCY_SUFFIXES: dict[str, str] = {"€": "EUR", "£": "GBP", "¥": "CNY", "₩": "KRW"}

#: Currency words after a number, lower-case and single-spaced: (ISO code, value of one in
#: the currency's main unit). Cents are US cents and pence British pence, as the press uses
#: them unqualified.
CURRENCY_WORDS: dict[str, tuple[str, float]] = {
    **{w: ("USD", 1.0) for w in ("dollar", "dollars", "us dollars", "u.s. dollars",
                                 "american dollars")},
    **{w: ("HKD", 1.0) for w in ("hong kong dollars", "hk dollars")},
    **{w: ("TWD", 1.0) for w in ("taiwan dollars", "new taiwan dollars", "nt dollars")},
    "singapore dollars": ("SGD", 1.0),
    "australian dollars": ("AUD", 1.0),
    "canadian dollars": ("CAD", 1.0),
    **{w: ("CHF", 1.0) for w in ("swiss francs", "swiss franc")},
    **{w: ("CNY", 1.0) for w in ("yuan", "renminbi", "rmb")},
    **{w: ("EUR", 1.0) for w in ("euro", "euros")},
    "yen": ("JPY", 1.0),
    "won": ("KRW", 1.0),
    **{w: ("GBP", 1.0) for w in ("pounds sterling", "pound", "pounds")},
    **{w: ("USD", 0.01) for w in ("cent", "cents")},
    **{w: ("GBP", 0.01) for w in ("pence", "penny")},
}
#: Currency words written right after the digits in Chinese.
CJK_CURRENCY_WORDS: dict[str, str] = {"元": "CNY", "人民币": "CNY", "美元": "USD", "港元": "HKD"}
#: Words before a figure in pounds that make the pounds a weight ("weighed 7 pounds").
WEIGHT_CUES = frozenset(
    ("weigh", "weighs", "weighed", "weighing", "weight", "lost", "lose", "loses", "losing",
     "gained", "gain", "gains", "shed", "sheds", "heavier", "lighter")
)

# --------------------------------------------------------------------------- units

_DAYS_PER_YEAR = 365.25

#: Unit words of the extractor (lower-case, plural "s" stripped): (dimension, factor to the
#: dimension's base unit). A year is 365.25 days; data sizes are decimal (1 GB = 10^9 bytes).
UNIT_FACTORS: dict[str, tuple[str, float]] = {
    "second": ("duration", 1 / 86400), "minute": ("duration", 1 / 1440),
    "min": ("duration", 1 / 1440), "hr": ("duration", 1 / 24), "hour": ("duration", 1 / 24),
    "yr": ("duration", _DAYS_PER_YEAR), "day": ("duration", 1.0), "week": ("duration", 7.0),
    "month": ("duration", _DAYS_PER_YEAR / 12), "year": ("duration", _DAYS_PER_YEAR),
    "decade": ("duration", _DAYS_PER_YEAR * 10), "century": ("duration", _DAYS_PER_YEAR * 100),
    "centurie": ("duration", _DAYS_PER_YEAR * 100),
    **{w: ("length", 1e-3) for w in ("mm", "millimetre", "millimeter")},
    **{w: ("length", 1e-2) for w in ("cm", "centimetre", "centimeter")},
    **{w: ("length", 1.0) for w in ("m", "metre", "meter")},
    **{w: ("length", 1e3) for w in ("km", "kilometre", "kilometer")},
    **{w: ("length", 1e-9) for w in ("nm", "nanometre", "nanometer")},
    **{w: ("length", 0.3048) for w in ("ft", "foot", "feet")},
    "inche": ("length", 0.0254),
    **{w: ("length", 1609.344) for w in ("mi", "mile")},
    **{w: ("power", 1.0) for w in ("w", "watt")},
    **{w: ("power", 1e3) for w in ("kw", "kilowatt")},
    **{w: ("power", 1e6) for w in ("mw", "megawatt")},
    **{w: ("power", 1e9) for w in ("gw", "gigawatt")},
    **{w: ("power", 1e12) for w in ("tw", "terawatt")},
    **{w: ("energy", 1.0) for w in ("wh", "watt-hour")},
    **{w: ("energy", 1e3) for w in ("kwh", "kilowatt-hour")},
    **{w: ("energy", 1e6) for w in ("mwh", "megawatt-hour")},
    **{w: ("energy", 1e9) for w in ("gwh", "gigawatt-hour")},
    **{w: ("energy", 1e12) for w in ("twh", "terawatt-hour")},
    **{w: ("data", 1e3) for w in ("kb", "kilobyte")},
    **{w: ("data", 1e6) for w in ("mb", "megabyte")},
    **{w: ("data", 1e9) for w in ("gb", "gigabyte")},
    **{w: ("data", 1e12) for w in ("tb", "terabyte")},
    **{w: ("data", 1e15) for w in ("pb", "petabyte")},
}

#: The claim file's unit vocabulary: unit -> (dimension, factor to the dimension's base unit).
CLAIM_UNITS: dict[str, tuple[str, float]] = {
    "percent": ("percent", 1.0),
    "percentage-point": ("percentage-point", 1.0),
    "count": ("count", 1.0),
    "times": ("times", 1.0),
    # A position in an ordering ("the world's third-largest economy"): never a count.
    "rank": ("rank", 1.0),
    **{u: UNIT_FACTORS[u.lower()] for u in ("mm", "cm", "m", "km", "ft", "mi")},
    **{u: UNIT_FACTORS[u.lower()] for u in ("W", "kW", "MW", "GW", "TW")},
    **{u: UNIT_FACTORS[u.lower()] for u in ("Wh", "kWh", "MWh", "GWh", "TWh")},
    # seconds are not in the schema's unit enum; minutes and hours are.
    **{f"{u}s": UNIT_FACTORS[u] for u in ("second", "minute", "hour", "day", "week", "month",
                                          "year")},
    **{code: (f"currency:{code}", 1.0) for code in CLAIM_CURRENCIES},
}

#: Multiplier verbs and adjectives: "double", "tripled", "quadruple".
MULTIPLIER_WORDS: dict[str, float] = {
    "double": 2.0, "doubled": 2.0, "triple": 3.0, "tripled": 3.0,
    "quadruple": 4.0, "quadrupled": 4.0,
}

# "US dollar", "Hong Kong dollar": each dollar in the singular too.
CURRENCY_WORDS.update(
    {w[:-1]: v for w, v in list(CURRENCY_WORDS.items()) if w.endswith(" dollars")}
)
