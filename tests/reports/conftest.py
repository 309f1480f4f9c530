"""Fixtures of the report tests: complete and partial assessments, a comparison, a sale."""

from __future__ import annotations

import pytest
from report_samples import (
    COMPLETE_INPUTS,
    PARTIAL_INPUTS,
    make_comparison,
    make_receipt,
    report_data,
)

from the5hc_desktop.reports.data import AssessmentReportData, ComparisonReportData, ReceiptData


@pytest.fixture
def complete_data() -> AssessmentReportData:
    notes = "왼쪽 무릎이 안쪽으로 모이는 경향.\n<다음 주> 힙 힌지 점검 & 코어 강화"
    return report_data(COMPLETE_INPUTS, notes=notes)


@pytest.fixture
def partial_data() -> AssessmentReportData:
    return report_data(PARTIAL_INPUTS, name="이서연", height_cm=None)


@pytest.fixture
def comparison_data() -> ComparisonReportData:
    return make_comparison()


@pytest.fixture
def receipt_data() -> ReceiptData:
    return make_receipt()
