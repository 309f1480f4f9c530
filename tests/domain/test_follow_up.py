"""One follow-up rule: the re-test sentence and the dated band agree for every risk level."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from the5hc_desktop.domain.follow_up import follow_up, reassess_advice
from the5hc_desktop.domain.recommendations import tip_for
from the5hc_desktop.domain.risk import RiskLevel

DAY = date(2024, 5, 10)


@pytest.mark.parametrize(
    ("level", "weeks", "interim", "reassess", "ko"),
    [(RiskLevel.HIGH, 6, date(2024, 5, 31), date(2024, 6, 21), "6주 후 재평가"),
     (RiskLevel.MODERATE, 8, date(2024, 6, 7), date(2024, 7, 5), "8주 후 재평가"),
     (RiskLevel.LOW_MODERATE, 12, date(2024, 6, 21), date(2024, 8, 2), "12주 후 재평가"),
     (RiskLevel.LOW, 12, date(2024, 6, 21), date(2024, 8, 2), "12주 후 재평가"),
     (None, 12, date(2024, 6, 21), date(2024, 8, 2), "12주 후 재평가")],
)  # fmt: skip
def test_follow_up_table(
    level: RiskLevel | None, weeks: int, interim: date, reassess: date, ko: str
) -> None:
    plan = follow_up(DAY, level)
    assert (plan.weeks, plan.interim, plan.reassess) == (weeks, interim, reassess)
    assert reassess_advice(level).ko == ko
    assert reassess_advice(level).en == f"Reassess in {weeks} weeks"


@pytest.mark.parametrize("level", list(RiskLevel))
def test_the_sentence_names_the_interval_of_the_date(level: RiskLevel) -> None:
    """The stored tip "risk.reassess.*" reads the same weeks as the scheduled date."""
    sentence = tip_for(f"risk.reassess.{level.value}").text_ko
    weeks = int(re.match(r"(\d+)주 후 재평가", sentence).group(1))  # type: ignore[union-attr]
    assert follow_up(DAY, level).reassess == DAY + timedelta(weeks=weeks)
