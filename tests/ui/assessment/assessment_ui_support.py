"""The gym of the assessment-wizard tests, made through the services.

A unique module name: test folders are not packages, so `conftest` is not importable
(`from conftest import ...` picks whichever conftest pytest loaded last).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from the5hc_desktop.services import Services
from the5hc_desktop.services.clients import ClientDraft, ClientView
from the5hc_desktop.services.context import Actor
from the5hc_desktop.ui.panes.assessment.draft import DraftStore

OWNER_PASSWORD = "owner-pass-1"


@dataclass
class Gym:
    services: Services
    owner: Actor
    client: ClientView
    drafts: DraftStore


def seed_gym(services: Services, drafts_dir: Path) -> Gym:
    """A gym, its owner (signed in) and one client with a birth date."""
    services.accounts.create_gym_and_owner("The5HC 피트니스", "김대표", "owner", OWNER_PASSWORD)
    owner = services.accounts.sign_in("owner", OWNER_PASSWORD)
    client = services.clients.create(owner, ClientDraft(
        name="김민수", gender="male", phone="010-1234-5678", birth_date=date(1990, 5, 1),
        height_cm=175.0, weight_kg=72.0,
    )).client
    return Gym(services, owner, client, DraftStore(drafts_dir))
