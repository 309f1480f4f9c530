"""When a member is checked and re-tested: the one follow-up rule for every screen and report.

The interval follows the injury-risk level: a high risk is re-tested sooner. The re-test
sentence ("6주 후 재평가") and the dated band (중간 점검 / 재평가 예정) both come from here,
so the report can never promise one interval on one page and print another date on the next.
The interim check sits half-way. Without a risk level (too little measured) the re-test
closes the 12-week programme.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .labels import Label
from .risk import RiskLevel

PROGRAMME_WEEKS = 12

REASSESS_WEEKS: dict[RiskLevel, int] = {
    RiskLevel.HIGH: 6,
    RiskLevel.MODERATE: 8,
    RiskLevel.LOW_MODERATE: PROGRAMME_WEEKS,
    RiskLevel.LOW: PROGRAMME_WEEKS,
}


@dataclass(frozen=True, slots=True)
class FollowUp:
    weeks: int
    interim: date
    reassess: date


INTERIM_LABEL = Label("중간 점검", "Interim check")
REASSESS_LABEL = Label("재평가 예정", "Next assessment")


def reassess_weeks(level: RiskLevel | None) -> int:
    return PROGRAMME_WEEKS if level is None else REASSESS_WEEKS[level]


def follow_up(assessed_on: date, level: RiskLevel | None) -> FollowUp:
    """Interim check half-way, re-test after `reassess_weeks(level)` weeks."""
    weeks = reassess_weeks(level)
    return FollowUp(weeks, assessed_on + timedelta(days=weeks * 7 // 2),
                    assessed_on + timedelta(weeks=weeks))


def reassess_advice(level: RiskLevel | None) -> Label:
    """The re-test sentence of the risk advice, in weeks from the same rule."""
    weeks = reassess_weeks(level)
    return Label(f"{weeks}주 후 재평가", f"Reassess in {weeks} weeks")
