"""The command line end to end: an administrator installs the server, adds a gym and two
devices; the first desk uploads its gym, a second desk downloads it, and `stats` counts the
same rows on both. Failures exit non-zero with one Korean/English line, never a traceback."""

from __future__ import annotations

import json
import socket
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sync_server_support import ServerHarness

from the5hc_desktop import cli
from the5hc_desktop.services.maintenance import COUNTED
from the5hc_desktop.store.models import SYNCED_MODELS
from the5hc_desktop.sync import enrolment
from the5hc_desktop.sync.credentials import ENV_SECRET

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    def invoke(*args: str, secret: str | None = None) -> tuple[int, str, str]:
        if secret is None:
            monkeypatch.delenv(ENV_SECRET, raising=False)
        else:
            monkeypatch.setenv(ENV_SECRET, secret)  # no keyring on a test machine
        code = cli.main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return invoke


def one_json_line(out: str) -> dict[str, Any]:
    lines = out.strip().splitlines()
    assert len(lines) == 1, out
    value = json.loads(lines[0])
    assert isinstance(value, dict)
    return value


def one_error_line(code: int, err: str) -> str:
    assert code == 1, err  # a typed failure, not a crash (2 = usage, 3 = bug)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("오류: ")
    assert "Traceback" not in err
    return lines[0]


def server_gym(run: Run, dsn: str, name: str) -> str:
    code, out, err = run("server", "add-gym", "--admin-dsn", dsn, "--name", name, "--json")
    assert code == 0, err
    return str(one_json_line(out)["gym"])


def server_device(run: Run, dsn: str, gym: str, name: str) -> dict[str, Any]:
    code, out, err = run("server", "add-device", "--admin-dsn", dsn, "--gym", gym,
                         "--name", name, "--json")
    assert code == 0, err
    return one_json_line(out)


def set_up(run: Run, db: Path, device: dict[str, Any]) -> None:
    code, _, err = run("--db", str(db), "sync", "setup", "--code", device["code"],
                       "--sslmode", "disable", secret=device["secret"])
    assert code == 0, err


def stats(run: Run, db: Path) -> dict[str, Any]:
    code, out, err = run("--db", str(db), "stats", "--json")
    assert code == 0, err
    return one_json_line(out)


def test_two_desks_through_the_command_line(empty_server_db: ServerHarness, run: Run,
                                            tmp_path: Path) -> None:
    dsn = empty_server_db.admin_dsn
    assert run("server", "init", "--admin-dsn", dsn)[0] == 0
    gym = server_gym(run, dsn, "CLI 센터")
    front_device = server_device(run, dsn, gym, "프런트")
    laptop_device = server_device(run, dsn, "CLI 센터", "노트북")

    front, laptop = tmp_path / "front.sqlite3", tmp_path / "laptop.sqlite3"
    code, _, err = run("--db", str(front), "demo", "--clients", "12", "--seed", "3")
    assert code == 0, err
    set_up(run, front, front_device)
    code, out, err = run("--db", str(front), "sync", "--json", secret=front_device["secret"])
    assert code == 0, err
    first = one_json_line(out)
    assert set(first) == {"state", "pushed", "pulled", "conflicts"}
    assert first["state"] == "synced"
    assert first["pushed"] > 0

    set_up(run, laptop, laptop_device)  # the file does not exist yet: it downloads the gym
    code, out, err = run("--db", str(laptop), "sync", "--json", secret=laptop_device["secret"])
    assert code == 0, err
    downloaded = one_json_line(out)
    assert downloaded["state"] == "synced"
    assert downloaded["pulled"] >= first["pushed"]

    front_counts, laptop_counts = stats(run, front), stats(run, laptop)
    assert front_counts == laptop_counts
    assert {COUNTED[key].__tablename__ for key in front_counts} == {
        model.__tablename__ for model in SYNCED_MODELS}  # every synced table is counted

    code, out, _ = run("--db", str(front), "sync", "--json", secret=front_device["secret"])
    assert code == 0
    assert one_json_line(out) == {"state": "synced", "pushed": 0, "pulled": 0, "conflicts": 0}


def test_a_malformed_code_is_one_line(run: Run, tmp_path: Path) -> None:
    code, _, err = run("--db", str(tmp_path / "x.sqlite3"), "sync", "setup", "--code",
                       "T5HC-NOT-A-REAL-CODE", "--sslmode", "disable", secret="s")
    assert "code" in one_error_line(code, err).lower()


def test_sync_before_setup_is_one_line(run: Run, tmp_path: Path) -> None:
    code, _, err = run("--db", str(tmp_path / "none.sqlite3"), "sync", "--json")
    assert "sync setup" in one_error_line(code, err)


def test_a_server_that_does_not_answer_is_one_line(run: Run, tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port with nothing listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code_text = enrolment.encode(enrolment.Enrolment(
        "127.0.0.1", port, "the5hc", uuid.uuid4(), "0badc0de"))
    db = tmp_path / "desk.sqlite3"
    set_up(run, db, {"code": code_text, "secret": "secret"})
    code, out, err = run("--db", str(db), "sync", "--json", secret="secret")
    assert out == ""
    assert "cannot be reached" in one_error_line(code, err)


def test_wrong_gym_and_revoked_device_are_one_line(server: ServerHarness, run: Run,
                                                   tmp_path: Path) -> None:
    dsn = server.admin_dsn
    tag = uuid.uuid4().hex[:6]
    gym = server_gym(run, dsn, f"센터 {tag}")
    first = server_device(run, dsn, gym, "first")
    seeded = tmp_path / "first.sqlite3"
    assert run("--db", str(seeded), "demo", "--clients", "3", "--seed", "1")[0] == 0
    set_up(run, seeded, first)
    assert run("--db", str(seeded), "sync", "--json", secret=first["secret"])[0] == 0

    # A file holding another gym's data (its own demo gym) is refused, nothing applied.
    stranger = server_device(run, dsn, gym, "stranger")
    other = tmp_path / "other.sqlite3"
    assert run("--db", str(other), "demo", "--clients", "3", "--seed", "2")[0] == 0
    before = stats(run, other)
    set_up(run, other, stranger)
    code, _, err = run("--db", str(other), "sync", "--json", secret=stranger["secret"])
    assert "another gym" in one_error_line(code, err)
    assert stats(run, other) == before

    # A revoked device fails its next round.
    code, _, err = run("server", "revoke-device", "--admin-dsn", dsn, "--device",
                       first["device"])
    assert code == 0, err
    code, _, err = run("--db", str(seeded), "sync", "--json", secret=first["secret"])
    assert "revoked" in one_error_line(code, err)


@pytest.mark.parametrize(("server_says", "kind"), [
    ('FATAL:  role "the5hc_x_d_1" is not permitted to log in', "revoked"),
    ('FATAL:  password authentication failed for user "the5hc_x_d_1"', "auth"),
    ("connection refused", "offline"),
])
def test_a_refused_sign_in_is_told_apart_from_offline(server_says: str, kind: str) -> None:
    import psycopg

    from the5hc_desktop.sync.link import map_error

    error = map_error(psycopg.OperationalError(f"connection failed: {server_says}"))
    assert error.kind == kind
    assert error.retry is (kind == "offline")
