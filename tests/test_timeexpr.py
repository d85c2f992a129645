"""Table-driven tests for linter.text.dates: dates with precision and relative-date resolution."""

from __future__ import annotations

from datetime import date

import pytest

from linter.text.dates import (
    DateInterval,
    RelativeDate,
    find_relative_dates,
    parse_date,
    resolve,
    week_interval,
)
from linter.text.quantity import compatible, date_quantity, from_value

# ----------------------------------------------------------------------------- parse_date


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2024", "2024-01-01", "2024-12-31", "year"),
        ("2025-01", "2025-01-01", "2025-01-31", "month"),
        ("2024-02", "2024-02-01", "2024-02-29", "month"),
        ("2025-02", "2025-02-01", "2025-02-28", "month"),
        ("2025-01-20", "2025-01-20", "2025-01-20", "day"),
        (" 2025-07-30 ", "2025-07-30", "2025-07-30", "day"),
    ],
)
def test_parse_date(text: str, start: str, end: str, precision: str) -> None:
    d = parse_date(text)
    assert (d.start.isoformat(), d.end.isoformat(), d.precision) == (start, end, precision)
    assert d.isoformat() == text.strip()


@pytest.mark.parametrize(
    "text", ["2025-13", "2025-02-30", "25", "2025/01/01", "", "abcd", "2025-1-5", "0000", None]
)
def test_parse_date_errors(text: object) -> None:
    with pytest.raises(ValueError):
        parse_date(text)  # type: ignore[arg-type]


def test_parse_date_accepts_a_date() -> None:
    assert parse_date(date(2025, 1, 20)) == parse_date("2025-01-20")


def test_date_quantity_and_interval_model() -> None:
    q = date_quantity(parse_date("2024"), bound="lower-inclusive", text="since 2024", span=(3, 13))
    assert (q.dimension, q.precision, q.bound, q.span) == (
        "date",
        "year",
        "lower-inclusive",
        (3, 13),
    )
    assert (q.low, q.high) == (date(2024, 1, 1).toordinal(), date(2024, 12, 31).toordinal())
    with pytest.raises(ValueError):
        DateInterval(date(2025, 1, 2), date(2025, 1, 1), "day")
    with pytest.raises(ValueError):
        DateInterval(date(2025, 1, 1), date(2025, 1, 1), "fortnight")
    assert week_interval(date(2025, 10, 3)).isoformat() == "2025-09-29..2025-10-05"


# ----------------------------------------------------------------------------- finding

FIND: list[tuple[str, list[tuple[str, str]]]] = [
    ("Last month, Jensen Huang warned.", [("Last month", "month -1")]),
    ("It was quoted this week.", [("this week", "week +0")]),
    ("It adds 20 countries this year.", [("this year", "year +0")]),
    ("It rose last year.", [("last year", "year -1")]),
    ("It will open next year.", [("next year", "year +1")]),
    ("Earlier this year at the White House.", [("Earlier this year", "year +0 earlier")]),
    ("It happened late last year.", [("late last year", "year -1 late")]),
    ("restrictions imposed three years ago", [("three years ago", "year -3")]),
    ("It launched 2 months ago.", [("2 months ago", "month -2")]),
    ("It started a decade ago.", [("a decade ago", "year -10")]),
    ("In September, state media reported.", [("In September", "month=9 past")]),
    ("in early October", [("in early October", "month=10 past early")]),
    ("surpassed it since November", [("since November", "month=11 past since")]),
    ("From October 1, China is rolling out", [("From October 1", "month=10 day=1 nearest since")]),
    ("lessons starting in September", [("starting in September", "month=9 nearest since")]),
    ("This April, Trump signed", [("This April", "month=4 this")]),
    ("last September it rained", [("last September", "month=9 last")]),
    ("by 2027, up from 34%", [("by 2027", "year=2027 target")]),
    ("since 2019 it has", [("since 2019", "year=2019 since")]),
    ("until 2030 at least", [("until 2030", "year=2030 target")]),
    ("It met on Monday.", [("on Monday", "weekday=Mon past")]),
    ("It met last Friday.", [("last Friday", "weekday=Fri last")]),
    ("It met yesterday.", [("yesterday", "day -1")]),
    ("in the next five years", [("the next five years", "span year +5")]),
    ("over the past three months", [("the past three months", "span month -3")]),
    ("Altman recently validated it", [("recently", "vague")]),
    ("In recent weeks, firms flooded in", [("In recent weeks", "vague")]),
    ("the recent book Breakneck", [("recent", "vague")]),
    ("opened just weeks earlier", [("just weeks earlier", "vague")]),
    # absolute dates are not relative
    ("on October 1, 2025 and in September 2024", []),
    ("In 2024, DeepSeek launched.", []),
    ("Monday, Oct 13, 2025", []),
    ("China rehearses September 3 Victory Day parade", [("September 3", "month=9 day=3 past")]),
    ("since its January 10 release", [("January 10", "month=1 day=10 past")]),
    ("By 27 January, DeepSeek-R1 surpassed", [("By 27 January", "month=1 day=27 nearest target")]),
    ("On the 20th of January they released", [("On the 20th of January", "month=1 day=20 past")]),
    ("March forward, May be", []),
    ("by 2000 votes", []),
    # figurative "today"/"tomorrow" and vague durations are not resolved
    ("it forces China to build tomorrow", []),
    ("For decades, for years, for months", []),
    ("it may slow it today", []),
    # issue 22: AP-style months, parts of a month, weekdays in a named week, compounds
    ("It closed in Sept. and reopened.", [("in Sept.", "month=9 past")]),
    ("in Oct. 2024 it rained", []),
    ("the first 10 days of July", [("the first 10 days of July", "month=7 part=1x10d past")]),
    ("the final week of the season", []),
    ("on Wednesday of this week", [("on Wednesday of this week", "weekday=Wed week+0")]),
    ("3 years, 2 months ago", [("3 years, 2 months ago", "month -38")]),
    ("two weeks before yesterday", [("two weeks before yesterday", "day -15")]),
    ("costs were spread over three years", [("over three years", "span year 3 across")]),
    ("it took over three years", []),
    ("due on November 31", []),
]


@pytest.mark.parametrize(("text", "expected"), FIND, ids=[f[0][:40] for f in FIND])
def test_find_relative_dates(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_relative_dates(text)
    assert [(r.phrase, r.description) for r in found] == expected
    for r in found:
        assert text[r.span[0] : r.span[1]] == r.phrase


# ----------------------------------------------------------------------------- resolving

RESOLVE: list[tuple[str, str, str, str, str]] = [
    # text, anchor, expected start, expected end, expected precision
    ("last month", "2025-10-03", "2025-09-01", "2025-09-30", "month"),
    ("last month", "2025-01-15", "2024-12-01", "2024-12-31", "month"),
    ("last month", "2025-10", "2025-09-01", "2025-09-30", "month"),  # month anchor: exact
    ("last month", "2025", "2024-12-01", "2025-11-30", "year"),  # year anchor widens
    ("this month", "2025-10-03", "2025-10-01", "2025-10-31", "month"),
    ("next month", "2025-12-03", "2026-01-01", "2026-01-31", "month"),
    ("this week", "2025-10-03", "2025-09-29", "2025-10-05", "week"),
    ("this week", "2025-10", "2025-09-29", "2025-11-02", "month"),  # all weeks touching Oct
    ("last week", "2025-07-30", "2025-07-21", "2025-07-27", "week"),
    ("this year", "2025-07-30", "2025-01-01", "2025-12-31", "year"),
    ("last year", "2025-07-30", "2024-01-01", "2024-12-31", "year"),
    ("next year", "2025-07-30", "2026-01-01", "2026-12-31", "year"),
    ("earlier this year", "2025-07-30", "2025-01-01", "2025-07-30", "day"),
    ("later this year", "2025-07-30", "2025-07-30", "2025-12-31", "day"),
    ("late last year", "2025-07-30", "2024-09-01", "2024-12-31", "month"),
    ("early this year", "2025-07-30", "2025-01-01", "2025-04-30", "month"),
    ("mid this year", "2025-07-30", "2025-05-01", "2025-08-31", "month"),
    ("earlier this month", "2025-07-30", "2025-07-01", "2025-07-30", "day"),
    ("late last month", "2025-03-05", "2025-02-21", "2025-02-28", "day"),
    ("three years ago", "2025-10-03", "2022-01-01", "2022-12-31", "year"),
    ("three years ago", "2025", "2022-01-01", "2022-12-31", "year"),
    ("2 months ago", "2025-01-15", "2024-11-01", "2024-11-30", "month"),
    ("two weeks ago", "2025-10-03", "2025-09-15", "2025-09-21", "week"),
    ("five days ago", "2025-10-03", "2025-09-28", "2025-09-28", "day"),
    ("yesterday", "2025-10-13", "2025-10-12", "2025-10-12", "day"),
    ("yesterday", "2025-10", "2025-09-30", "2025-10-30", "month"),
    ("in September", "2025-10-13", "2025-09-01", "2025-09-30", "month"),
    ("in September", "2025-07-30", "2024-09-01", "2024-09-30", "month"),
    ("in October", "2025-10-03", "2025-10-01", "2025-10-31", "month"),  # the current month
    ("in September", "2025", "2024-09-01", "2025-09-30", "year"),
    ("In July", "2025-07-30", "2025-07-01", "2025-07-31", "month"),
    ("in April", "2025-07-30", "2025-04-01", "2025-04-30", "month"),
    ("in February", "2025-07-30", "2025-02-01", "2025-02-28", "month"),
    ("since November", "2025-07-30", "2024-11-01", "2024-11-30", "month"),
    ("starting in September", "2025-07-30", "2025-09-01", "2025-09-30", "month"),
    ("starting in June", "2025-07-30", "2025-06-01", "2025-06-30", "month"),  # nearest
    ("starting in January", "2025-07-30", "2026-01-01", "2026-01-31", "month"),  # tie: later
    ("by September", "2025-07-30", "2025-09-01", "2025-09-30", "month"),
    ("By 27 January", "2025-02", "2025-01-27", "2025-01-27", "day"),
    ("On the 20th of January", "2025-02", "2025-01-20", "2025-01-20", "day"),
    ("since its January 10 release", "2025-01-27", "2025-01-10", "2025-01-10", "day"),
    ("September 3", "2025-10-13", "2025-09-03", "2025-09-03", "day"),
    ("From October 1", "2025-10", "2025-10-01", "2025-10-01", "day"),
    ("last September", "2025-09-15", "2024-09-01", "2024-09-30", "month"),
    ("next September", "2025-09-15", "2026-09-01", "2026-09-30", "month"),
    ("This April", "2025-07-30", "2025-04-01", "2025-04-30", "month"),
    ("in late September", "2025-10-13", "2025-09-21", "2025-09-30", "day"),
    ("on Monday", "2025-10-03", "2025-09-29", "2025-09-29", "day"),  # a Friday
    ("on Monday", "2025-10-13", "2025-10-13", "2025-10-13", "day"),  # a Monday: same day
    ("last Monday", "2025-10-13", "2025-10-06", "2025-10-06", "day"),
    ("next Monday", "2025-10-13", "2025-10-20", "2025-10-20", "day"),
    ("this Friday", "2025-10-13", "2025-10-17", "2025-10-17", "day"),
    ("on Monday", "2025-10", "2025-09-29", "2025-10-27", "month"),
    ("the next five years", "2025-07-30", "2025-07-30", "2030-07-30", "day"),
    ("the past three months", "2025-07-30", "2025-05-01", "2025-07-30", "day"),
    ("by 2027", "2025-07-30", "2027-01-01", "2027-12-31", "year"),
    ("since 2019", "2025-07-30", "2019-01-01", "2019-12-31", "year"),
    ("the first 10 days of July", "2025-07-30", "2025-07-01", "2025-07-10", "day"),
    ("in the last week of February", "2024-03-15", "2024-02-23", "2024-02-29", "day"),
    ("on Wednesday of this week", "2025-10-13", "2025-10-15", "2025-10-15", "day"),
    ("on Friday next week", "2025-10-17", "2025-10-24", "2025-10-24", "day"),  # a Friday
    ("3 years, 2 months ago", "2025-10-03", "2022-08-01", "2022-08-31", "month"),
    ("two weeks before yesterday", "2025-10-13", "2025-09-28", "2025-09-28", "day"),
]


@pytest.mark.parametrize(
    ("text", "anchor", "start", "end", "precision"),
    RESOLVE,
    ids=[f"{r[0]}@{r[1]}" for r in RESOLVE],
)
def test_resolve(text: str, anchor: str, start: str, end: str, precision: str) -> None:
    (rel,) = find_relative_dates(text)
    got = resolve(rel, parse_date(anchor))
    assert got is not None
    assert (got.start.isoformat(), got.end.isoformat(), got.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["last month", "this week", "three years ago", "In September"])
def test_unanchored_is_none(text: str) -> None:
    (rel,) = find_relative_dates(text)
    assert rel.needs_anchor
    assert resolve(rel, None) is None


@pytest.mark.parametrize("text", ["recently", "in recent weeks", "the recent book"])
def test_vague_never_resolves(text: str) -> None:
    (rel,) = find_relative_dates(text)
    assert not rel.resolvable
    assert resolve(rel, parse_date("2025-10-03")) is None


def test_calendar_years_need_no_anchor() -> None:
    (target,) = find_relative_dates("82% of chips by 2027")
    assert not target.needs_anchor
    assert target.kind == "target"
    assert resolve(target, None) == parse_date("2027")


def test_this_week_and_last_month_overlap() -> None:
    # "this week" in an article of 2025-10-03 and "last month" in one of 2025-11-05 both
    # contain early October 2025.
    (week,) = find_relative_dates("Huang was quoted by media this week")
    (month,) = find_relative_dates("Last month, Huang warned")
    a = resolve(week, parse_date("2025-10-03"))
    b = resolve(month, parse_date("2025-11-05"))
    assert a is not None and b is not None
    assert a.overlaps(b)
    assert compatible(date_quantity(a), date_quantity(b))
    assert a.start <= date(2025, 10, 1) <= a.end and b.start <= date(2025, 10, 5) <= b.end


def test_resolved_relative_date_conflicts_with_a_claim() -> None:
    # 002's "In 2024 ... DeepSeek" is absolute; a relative "last year" in a 2025 article agrees
    # with it and "three years ago" does not.
    claim = from_value({"date": "2024"})
    anchor = parse_date("2025-10-13")
    (last_year,) = find_relative_dates("launched last year")
    (three,) = find_relative_dates("launched three years ago")
    assert compatible(claim, date_quantity(resolve(last_year, anchor)))  # type: ignore[arg-type]
    assert not compatible(claim, date_quantity(resolve(three, anchor)))  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- seed articles
# Every relative date of the seed sentences, resolved against the article's anchor. 000 has
# no date in its text: DESIGN.md places it in early October 2025, so the tests use month
# precision 2025-10; 002 has no date at all, so everything in it is unanchored.
SEED_RELATIVE: list[tuple[str, str | None, list[tuple[str, str | None]]]] = [
    (
        "before broader restrictions on the export of the most advanced AI chips to China "
        "imposed three years ago, amid fears for U.S. national security",
        "2025-10",
        [("three years ago", "2022")],
    ),
    (
        "Nvidia CEO Jensen Huang was quoted by media this week saying China is just "
        "“nanoseconds” behind the United States on chips",
        "2025-10",
        [("this week", "2025-09-29..2025-11-02")],
    ),
    (
        "A white paper from the International Monetary Fund in August put the equivalent fiscal "
        "cost of industrial policy",
        "2025-10",
        [("in August", "2025-08")],
    ),
    (
        "which had opened just weeks earlier with the longest span of any cable-stayed bridge",
        "2025-10",
        [("just weeks earlier", None)],
    ),
    (
        "From October 1, China is rolling out its own “K visa” precisely to bring in top "
        "science and technology workers from abroad.",
        "2025-10",
        [("From October 1", "2025-10-01")],
    ),
    (
        "as it adds another 20 countries for exports this year to the European markets",
        "2025-10",
        [("this year", "2025")],
    ),
    (
        "Dan Wang, author of the recent book Breakneck: China’s Quest to Engineer the Future",
        "2025-10",
        [("recent", None)],
    ),
    (
        "Last month, Jensen Huang, CEO of Nvidia, warned that China was only “nanoseconds "
        "behind” the U.S. in chip development.",
        None,
        [("Last month", None)],
    ),
    (
        "In September, state media reported that Alibaba developed a chip matching Nvidia’s H20 "
        "semiconductors in performance while consuming less energy.",
        None,
        [("In September", None)],
    ),
    (
        "In a recent podcast, Jensen Huang praised China’s enormous talent pool",
        None,
        [("recent", None)],
    ),
    (
        "At the recent World AI Conference in Shanghai, Chinese firms unveiled two strategic "
        "alliances",
        "2025-10-13",
        [("recent", None)],
    ),
    (
        "OpenAI's CEO Sam Altman recently validated what market data has been signaling for months",
        None,
        [("recently", None)],
    ),
    (
        "Many of the initiatives were on display at an AI conference that ended this week in "
        "Shanghai",
        "2025-07-30",
        [("this week", "2025-07-28..2025-08-03")],
    ),
    (
        "Sales of Nvidia’s H20 AI chips to China were recently restored by Washington after it "
        "restricted them in April, a reversal seen by Beijing as a gesture of good faith",
        "2025-07-30",
        [("recently", None), ("in April", "2025-04")],
    ),
    (
        "Earlier this year at the White House, OpenAI and Japan’s SoftBank unveiled a $500 "
        "billion effort",
        "2025-07-30",
        [("Earlier this year", "2025-01-01..2025-07-30")],
    ),
    (
        "Huawei has published several papers this year detailing how its researchers used its "
        "homegrown chips",
        "2025-07-30",
        [("this year", "2025")],
    ),
    (
        "During a meeting with President Xi Jinping in February, Chief Executive Officer Ren "
        'Zhengfei told Xi about “Project Spare Tire,"',
        "2025-07-30",
        [("in February", "2025-02")],
    ),
    (
        "to help China’s semiconductor sector achieve a self-sufficiency rate of 70% by 2028",
        "2025-07-30",
        [("by 2028", "2028")],
    ),
    (
        "Morgan Stanley analysts forecast that China will have 82% of AI chips from domestic "
        "makers by 2027, up from 34% in 2024.",
        "2025-07-30",
        [("by 2027", "2027")],
    ),
    (
        "In July, the local government in Shenzhen, where Huawei is based, said it was raising "
        "around $700 million",
        "2025-07-30",
        [("In July", "2025-07")],
    ),
    (
        "the overall performance of China’s best open-weight model has surpassed the American "
        "champion since November.",
        "2025-07-30",
        [("since November", "2024-11")],
    ),
    (
        "In recent weeks, a flurry of Chinese companies have flooded the market with "
        "open-source models",
        "2025-07-30",
        [("In recent weeks", None)],
    ),
    (
        "a disparity that is projected to grow larger in the next five years despite the U.S. "
        "expanding power generation.",
        "2025-07-30",
        [("the next five years", "2025-07-30..2030-07-30")],
    ),
    (
        "according to data released by the country’s Ministry of Education in April.",
        "2025-07-30",
        [("in April", "2025-04")],
    ),
    (
        "In Beijing, primary and secondary schools will begin mandatory AI lessons for students "
        "starting in September.",
        "2025-07-30",
        [("starting in September", "2025-09")],
    ),
    (
        "This April, President Trump signed an executive order mandating AI education",
        "2025-07-30",
        [("This April", "2025-04")],
    ),
]


@pytest.mark.parametrize(
    ("text", "anchor", "expected"), SEED_RELATIVE, ids=[s[0][:40] for s in SEED_RELATIVE]
)
def test_seed_relative_dates(
    text: str, anchor: str | None, expected: list[tuple[str, str | None]]
) -> None:
    found: list[RelativeDate] = find_relative_dates(text)
    assert [r.phrase for r in found] == [phrase for phrase, _ in expected]
    anchor_interval = parse_date(anchor) if anchor else None
    for rel, (_, want) in zip(found, expected, strict=True):
        got = resolve(rel, anchor_interval)
        assert (got.isoformat() if got else None) == want


@pytest.mark.parametrize(
    ("text", "anchor"),
    [("on February 29", "2025-10-13"), ("on February 29", "2025"),
     ("the last five weeks of February", "2025-10-13"),
     ("spread over three years", "2025-10-13")],
)
def test_refused_readings_resolve_to_nothing(text: str, anchor: str) -> None:
    """A day the anchor's year lacks is refused, not moved to the 28th; so is a part longer
    than its month; a span that "over" stretches across is placed nowhere."""
    (rel,) = find_relative_dates(text)
    assert resolve(rel, parse_date(anchor)) is None

