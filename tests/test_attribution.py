"""Attribution classification on seed sentences, with the real `attribution-cues` lexicon.

Sentences are verbatim from the seed articles (000 Newsweek, 001 i10x, 002 unknown publisher,
004 WSJ) unless the id says otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from linter.model import RegistryError
from linter.text.attribution import Attribution, CueLexicon, attribution_of

REGISTRIES = Path(__file__).parents[1] / "rules" / "registries"
LEXICON = REGISTRIES / "attribution-cues.yaml"


@pytest.fixture(scope="module")
def lexicon() -> CueLexicon:
    return CueLexicon.from_data(yaml.safe_load(LEXICON.read_text("utf-8")), str(LEXICON))


HOOVER = (
    "China’s efforts have already enabled it to develop a robust pipeline of homegrown talent, "
    "according to researchers from the Hoover Institution and Stanford University, who recently "
    "evaluated the backgrounds of more than 200 authors involved in DeepSeek’s papers between "
    "2024 and February 2025."
)
IMF = (
    "A white paper from the International Monetary Fund in August put the equivalent fiscal cost "
    "of industrial policy through cash subsidies, tax benefits, subsidized credit, and subsidized "
    "land for favored sectors—including both private and state firms—at about 4 percent of gross "
    "domestic product (GDP), much more than in other countries."
)

CASES = [
    # --- none: the subject doing the thing is not its source -----------------------------------
    pytest.param(
        "China currently has about 2.5 times as much power-generation capacity as the U.S.",
        None,
        ("none", None, None),
        id="004-power-capacity-unattributed",
    ),
    pytest.param(
        "China Mobile plans to deploy 100,000 GPUs.",
        None,
        ("none", None, None),
        id="issue-example-subject-is-not-source",
    ),
    pytest.param(
        "Huawei has published several papers this year detailing how its researchers used its "
        "homegrown chips to build large language models without relying on American technology.",
        None,
        ("none", None, None),
        id="004-huawei-published-papers",
    ),
    pytest.param(
        "Officials in coastal Jiangsu province proudly showed off the Changtai Yangtze River "
        "Bridge, which had opened just weeks earlier with the longest span of any cable-stayed "
        "bridge in the world at nearly 4,000 feet.",
        None,
        ("none", None, None),
        id="000-showed-off-is-not-attribution",
    ),
    pytest.param(
        "The renewed tariff war has added urgency.",
        None,
        ("none", None, None),
        id="002-added-urgency-is-not-attribution",
    ),
    # --- named --------------------------------------------------------------------------------
    pytest.param(
        "Morgan Stanley analysts forecast that China will have 82% of AI chips from domestic "
        "makers by 2027, up from 34% in 2024.",
        None,
        ("named", "forecast", "Morgan Stanley analysts"),
        id="004-morgan-stanley-analysts",
    ),
    pytest.param(
        "It is spending $564 billion on grid construction projects in the five years up to "
        "2030, an increase of more than 40% from the previous five years, Morgan Stanley "
        "researchers forecast.",
        None,
        ("named", "forecast", "Morgan Stanley researchers"),
        id="004-trailing-named-forecast",
    ),
    pytest.param(
        "U.S. researcher SemiAnalysis recently reported that one such Huawei cluster, which "
        "connects 384 of its Ascend chips, outperforms Nvidia’s flagship system with 72 "
        "graphics-processing units on some metrics.",
        None,
        ("named", "reported", "researcher SemiAnalysis"),
        id="004-semianalysis",
    ),
    pytest.param(
        "China has also approved more than 600 colleges to set up degree programs in AI, "
        "according to data released by the country’s Ministry of Education in April.",
        None,
        ("named", "according to", "Ministry of Education"),
        id="004-ministry-of-education",
    ),
    pytest.param(
        "According to benchmark provider Artificial Analysis, the overall performance of China’s "
        "best open-weight model has surpassed the American champion since November.",
        None,
        ("named", "According to", "Artificial Analysis"),
        id="004-artificial-analysis",
    ),
    pytest.param(
        "Access to advanced chips has been a priority for Chinese negotiators in trade talks, "
        "The Wall Street Journal has reported.",
        None,
        ("named", "reported", "Wall Street Journal"),
        id="004-wsj-has-reported",
    ),
    pytest.param(
        '“China is obviously making progress in hardening its AI and computing ecosystem," said '
        "Michael Frank, founder of think tank Seldon Strategies.",
        None,
        ("named", "said", "Michael Frank"),
        id="004-quote-said-name",
    ),
    pytest.param(
        "In July, the local government in Shenzhen, where Huawei is based, said it was raising "
        'around $700 million to invest in strengthening an “independent and controllable" '
        "semiconductor supply chain.",
        None,
        ("named", "said", "local government in Shenzhen"),
        id="004-relative-clause-skipped",
    ),
    pytest.param(
        "More than half of these DeepSeek researchers never left China for schooling or work, "
        "they found.",
        HOOVER,
        ("named", "found", "Hoover Institution and Stanford University"),
        id="004-they-found-resolved-from-previous",
    ),
    pytest.param(
        "Chen, iFLYTEK’s general manager of AI translation software, said the firm had "
        "cooperated with Chinese companies such as Huawei on chip development.",
        None,
        ("named", "said", "Chen"),
        id="000-appositive-skipped",
    ),
    pytest.param(
        "Chinese AI developer iFLYTEK would have been happy to use American Nvidia chips to train "
        "a large language model that rivals ChatGPT, but says it’s now doing just fine without "
        "them.",
        None,
        ("named", "says", "iFLYTEK"),
        id="000-elided-subject",
    ),
    pytest.param(
        "“It’s not difficult for China,” Yuru Yang of Donghai Laboratory, which develops marine "
        "surveillance equipment including with military applications, told Newsweek.",
        None,
        ("named", "told", "Yuru Yang of Donghai Laboratory"),
        id="000-quote-then-speaker-told",
    ),
    pytest.param(
        "It found tech companies were among the most favored.",
        IMF,
        ("named", "found", "International Monetary Fund"),
        id="000-it-found-resolved-from-imf-paper",
    ),
    pytest.param(
        "“Never underestimate China’s ability to catch up,” she said.",
        None,
        ("named", "said", None),
        id="002-quote-with-said",
    ),
    pytest.param(
        "China’s state-led model can slow innovation, according to Professor Chia-Lin Yang from "
        "National Taiwan University.",
        None,
        ("named", "according to", "Professor Chia-Lin Yang"),
        id="002-according-to-professor",
    ),
    pytest.param(
        "Beijing aims to pressure the U.S. into resuming sales of advanced equipment or risk "
        "losing access to China’s massive market, said Dr. Haj-Yahya.",
        None,
        ("named", "said", "Dr. Haj-Yahya"),
        id="002-said-title-name",
    ),
    # --- anonymous ----------------------------------------------------------------------------
    pytest.param(
        "China’s securities regulator has largely refrained from approving initial public "
        'offerings of companies whose businesses aren’t related to “hard tech" sectors such as '
        "semiconductors and AI, so that capital can concentrate on funding technologies of "
        "strategic importance, people involved in the process said.",
        None,
        ("anonymous", "people involved in the process", None),
        id="004-people-involved-in-the-process",
    ),
    pytest.param(
        "Some companies ordered expensive AI servers to deploy the models even before they came "
        "up with a use for the technology, according to people familiar with the matter.",
        None,
        ("anonymous", "people familiar with the matter", None),
        id="004-people-familiar-with-the-matter",
    ),
    pytest.param(
        "During a meeting with President Xi Jinping in February, Chief Executive Officer Ren "
        'Zhengfei told Xi about “Project Spare Tire," an effort by Huawei and 2,000 other '
        "enterprises to help China’s semiconductor sector achieve a self-sufficiency rate of 70% "
        "by 2028, according to people familiar with the meeting.",
        None,
        ("anonymous", "people familiar with", None),
        id="004-anonymous-outranks-named-speaker",
    ),
    # --- vague --------------------------------------------------------------------------------
    pytest.param(
        "DeepSeek reportedly trained its R1 model for $294,000.",
        None,
        ("vague", "reportedly", None),
        id="constructed-reportedly",
    ),
    pytest.param(
        "China currently has about 2.5 times as much power-generation capacity as the U.S., a "
        "disparity that is projected to grow larger in the next five years despite the U.S. "
        "expanding power generation.",
        None,
        ("vague", "is projected", None),
        id="004-full-sentence-is-projected",
    ),
    pytest.param(
        "Industry participants say it showed China’s ambition to set global standards for AI and "
        "could undermine the U.S., whose leading models aren’t open-source.",
        None,
        ("vague", "say", None),
        id="004-industry-participants-say",
    ),
    pytest.param(
        "In September, state media reported that Alibaba developed a chip matching Nvidia’s H20 "
        "semiconductors in performance while consuming less energy.",
        None,
        ("vague", "reported", None),
        id="002-state-media-reported",
    ),
    pytest.param(
        "Experts agree Beijing can replace American semiconductors in simpler systems but lacks "
        "the raw power needed for high-end AI training.",
        None,
        ("vague", "Experts agree", None),
        id="002-experts-agree",
    ),
    pytest.param(
        "Yet, recent praise from figures like OpenAI CEO Sam Altman, combined with hard data from "
        "sources like the Stanford AI Index and the MIT Technology Review, paint a picture of a "
        "resilient and rapidly evolving ecosystem - one that's adapting in ways we might not have "
        "fully anticipated.",
        None,
        ("vague", "sources like", None),
        id="001-sources-like-is-an-example-not-a-source",
    ),
    pytest.param(
        "AI is expected to upend economies and militaries, and leadership in the sector is seen "
        "as critical to future global influence and national security.",
        None,
        ("vague", "is expected", None),
        id="004-is-expected",
    ),
]


@pytest.mark.parametrize(("sentence", "previous", "expected"), CASES)
def test_attribution_of_seed_sentences(
    lexicon: CueLexicon,
    sentence: str,
    previous: str | None,
    expected: tuple[str, str | None, str | None],
) -> None:
    result = attribution_of(sentence, previous, lexicon)
    assert (result.kind, result.cue, result.source) == expected
    if result.cue is not None:
        assert result.span is not None
        assert sentence[result.span[0] : result.span[1]] == result.cue
    else:
        assert result == Attribution("none")


def test_pronoun_without_context_and_without_quote_is_vague(lexicon: CueLexicon) -> None:
    result = attribution_of("He said that China is closing the gap fast.", None, lexicon)
    assert (result.kind, result.cue) == ("vague", "said")


def test_cue_inside_quotation_is_the_speakers_word(lexicon: CueLexicon) -> None:
    sentence = "“Sources say the market is cooling,” Magnus said."
    result = attribution_of(sentence, None, lexicon)
    assert (result.kind, result.cue, result.source) == ("named", "said", "Magnus")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"version": 1}, "custom.yaml: `version` must be 2"),
        ({"extra": []}, "custom.yaml: unknown top-level key(s): extra"),
        ({"vague_hedges": "reportedly"}, "custom.yaml: vague_hedges: must be a list"),
        ({"not_names": ["ok", False]}, "custom.yaml: not_names: must be a list"),
        ({"anonymous_cues": []}, "custom.yaml: anonymous_cues: must not be empty"),
        ({"inversion_verbs": ["opine"]},
         "custom.yaml: reporting_verbs: not a reporting verb: opine"),
        ({"reporting_verbs": {"strong": {"say": ["said"]}, "weak": {"say": []}}},
         "custom.yaml: reporting_verbs: both strong and weak: say"),
        ({"forecast_actions": ["raise"]},
         "custom.yaml: forecast_actions: must be a mapping of verb lemmas"),
        ({"source_heads": {"institutions": [], "castles": []}},
         "custom.yaml: source_heads: unknown key(s): castles"),
    ],
)
def test_lexicon_errors(change: dict[str, object], message: str) -> None:
    data = yaml.safe_load(LEXICON.read_text("utf-8"))
    data.update(change)
    with pytest.raises(RegistryError) as excinfo:
        CueLexicon.from_data(data, "custom.yaml")
    assert str(excinfo.value).startswith(message)


def test_lexicon_extension_without_python(lexicon: CueLexicon) -> None:
    data = yaml.safe_load(LEXICON.read_text("utf-8"))
    data["vague_hedges"].append("rumour has it")
    extended = CueLexicon.from_data(data, "custom.yaml")
    sentence = "Rumour has it that Huawei will ship 1 million chips."
    assert attribution_of(sentence, None, lexicon).kind == "none"
    assert attribution_of(sentence, None, extended).kind == "vague"
