"""A small gym for the 세션 관리 tests, made through the services, and pane helpers.

A unique module name: test folders are not packages.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from pytestqt.qtbot import QtBot

from the5hc_desktop.services import Services
from the5hc_desktop.services.clients import ClientDraft
from the5hc_desktop.services.context import Actor, Role
from the5hc_desktop.ui import worker
from the5hc_desktop.ui.panes.sessions import SessionsPane

PASSWORD = "pass-word-1"
GYM_NAME = "더파이브 헬스케어 강남점"
# Wednesday 12 March 2025, 09:30 in Seoul.
NOW = datetime(2025, 3, 12, 0, 30, tzinfo=UTC)
TODAY = date(2025, 3, 12)

MakePane = Callable[..., SessionsPane]


class SettableClock:
    """The services' and the pane's clock (UTC)."""

    def __init__(self, start: datetime = NOW) -> None:
        self.value = start

    def __call__(self) -> datetime:
        return self.value


@dataclass
class Gym:
    services: Services
    owner: Actor
    senior: Actor
    trainer: Actor
    assistant: Actor
    clients: dict[str, uuid.UUID] = field(default_factory=dict)


def _staff(services: Services, owner: Actor, username: str, name: str, role: Role) -> Actor:
    view = services.accounts.add_staff(owner, username, name, role, PASSWORD)
    return Actor(view.id, view.role, view.display_name, view.username)


def seed_gym(services: Services) -> Gym:
    view = services.accounts.create_gym_and_owner(GYM_NAME, "김대표", "owner", PASSWORD)
    owner = Actor(view.id, view.role, view.display_name, view.username)
    gym = Gym(
        services,
        owner,
        _staff(services, owner, "senior", "최선임", Role.SENIOR),
        _staff(services, owner, "coach", "박코치", Role.TRAINER),
        _staff(services, owner, "desk", "정데스크", Role.ASSISTANT),
    )
    for draft in (
        ClientDraft("김민수", "male", "010-1234-5678", date(1990, 3, 15)),
        ClientDraft("이영희", "female", "010-9876-4321", date(1988, 11, 20),
                    trainer_id=gym.trainer.staff_id),
    ):
        gym.clients[draft.name] = services.clients.create(owner, draft).client.id
    return gym


def settle(qtbot: QtBot) -> None:
    """Until every worker task delivered (searches, loads, writes)."""
    del qtbot  # the lane's wait processes events itself
    assert worker.wait_idle()


def seoul(day: date, hour: int, minute: int = 0) -> datetime:
    """A naive local time, as the booking dialog sends it."""
    return datetime(day.year, day.month, day.day, hour, minute)


def sell(gym: Gym, client: str, sessions: int, price: int = 50_000,
         expires_on: date | None = None) -> uuid.UUID:
    """A card sale of `sessions` sessions by the owner, through the service; the package id."""
    view = gym.services.packages.sell(gym.owner, gym.clients[client], sessions * price, price,
                                      "card", expires_on=expires_on)
    return view.id


class AskRecorder:
    """Stands in for Dialogs.ask: records the questions and answers `answer`."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.questions: list[str] = []

    def __call__(self, _parent: object, title: str, text: str, destructive: bool = False
                 ) -> bool:
        self.questions.append(f"{title}: {text}")
        return self.answer
