"""The wizard's screening and questionnaire pages, driven like a trainer, on a real database."""

from __future__ import annotations

from datetime import date, timedelta

from assessment_ui_support import Gym
from PySide6.QtWidgets import QAbstractButton, QScrollArea
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from wizard_driver import FakeClock, Shots, go_next, pick_client, shots_folder, type_into

from the5hc_desktop.domain import screening as s
from the5hc_desktop.services.assessments import AssessmentDraft
from the5hc_desktop.store.models import AuditLogEntry
from the5hc_desktop.ui.messages import MessageBridge
from the5hc_desktop.ui.panes.assessment import wizard as w
from the5hc_desktop.ui.panes.assessment.draft import WizardDraft, from_assessment

ANSWERS = {
    "strength_frequency": "daily",  # flagged: overtraining
    "recovery_nutrients": ("protein", "carbohydrate"),
    "sleep_hours": "seven_eight",
    "tobacco": "sometimes",  # flagged: smoking
    "main_goal": "better_health",
    "goal_confidence": 4,
}


def health_wizard(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, draft: WizardDraft | None = None
) -> w.AssessmentWizard:
    services = gym.services
    wizard = w.AssessmentWizard(
        assessments=services.assessments, clients=services.clients, accounts=services.accounts,
        actor=gym.owner, messages=messages, store=gym.drafts, draft=draft, clock=FakeClock(),
        today=date.today, health=services.health,
    )
    qtbot.addWidget(wizard)
    wizard.resize(980, 760)
    wizard.show()
    return wizard


def click(wizard: w.AssessmentWizard, name: str) -> None:
    button = wizard.findChild(QAbstractButton, name)
    assert button is not None, name
    button.click()


def answer_screening(wizard: w.AssessmentWizard, yes: tuple[str, ...] = ()) -> None:
    for key in s.SCREENING_KEYS:
        click(wizard, f"screening_{key}_{'yes' if key in yes else 'no'}")


def answer_questionnaire(wizard: w.AssessmentWizard, answers: dict[str, object]) -> None:
    for key, answer in answers.items():
        for value in answer if isinstance(answer, tuple) else (answer,):
            click(wizard, f"answer_{key}_{value}")


def measure_a_little(qtbot: QtBot, wizard: w.AssessmentWizard) -> None:
    go_next(qtbot, wizard, w.PUSH_UP)
    type_into(wizard, "push_up_reps", "27")
    go_next(qtbot, wizard, w.FARMER)
    go_next(qtbot, wizard, w.TOE_TOUCH)
    type_into(wizard, "toe_touch_cm", "-4")
    for page_id in range(w.SHOULDER, w.REVIEW + 1):
        go_next(qtbot, wizard, page_id)


def test_screening_with_a_yes_needs_a_reason_and_the_questionnaire_feeds_the_review(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, assessed_on: date
) -> None:
    shots = Shots(shots_folder())
    wizard = health_wizard(qtbot, gym, messages)
    pick_client(qtbot, wizard, "ㄱㅁㅅ", assessed_on)
    go_next(qtbot, wizard, w.SCREENING)
    page = wizard.page(w.SCREENING)
    qtbot.waitUntil(page.isComplete, timeout=5000)
    assert not page.previous_box.isVisible()  # type: ignore[attr-defined]
    wizard.next()  # nothing answered
    assert wizard.currentId() == w.SCREENING
    answer_screening(wizard, yes=("chest_pain",))
    outcome = page.outcome.text()  # type: ignore[attr-defined]
    assert "의사 확인 권장" in outcome
    assert page.proceed_box.isVisible()  # type: ignore[attr-defined]
    wizard.next()  # not confirmed yet
    assert wizard.currentId() == w.SCREENING
    assert "확인란" in page.error_text("proceed_reason")
    click(wizard, "screeningProceedConfirm")
    type_into(wizard, "proceed_reason", "주치의 소견서 확인, 저강도로 측정")
    shots.take(wizard, "health_01_screening")
    go_next(qtbot, wizard, w.QUESTIONNAIRE)

    wizard.next()  # the required questions are unanswered and the page is not skipped
    assert wizard.currentId() == w.QUESTIONNAIRE
    assert wizard.page(w.QUESTIONNAIRE).error_text("questionnaire.strength_frequency")
    answer_questionnaire(wizard, ANSWERS)
    shots.take(wizard, "health_02_questionnaire")
    go_next(qtbot, wizard, w.BODY)
    measure_a_little(qtbot, wizard)

    evaluation = wizard.review_page.evaluation
    assert evaluation is not None
    assert evaluation.risk is not None
    review = wizard.health_pages.review  # type: ignore[union-attr]
    assert "의사 확인 권장" in review.screening.text()
    assert "주치의 소견서 확인" in review.screening.text()
    text = review.questionnaire.text()
    assert "종합 점수" in text
    assert "부상 위험 (설문 반영)" in text
    assert "흡연" in text
    scroll = wizard.review_page.findChild(QScrollArea, "reviewScroll")
    assert scroll is not None
    shots.take(scroll.widget(), "health_03_review")

    with qtbot.waitSignal(wizard.saved, timeout=5000) as saved:
        wizard.next()
    view = saved.args[0]
    stored = gym.services.health.for_assessment(gym.owner, view.id)
    assert stored is not None
    assert stored.screening is not None
    assert stored.screening.outcome is s.ScreeningOutcome.CLEARANCE_ADVISED
    assert stored.screening.screened_on == assessed_on
    assert stored.proceed_reason == "주치의 소견서 확인, 저강도로 측정"
    assert stored.answers == ANSWERS
    assert stored.result is not None
    assert [r.code for r in stored.result.risk_answers] == ["overtraining", "smoking"]
    assert stored.result.blended_risk == round(view.risk.score * 0.8 + 20 * 0.2, 1)
    with gym.services.database.read() as session:
        actions = set(session.scalars(select(AuditLogEntry.action)))
    assert {"screening_recorded", "screening_proceed_confirmed", "questionnaire_saved"} <= actions


def test_recent_screening_is_reused_and_the_questionnaire_skipped(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, assessed_on: date
) -> None:
    earlier = gym.services.health.record_screening(
        gym.owner, gym.client.id, dict.fromkeys(s.SCREENING_KEYS, False),
        assessed_on - timedelta(days=200))
    wizard = health_wizard(qtbot, gym, messages)
    pick_client(qtbot, wizard, "ㄱㅁㅅ", assessed_on)
    go_next(qtbot, wizard, w.SCREENING)
    page = wizard.page(w.SCREENING)
    qtbot.waitUntil(lambda: page.previous_box.isVisible(), timeout=5000)  # type: ignore
    assert page.use_previous.isChecked()  # type: ignore[attr-defined]
    assert "이상 없음" in page.outcome.text()  # type: ignore[attr-defined]
    go_next(qtbot, wizard, w.QUESTIONNAIRE)  # nothing to answer again
    click(wizard, "questionnaireSkip")
    go_next(qtbot, wizard, w.BODY)
    measure_a_little(qtbot, wizard)
    review = wizard.health_pages.review  # type: ignore[union-attr]
    assert "건너뜀" in review.questionnaire.text()
    with qtbot.waitSignal(wizard.saved, timeout=5000) as saved:
        wizard.next()
    stored = gym.services.health.for_assessment(gym.owner, saved.args[0].id)
    assert stored is not None
    assert stored.screening == earlier
    assert stored.skipped
    assert stored.result is None


def test_editing_shows_the_stored_answers_and_saves_changes(
    qtbot: QtBot, gym: Gym, messages: MessageBridge, assessed_on: date
) -> None:
    services = gym.services
    view = services.assessments.create(gym.owner, AssessmentDraft(
        client_id=gym.client.id, assessed_on=assessed_on, values={"push_up_reps": 20}))
    from the5hc_desktop.services.health import HealthDraft

    services.health.save_for_assessment(gym.owner, view.id, HealthDraft(
        screening_answers=dict.fromkeys(s.SCREENING_KEYS, False), questionnaire=ANSWERS))
    wizard = health_wizard(qtbot, gym, messages, from_assessment(view))
    qtbot.waitUntil(wizard.client_page.isComplete, timeout=5000)
    go_next(qtbot, wizard, w.SCREENING)
    page = wizard.page(w.SCREENING)
    qtbot.waitUntil(page.isComplete, timeout=5000)
    assert page.use_previous.isChecked()  # type: ignore[attr-defined]
    go_next(qtbot, wizard, w.QUESTIONNAIRE)
    questionnaire = wizard.page(w.QUESTIONNAIRE)
    sleep = questionnaire.questions["sleep_hours"]  # type: ignore[attr-defined]
    assert sleep.answer() == "seven_eight"
    click(wizard, "answer_sleep_hours_under_5")
    for page_id in range(w.BODY, w.REVIEW + 1):
        go_next(qtbot, wizard, page_id)
    with qtbot.waitSignal(wizard.saved, timeout=5000):
        wizard.next()
    stored = services.health.for_assessment(gym.owner, view.id)
    assert stored is not None
    assert stored.answers is not None
    assert stored.answers["sleep_hours"] == "under_5"
    assert stored.screening is not None
    with services.database.read() as session:
        screenings = session.scalars(select(AuditLogEntry).where(
            AuditLogEntry.action == "screening_recorded")).all()
    assert len(screenings) == 1  # the edit reused the stored screening
