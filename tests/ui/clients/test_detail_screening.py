"""The member page shows the health screening state (의사 확인 권장, dated, valid to)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from clients_ui_support import Seeded
from pytestqt.qtbot import QtBot

from the5hc_desktop.domain import screening as s
from the5hc_desktop.services.health import ScreeningState
from the5hc_desktop.ui.panes.clients.detail import ClientDetailView
from the5hc_desktop.ui.panes.clients.screening_text import ADVISED_COLOUR, MUTED_COLOUR


def test_member_page_shows_the_screening_state(qtbot: QtBot, seeded: Seeded) -> None:
    services, owner, client_id = seeded.services, seeded.owner, seeded.ids["김민수"]
    view = ClientDetailView()
    qtbot.addWidget(view)
    view.show_detail(services.clients.get(owner, client_id))
    assert view.screening_value.text() == "기록 없음"

    today = date.today()
    services.health.record_screening(
        owner, client_id, dict.fromkeys(s.SCREENING_KEYS, False) | {"chest_pain": True},
        today - timedelta(days=3))
    detail = services.clients.get(owner, client_id)
    view.show_detail(detail)
    text = view.screening_value.text()
    assert text.startswith("의사 확인 권장")
    assert f"{s.valid_until(today - timedelta(days=3)).isoformat()}까지 유효" in text
    assert ADVISED_COLOUR in view.screening_value.styleSheet()

    assert detail.screening is not None
    expired = dataclasses.replace(detail, screening=ScreeningState(
        detail.screening.latest, today + timedelta(days=400)))
    view.show_detail(expired)
    assert "12개월 지남" in view.screening_value.text()
    assert MUTED_COLOUR in view.screening_value.styleSheet()
