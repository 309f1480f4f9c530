"""What the services hand to the renderers: plain frozen values, never ORM rows.

Numbers stay unrounded here; the renderers format them (one decimal, half up).
Money is int KRW as stored on the payment row (negative on a reversal).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from the5hc_desktop.domain.labels import Label

if TYPE_CHECKING:
    from the5hc_desktop.domain.recommendations import Recommendations
    from the5hc_desktop.domain.risk import RiskAssessment
    from the5hc_desktop.domain.scoring import AssessmentInputs, AssessmentScores
    from the5hc_desktop.reports.health_data import HealthReportData


@dataclass(frozen=True)
class AssessmentReportData:
    gym_name: str
    client_name: str
    gender: Label | str
    age: int
    height_cm: float | None
    weight_kg: float | None
    assessed_on: date
    trainer_name: str
    environment: Label | str | None
    temperature_c: float | None
    inputs: AssessmentInputs
    scores: AssessmentScores
    risk: RiskAssessment | None
    recommendations: Recommendations
    notes: str
    scoring_version: str
    generated_at: datetime
    # Screening and lifestyle questionnaire; None when none was recorded.
    health: HealthReportData | None = None


@dataclass(frozen=True)
class AssessmentSnapshot:
    """One side of a comparison."""

    assessed_on: date
    inputs: AssessmentInputs
    scores: AssessmentScores


@dataclass(frozen=True)
class ComparisonReportData:
    gym_name: str
    client_name: str
    gender: Label | str
    age: int
    trainer_name: str
    before: AssessmentSnapshot
    after: AssessmentSnapshot
    generated_at: datetime


@dataclass(frozen=True)
class ReceiptData:
    gym_name: str
    client_name: str
    paid_on: date
    item: str
    gross: int
    vat: int
    card_fee: int
    net: int
    method: str
    payment_number: str
    is_reversal: bool = False
    gym_phone: str | None = None
    gym_address: str | None = None
    business_number: str | None = None  # 사업자등록번호, 123-45-67890
    representative: str | None = None  # 대표자
    vat_rate: Decimal | None = None
    card_fee_rate: Decimal | None = None
    issued_at: datetime | None = None

    @property
    def supply(self) -> int:
        """공급가액: the amount without VAT."""
        return self.gross - self.vat


@dataclass(frozen=True)
class ListColumn:
    """A column of a printed list (reports.table_report)."""

    title: str
    weight: float = 1.0  # share of the page width
    align: str = "LEFT"  # LEFT, RIGHT or CENTER


@dataclass(frozen=True)
class ListSection:
    heading: str  # "" for a list without sections
    rows: Sequence[Sequence[str]]


# From this many columns on, a printed list turns the page to landscape.
LANDSCAPE_FROM = 7
