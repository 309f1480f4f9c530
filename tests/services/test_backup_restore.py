"""설정 → 백업: backups on demand into a chosen folder, the list, where to suggest, and the
owner's restore check (a file whose schema objects differ is refused with the reason)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from services_training import add_client
from sqlalchemy import select

from the5hc_desktop.domain.errors import PermissionDenied, StorageUnavailable, ValidationError
from the5hc_desktop.services.context import Actor
from the5hc_desktop.services.maintenance import MaintenanceService, restore
from the5hc_desktop.store import backup
from the5hc_desktop.store.database import Database
from the5hc_desktop.store.models import Client


def test_backup_now_into_a_chosen_folder_is_listed_newest_first(
    db: Database, clock: object, owner: Actor, tmp_path: Path
) -> None:
    service = MaintenanceService(db, now=clock)
    usb = tmp_path / "usb" / "The5HC backups"
    steps: list[tuple[int, int]] = []
    first = service.backup_now(owner, usb, progress=lambda done, total: steps.append(
        (done, total)))
    assert first.path.parent == usb
    assert steps
    assert steps[-1][0] == steps[-1][1]
    assert not list(usb.glob("*.part"))
    beside = service.backup_now(owner)
    overview = service.backups(owner, usb)
    assert [f.path for f in overview.files] == [beside.path, first.path]
    assert overview.last == overview.files[0]
    assert overview.external
    assert not service.backups(owner).external
    with sqlite3.connect(first.path) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_backup_refusals(db: Database, clock: object, owner: Actor, trainer: Actor) -> None:
    service = MaintenanceService(db, now=clock)
    with pytest.raises(ValidationError):
        service.backup_now(owner, Path("relative/folder"))
    with pytest.raises(PermissionDenied):
        service.backup_now(trainer)


def test_suggestions_find_cloud_folders_and_removable_drives(tmp_path: Path) -> None:
    home = tmp_path / "home"
    for name in ("OneDrive - The5HC", "Dropbox", "Documents", "Google Drive/My Drive"):
        (home / name).mkdir(parents=True)
    media = tmp_path / "media" / "desk"
    (media / "USB STICK").mkdir(parents=True)
    drives = backup.mounted_below([media, tmp_path / "missing"])
    found = backup.suggested_folders(home, drives)
    assert [(s.place.name, s.kind) for s in found] == [
        ("Dropbox", "cloud"), ("My Drive", "cloud"), ("OneDrive - The5HC", "cloud"),
        ("USB STICK", "removable")]
    assert all(s.folder.name == backup.SUGGESTED_SUBFOLDER for s in found)
    assert backup.suggested_folders(tmp_path / "nobody", []) == []


def test_restore_check_refuses_a_file_with_foreign_schema_objects(
    db: Database, clock: object, owner: Actor, senior: Actor
) -> None:
    service = MaintenanceService(db, now=clock)
    good = service.backup_now(owner).path
    assert service.check_restore_source(owner, good).ok
    with pytest.raises(PermissionDenied):
        service.check_restore_source(senior, good)
    tampered = good.with_name("tampered.sqlite3")
    tampered.write_bytes(good.read_bytes())
    with sqlite3.connect(tampered) as conn:
        conn.execute("CREATE TRIGGER sneaky AFTER INSERT ON clients BEGIN SELECT 1; END")
    with pytest.raises(ValidationError) as refused:
        service.check_restore_source(owner, tampered)
    assert "sneaky" in refused.value.message("en")
    with pytest.raises(ValidationError):
        service.check_restore_source(owner, db.path)  # the open file itself


def test_restore_is_refused_while_the_file_is_open_and_works_once_closed(
    db: Database, clock: object, owner: Actor, tmp_path: Path
) -> None:
    service = MaintenanceService(db, now=clock)
    saved = service.backup_now(owner).path
    add_client(db, clock, owner, "복원후사라짐", "010-5555-0000")
    path = db.path
    assert path is not None
    with pytest.raises(StorageUnavailable, match="using this database"):
        restore(path, saved)
    db.close()
    restore(path, saved)
    reopened = Database.open(path)
    try:
        with reopened.read() as s:
            names = list(s.scalars(select(Client.name)))
        assert "복원후사라짐" not in names
    finally:
        reopened.close()

