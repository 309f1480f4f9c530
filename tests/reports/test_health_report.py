"""The report's 건강 사전 확인 and 생활습관 설문 sections, read back from the PDF."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from report_pdf_support import read_pdf
from report_samples import COMPLETE_INPUTS, report_data

from the5hc_desktop import paths
from the5hc_desktop.domain import questionnaire as q
from the5hc_desktop.domain import screening as s
from the5hc_desktop.reports.assessment_report import render_assessment_report
from the5hc_desktop.reports.data import AssessmentReportData
from the5hc_desktop.reports.health_data import HealthReportData

QUESTIONNAIRE = q.load_questionnaire(
    paths.resources_dir() / "questionnaire" / "lifestyle_questionnaire.json")
ANSWERS = {
    "strength_frequency": "two_three",
    "recovery_nutrients": ("protein", "carbohydrate", "fat"),
    "sleep_hours": "under_5",
    "tobacco": "daily",
    "main_goal": "build_muscle",
    "goal_confidence": 3,
}


def with_health(data: AssessmentReportData, *, advised: bool,
                skipped: bool = False) -> AssessmentReportData:
    assert data.risk is not None
    answers = dict.fromkeys(s.SCREENING_KEYS, False) | {"bone_joint_problem": advised}
    result = None if skipped else q.score_questionnaire(
        QUESTIONNAIRE, q.check_answers(QUESTIONNAIRE, ANSWERS),
        overall=data.scores.overall, physical_risk=data.risk.score)
    health = HealthReportData(
        screening_outcome=s.screening_outcome(answers),
        screened_on=data.assessed_on,
        yes_questions=s.yes_questions(answers),
        proceed_reason="정형외과 소견서 확인 (무릎 재활 완료)" if advised else None,
        questionnaire=QUESTIONNAIRE,
        result=result,
    )
    return dataclasses.replace(data, health=health)


def render(data: AssessmentReportData, tmp_path: Path) -> str:
    target = tmp_path / "report.pdf"
    render_assessment_report(data, target)
    return "\n".join(read_pdf(target))


def test_report_prints_the_screening_outcome_and_the_questionnaire(tmp_path: Path) -> None:
    data = with_health(report_data(COMPLETE_INPUTS), advised=True)
    text = render(data, tmp_path)
    assert "건강 사전 확인" in text
    assert "의사 확인 권장" in text
    assert "정형외과 소견서 확인" in text
    assert "관절" in text  # the question answered "yes"
    assert "생활습관 설문" in text
    health = data.health
    assert health is not None
    result = health.result
    assert result is not None
    assert result.comprehensive is not None
    assert result.blended_risk is not None
    assert "종합 점수" in text
    assert all(label in text for label in ("운동 지식", "운동 준비도"))
    assert f"{result.comprehensive:.1f}" in text
    assert f"{result.blended_risk:.1f}" in text
    assert "흡연" in text
    assert "수면 부족" in text
    # lifestyle 0 + 0 of 10 → 개선 필요 and its tips; knowledge 100 → the top tip
    assert "7~8시간" in text
    assert "운동 지식이 훌륭합니다" in text


def test_clear_screening_and_skipped_questionnaire(tmp_path: Path) -> None:
    data = with_health(report_data(COMPLETE_INPUTS), advised=False, skipped=True)
    text = render(data, tmp_path)
    assert "이상 없음" in text
    assert "의사 확인 권장" not in text
    assert "설문을 건너뛰어" in text
    assert "종합 점수 (체력" not in text


@pytest.mark.parametrize("title", ["건강 사전 확인", "생활습관 설문"])
def test_no_health_record_prints_no_health_sections(tmp_path: Path, title: str) -> None:
    assert title not in render(report_data(COMPLETE_INPUTS), tmp_path)
