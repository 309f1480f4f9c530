"""How the member page words the health screening state (bilingual labels, Korean first)."""

from __future__ import annotations

from the5hc_desktop.domain.labels import Label
from the5hc_desktop.domain.screening import ScreeningOutcome
from the5hc_desktop.services.health import ScreeningState

ROW_LABEL = Label("건강 사전 확인", "Health screening")
ADVISED_COLOUR = "#c62828"
CLEAR_COLOUR = "#2e7d32"
MUTED_COLOUR = "#607d8b"


def screening_text(state: ScreeningState | None, language: str) -> tuple[str, str]:
    """(text, colour): the outcome with its date and validity, or why there is none."""
    latest = state.latest if state is not None else None
    if state is None or latest is None:
        return Label("기록 없음", "None recorded").text(language), MUTED_COLOUR
    outcome = latest.outcome.label.text(language)
    day, until = latest.screened_on.isoformat(), latest.valid_until.isoformat()
    if not state.current:
        text = Label("{outcome} ({day}) · 12개월 지남, 다음 평가 전에 다시 확인",
                     "{outcome} ({day}) · over 12 months old, screen again before testing")
        return text.text(language).format(outcome=outcome, day=day), MUTED_COLOUR
    text = Label("{outcome} ({day}, {until}까지 유효)", "{outcome} ({day}, valid to {until})")
    colour = ADVISED_COLOUR if latest.outcome is ScreeningOutcome.CLEARANCE_ADVISED \
        else CLEAR_COLOUR
    return text.text(language).format(outcome=outcome, day=day, until=until), colour
