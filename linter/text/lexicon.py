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
