"""Each language cites its way (STYLE.md §8): the sections the rule versions keep in the Finnish
statute book's form are shown the Swedish and English way, in the reasons too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from polku.eligibility.citations import cite
from polku.eligibility.models import EmploymentPlan, Route, SanctionRule
from polku.eligibility.rules import Inputs, assess, sanction


@pytest.mark.parametrize(
    ("finnish", "swedish", "english"),
    [
        ("189/2001 3 §", "189/2001 3 §", "189/2001 section 3"),
        (
            "189/2001 3 § (HE 109/2025 vp)",
            "189/2001 3 § (RP 109/2025 rd)",
            "189/2001 section 3 (Government proposal HE 109/2025)",
        ),
        ("189/2001 13 b § 2 mom.", "189/2001 13 b § 2 mom.", "189/2001 section 13 b(2)"),
        ("1290/2002 2 a luku", "1290/2002 2 a kap.", "1290/2002 chapter 2 a"),
        ("StVM 27/2025 vp", "ShUB 27/2025 rd", "Committee report StVM 27/2025"),
        ("381/2023", "381/2023", "381/2023"),
        (
            "189/2001 3 § (muutos 2027)",
            "189/2001 3 § (muutos 2027)",
            "189/2001 section 3 (muutos 2027)",
        ),
    ],
)
def test_each_language_cites_its_way(finnish: str, swedish: str, english: str) -> None:
    assert cite(finnish, "fi") == finnish
    assert cite(finnish, "sv") == swedish
    assert cite(finnish, "en") == english


@pytest.mark.parametrize(
    ("stored", "finnish", "english"),
    [
        ("1301/2014 §36", "1301/2014 36 §", "1301/2014 section 36"),
        ("434/2003 §§ 54–62", "434/2003 54–62 §", "434/2003 sections 54–62"),
        (
            "189/2001 §§ 2, 9, 13; 1301/2014 § 45",
            "189/2001 2, 9, 13 §; 1301/2014 45 §",
            "189/2001 sections 2, 9, 13; 1301/2014 section 45",
        ),
    ],
)
def test_a_section_sign_written_first_is_cited_the_statute_book_way(
    stored: str, finnish: str, english: str
) -> None:
    """Audit events keep legal bases as the services wrote them, some with the sign first."""
    assert cite(stored, "fi") == finnish
    assert cite(stored, "sv") == finnish
    assert cite(stored, "en") == english


@pytest.mark.django_db
def test_the_seeded_rules_cite_the_swedish_and_english_way() -> None:
    data = Inputs(
        birth_date=dt.date(1980, 1, 1),
        subsidy_days_total=600,
        subsidy_days_12m=200,
        social_assistance_main_income=False,
        employment_plan=EmploymentPlan.NONE,
    )
    result = assess(data, on=dt.date(2026, 3, 1))
    assert result.route == Route.MTS
    with translation.override("fi"):
        finnish = " ".join(str(r) for r in result.reasons)
    with translation.override("sv"):
        swedish = " ".join(str(r) for r in result.reasons)
    with translation.override("en"):
        english = " ".join(str(r) for r in result.reasons)
    assert "189/2001 3 § (HE 109/2025 vp)" in finnish
    assert "189/2001 3 § (RP 109/2025 rd)" in swedish
    assert "HE 109/2025" not in swedish
    assert "189/2001 section 3 (Government proposal HE 109/2025)" in english
    assert "§" not in english
    with translation.override("sv"):
        assert str(Route.NOT_WITHIN.label) == "Omfattas inte av 189/2001 3 §"
    with translation.override("en"):
        assert str(Route.NOT_WITHIN.label) == "Not within 189/2001 section 3"


@pytest.mark.django_db
def test_the_sanctions_cite_the_chapter_in_each_language() -> None:
    assert SanctionRule.objects.get().section == "1290/2002 2 a luku"
    view = sanction(2, on=dt.date(2026, 6, 1))
    with translation.override("fi"):
        assert "1290/2002 2 a luku" in str(view.reasons[0])
    with translation.override("sv"):
        shown = str(view.reasons[0])
        assert "1290/2002 2 a kap." in shown
        assert "luku" not in shown
        assert "7 dagar utan förmån" in shown
    with translation.override("en"):
        assert "1290/2002 chapter 2 a" in str(view.reasons[0])
