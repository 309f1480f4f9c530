"""Report inputs built with the real domain functions (scoring, risk, recommendations)."""


from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from the5hc_desktop.domain.fees import PaymentMethod, split_payment
from the5hc_desktop.domain.recommendations import recommend
from the5hc_desktop.domain.risk import assess_risk
from the5hc_desktop.domain.scoring import SCORING_VERSION, AssessmentInputs, score_assessment
from the5hc_desktop.reports.data import (
    AssessmentReportData,
    AssessmentSnapshot,
    ComparisonReportData,
    ReceiptData,
)

# docs/domain.md 2.17 case A: every test measured.
COMPLETE_INPUTS: dict[str, Any] = {
    "gender": "male", "age": 25, "body_weight_kg": 72.5,
    "push_up_reps": 36, "push_up_type": "standard",
    "farmer_carry_weight_kg": 20, "farmer_carry_distance_m": 20, "farmer_carry_time_s": 45,
    "toe_touch_cm": 5.0, "shoulder_mobility_score": 3, "shoulder_left_cm": 8.5,
    "shoulder_right_cm": 11.0, "overhead_squat_score": 2, "knee_valgus": True,
    "heel_lift": True,
    "balance_right_open_s": 30, "balance_left_open_s": 28,
    "balance_right_closed_s": 12, "balance_left_closed_s": 10,
    "step_test_pulse_1": 55, "step_test_pulse_2": 50, "step_test_pulse_3": 45,
}
# Push-up, shoulder mobility and the step test skipped; one balance side only.
PARTIAL_INPUTS: dict[str, Any] = {
    "gender": "female", "age": 58, "body_weight_kg": 61.0,
    "farmer_carry_weight_kg": 12, "farmer_carry_time_s": 31.4,
    "toe_touch_cm": -12.3, "overhead_squat_score": 1,
    "balance_right_open_s": 8.25, "balance_left_open_s": 14.75,
}


def report_data(values: dict[str, Any], *, name: str = "김민수", notes: str = "",
                height_cm: float | None = 176.4, on: date = date(2024, 5, 10),
                ) -> AssessmentReportData:
    inputs = AssessmentInputs.from_mapping(values)
    scores = score_assessment(inputs)
    weight = inputs.body_weight_kg
    return AssessmentReportData(
        gym_name="더파이브 헬스케어", client_name=name, gender=inputs.gender.label,
        age=inputs.age, height_cm=height_cm, weight_kg=weight, assessed_on=on,
        trainer_name="박지훈", environment="indoor", temperature_c=21.55,
        inputs=inputs, scores=scores, risk=assess_risk(inputs, scores),
        recommendations=recommend(inputs, scores, height_cm=height_cm),
        notes=notes, scoring_version=SCORING_VERSION,
        generated_at=datetime(2024, 5, 10, 6, 30, tzinfo=UTC),
    )


def make_comparison() -> ComparisonReportData:
    """Earlier partial assessment, later complete one: every kind of change shows."""
    before_inputs = AssessmentInputs.from_mapping(PARTIAL_INPUTS | {"gender": "male",
                                                                   "age": 25})
    after_inputs = AssessmentInputs.from_mapping(COMPLETE_INPUTS)
    return ComparisonReportData(
        gym_name="더파이브 헬스케어", client_name="김민수", gender="male", age=25,
        trainer_name="박지훈",
        before=AssessmentSnapshot(date(2024, 2, 9), before_inputs,
                                  score_assessment(before_inputs)),
        after=AssessmentSnapshot(date(2024, 5, 10), after_inputs,
                                 score_assessment(after_inputs)),
        generated_at=datetime(2024, 5, 10, 6, 30, tzinfo=UTC),
    )


def make_receipt(gross: int = 1_250_000, method: str = "card") -> ReceiptData:
    fees = split_payment(gross, method)
    return ReceiptData(
        gym_name="더파이브 헬스케어", client_name="김민수", paid_on=date(2024, 5, 10),
        item="20회 패키지", gross=fees.gross, vat=fees.vat, card_fee=fees.card_fee,
        net=fees.net, method=PaymentMethod(method).label.ko, payment_number="P-20240510-0007",
        gym_phone="02-555-1234", gym_address="서울특별시 강남구 테헤란로 123",
        vat_rate=Decimal("0.1000"), card_fee_rate=Decimal("0.0350"),
        issued_at=datetime(2024, 5, 10, 6, 30, tzinfo=UTC),
    )
