"""The assessment report read back: names, every figure at one decimal, 미측정, pages."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_pdf_support import DECIMAL, embedded_fonts, read_pdf
from report_samples import COMPLETE_INPUTS, PARTIAL_INPUTS, report_data

from the5hc_desktop.domain.follow_up import follow_up
from the5hc_desktop.domain.people import bmi
from the5hc_desktop.domain.scoring import TEST_KEYS, TEST_LABELS, TEST_MAX, fmt1
from the5hc_desktop.domain.vocabulary import CATEGORY_KEYS
from the5hc_desktop.reports.assessment_report import render_assessment_report
from the5hc_desktop.reports.data import AssessmentReportData
from the5hc_desktop.reports.page import FOOTER_ROOM
from the5hc_desktop.reports.style import MARGIN


def _render(data: AssessmentReportData, tmp_path: Path) -> tuple[Path, list[str]]:
    path = tmp_path / "report.pdf"
    render_assessment_report(data, path)
    return path, read_pdf(path)


def _expected_decimals(data: AssessmentReportData) -> set[str]:
    """Every figure the report may print: inputs, scores, risk, all at one decimal."""
    values: list[float | None] = [
        data.height_cm, data.weight_kg, data.temperature_c,
        bmi(data.height_cm, data.weight_kg),
    ]
    values += [v for v in vars(data.inputs).values()
               if isinstance(v, int | float) and not isinstance(v, bool)]
    values += [v for v in data.scores.to_dict().values()
               if isinstance(v, int | float) and not isinstance(v, bool)]
    inputs = data.inputs
    if inputs.farmer_carry_weight_kg is not None and inputs.body_weight_kg is not None:
        values.append(100 * inputs.farmer_carry_weight_kg / inputs.body_weight_kg)
    if data.risk is not None:
        values.append(data.risk.score)
    allowed = {fmt1(v) for v in values if v is not None}
    # Risk concerns carry their own figures ("61.3% 편차"), already rounded by the domain.
    for concern in data.risk.primary_concerns if data.risk else ():
        allowed |= set(DECIMAL.findall(concern.text_ko))
    return allowed


def _section(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


def test_complete_report_prints_every_score_at_one_decimal(
    complete_data: AssessmentReportData, tmp_path: Path
) -> None:
    _, pages = _render(complete_data, tmp_path)
    text = "\n".join(pages)
    scores = complete_data.scores

    assert "김민수" in text
    assert "체력 평가 보고서" in text
    assert "2024년 05월 10일 | 담당: 박지훈" in text
    assert f"종합 점수\n {fmt1(scores.overall)}" in text
    for key in CATEGORY_KEYS:
        assert fmt1(scores.category(key)) in text
    tests = _section(text, "세부 측정 결과", "점수: ")
    for key in TEST_KEYS:
        assert f"{fmt1(scores.test(key))}/{TEST_MAX[key]}" in tests
    assert "미측정" not in tests
    # Nothing printed that is not one of the known values rounded to one decimal.
    assert set(DECIMAL.findall(text)) <= _expected_decimals(complete_data)
    assert all(len(number.split(".")[1]) == 1 for number in DECIMAL.findall(text))


def test_complete_report_layout(complete_data: AssessmentReportData, tmp_path: Path) -> None:
    path, pages = _render(complete_data, tmp_path)
    assert len(pages) == 2
    for number, page in enumerate(pages, start=1):
        assert f"{number} / {len(pages)}" in page
        assert "생성 2024.05.10 15:30" in page  # 06:30 UTC shown in Asia/Seoul
    text = "\n".join(pages)
    order = ["회원 정보", "카테고리별 점수", "세부 측정 결과", "부상 위험도 평가",
             "개선 제안사항", "맞춤형 운동 프로그램", "트레이너 메모", "재평가 예정"]
    positions = [text.index(title) for title in order]
    assert positions == sorted(positions)
    assert "평가일 2024.05.10" in text
    assert "중간 점검 2024.06.07" in text  # moderate risk: 8 weeks, checked half-way
    assert "재평가 예정 2024.07.05" in text
    assert complete_data.risk is not None
    for concern in complete_data.risk.primary_concerns:
        assert concern.text_ko in text
    assert complete_data.risk.level.label.ko in text
    # The trainer's note is printed as typed, markup characters included.
    assert "<다음 주> 힙 힌지 점검 & 코어 강화" in text
    # Both faces embedded (as subsets), so the PDF looks the same on a PC without them.
    assert {name.split("+")[-1] for name in embedded_fonts(path)} == {
        "NanumGothic", "NanumGothicBold"}


def test_partial_report_shows_missing_tests_as_not_measured(
    partial_data: AssessmentReportData, tmp_path: Path
) -> None:
    _, pages = _render(partial_data, tmp_path)
    text = "\n".join(pages)
    assert "이서연" in text
    assert len(pages) == 3
    assert pages[-1].count("3 / 3") == 1
    assert "맞춤형 운동 프로그램" in pages[-1]  # the closing block never stands alone
    missing = [key for key in TEST_KEYS if partial_data.scores.test(key) is None]
    assert missing == ["push_up", "shoulder_mobility", "step_test"]

    tests = _section(text, "세부 측정 결과", "점수: ")
    labels = [TEST_LABELS[key].ko for key in TEST_KEYS]
    order = sorted(labels, key=tests.index)
    for key in missing:
        label = TEST_LABELS[key].ko
        following = order[order.index(label) + 1:]
        end = tests.index(following[0]) if following else len(tests)
        row = tests[tests.index(label) + len(label):end]
        assert "미측정" in row
        assert not re.search(r"\d", row), f"{label} row invents a figure: {row!r}"
    assert "0.0/" not in text
    # Cardio has no component: not a 0 bar, the word 미측정; two categories are partial.
    categories = _section(text, "카테고리별 점수", "세부 측정 결과")
    assert "일부 측정" in categories
    cardio = categories[categories.index("심폐지구력"):]
    assert cardio.split("\n")[2].strip() in {"-", "미측정"}
    assert set(DECIMAL.findall(text)) <= _expected_decimals(partial_data)
    assert "개선 필요" in text


def test_report_writes_to_a_binary_stream(partial_data: AssessmentReportData) -> None:
    stream = io.BytesIO()
    render_assessment_report(partial_data, stream)
    assert stream.getvalue().startswith(b"%PDF")
    assert "이서연" in read_pdf(stream.getvalue())[0]


def test_failed_render_keeps_the_previous_file(
    partial_data: AssessmentReportData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"previous report")

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("layout failed")

    monkeypatch.setattr("the5hc_desktop.reports.page.BaseDocTemplate.build", fail)
    with pytest.raises(RuntimeError, match="layout failed"):
        render_assessment_report(partial_data, target)
    assert target.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_nothing_measured(tmp_path: Path) -> None:
    data = report_data({"gender": "여성", "age": 71}, name="최정숙")
    _, pages = _render(data, tmp_path)
    text = "\n".join(pages)
    assert "최정숙" in text
    assert data.scores.overall is None
    assert "부상 위험도를 계산하지 않았습니다" in text
    assert "측정된 항목이 없어 제안사항이 없습니다" in text
    assert text.count("미측정") >= 7 + 4  # every test row and every category
    assert not DECIMAL.findall(_section(text, "카테고리별 점수", "부상 위험도"))


def test_user_text_is_printed_verbatim(tmp_path: Path) -> None:
    name = "<b>김&민수</b> " + "가" * 45
    data = report_data(COMPLETE_INPUTS, name=name, notes="줄1\n" * 120 + "끝 메모 & <i>")
    _, pages = _render(data, tmp_path)
    text = "\n".join(pages)
    assert "<b>김&민수</b>" in text
    assert "&amp;" not in text
    assert "&lt;" not in text
    assert "끝 메모 & <i>" in text
    # A long note runs over pages; the footer still counts them all.
    assert len(pages) >= 3
    assert all(f"{n} / {len(pages)}" in page for n, page in enumerate(pages, start=1))


def test_overridden_score_is_marked(tmp_path: Path) -> None:
    values = PARTIAL_INPUTS | {"overrides": {"push_up": 3, "balance": 2.5}}
    data = report_data(values)
    _, pages = _render(data, tmp_path)
    tests = _section("\n".join(pages), "세부 측정 결과", "점수: ")
    push_up = tests[tests.index("푸시업"):tests.index("파머스 캐리")]
    assert "3.0/4" in push_up
    assert "수동 입력" in push_up
    assert "트레이너 입력 점수" in push_up
    balance = tests[tests.index("한발 균형"):tests.index("오버헤드 스쿼트")]
    assert "2.5/4" in balance


NEAR_EMPTY = 0.3  # a last page filled less than this reads as a printing fault


def _last_page_fill(path: Path) -> float:
    """How far down the last page the body text reaches (0 = empty, 1 = full), footer aside."""
    page = PdfReader(path).pages[-1]
    heights: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            heights.append(cm[5] + tm[5])  # ReportLab only translates: y of the baseline

    page.extract_text(visitor_text=visit)
    top, bottom = float(page.mediabox.top) - MARGIN, MARGIN + FOOTER_ROOM
    body = [y for y in heights if bottom < y < top - 12]  # the running header and footer
    return (top - min(body)) / (top - bottom)


@pytest.mark.parametrize("notes", ["", "메모 한 줄", "줄\n" * 12])
def test_no_near_empty_last_page(notes: str, tmp_path: Path) -> None:
    """Page 3 once held only the empty note box and the dates (issue 16, defect 12)."""
    data = report_data(PARTIAL_INPUTS, name="이서연", height_cm=None, notes=notes)
    path, pages = _render(data, tmp_path)
    assert len(pages) > 1
    assert _last_page_fill(path) >= NEAR_EMPTY


def test_the_footer_carries_no_internal_ids(
    complete_data: AssessmentReportData, tmp_path: Path
) -> None:
    path, pages = _render(complete_data, tmp_path)
    for page in pages:
        assert "desktop-1" not in page
        assert "채점 기준" not in page
    assert "desktop-1" in str(PdfReader(path).metadata.get("/Keywords"))


@pytest.mark.parametrize("inputs", [COMPLETE_INPUTS, PARTIAL_INPUTS, {
    **PARTIAL_INPUTS, "knee_valgus": True, "heel_lift": True, "shoulder_left_cm": 4,
    "shoulder_right_cm": 16, "toe_touch_cm": -20}])
def test_one_follow_up_rule_on_every_page(inputs: dict[str, object], tmp_path: Path) -> None:
    """The risk advice's "N주 후 재평가" and the dated band name the same day."""
    data = report_data(inputs)
    assert data.risk is not None
    _, pages = _render(data, tmp_path)
    text = "\n".join(pages)
    plan = follow_up(data.assessed_on, data.risk.level)
    due = plan.reassess.strftime("%Y.%m.%d")
    assert f"{plan.weeks}주 후 재평가 ({due})" in text
    assert f"재평가 예정 {due}" in text
    assert f"중간 점검 {plan.interim.strftime('%Y.%m.%d')}" in text
    assert not re.search(r"\d+~\d+(주|개월)", text)  # no second, vaguer interval
