"""`the5hc server ...` end to end: JSON lines other tools read, and one-line errors."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable

import psycopg
import pytest
from sync_server_support import ServerHarness

from the5hc_desktop import cli
from the5hc_desktop.sync import enrolment

pytestmark = pytest.mark.postgres

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def invoke(*args: str) -> tuple[int, str, str]:
        code = cli.main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return invoke


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("오류: ")
    assert "Traceback" not in err
    return lines[0]


def test_init_add_gym_add_device_revoke(empty_server_db: ServerHarness, run: Run) -> None:
    dsn = empty_server_db.admin_dsn
    code, out, _ = run("server", "init", "--admin-dsn", dsn)
    assert code == 0
    assert "installed" in out
    code, out, _ = run("server", "init", "--admin-dsn", dsn)
    assert code == 0
    assert "already installed" in out
    assert run("server", "upgrade", "--admin-dsn", dsn)[0] == 0

    code, out, _ = run("server", "add-gym", "--admin-dsn", dsn, "--name", "더파이브 강남",
                       "--json")
    assert code == 0
    gym = json.loads(out)
    assert set(gym) == {"gym", "name"}
    assert gym["name"] == "더파이브 강남"
    uuid.UUID(gym["gym"])

    code, out, _ = run("server", "add-device", "--admin-dsn", dsn, "--gym", "더파이브 강남",
                       "--name", "프런트", "--json")
    assert code == 0
    assert len(out.strip().splitlines()) == 1
    device = json.loads(out)
    assert set(device) == {"device", "code", "secret"}
    where = enrolment.decode(device["code"])
    assert (where.host, where.port, where.database) == ("127.0.0.1", 5432,
                                                        empty_server_db.database)
    assert where.device_id == uuid.UUID(device["device"])
    with psycopg.connect(host=where.host, port=where.port, dbname=where.database,
                         user=where.role, password=device["secret"]) as conn:
        hello = conn.execute("SELECT the5hc.hello(1, 0)").fetchone()
    assert hello is not None
    assert hello[0]["gym_id"] == gym["gym"]

    code, out, _ = run("server", "add-device", "--admin-dsn", dsn, "--gym", gym["gym"],
                       "--name", "노트북", "--host", "gym.example", "--port", "6543")
    assert code == 0
    assert "T5HC-" in out
    assert "shown only this once" in out
    code, out, _ = run("server", "revoke-device", "--admin-dsn", dsn, "--device", "프런트")
    assert code == 0
    assert "device revoked" in out
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(host=where.host, port=where.port, dbname=where.database,
                        user=where.role, password=device["secret"], connect_timeout=3)


@pytest.mark.parametrize(("args", "says"), [
    (("add-gym", "--name", "이름"), "server init"),               # before init
    (("upgrade",), "server init"),
    (("add-device", "--gym", "없는 센터", "--name", "x"), "server init"),
])
def test_commands_before_init_say_what_to_do(empty_server_db: ServerHarness, run: Run,
                                             args: tuple[str, ...], says: str) -> None:
    code, _, err = run("server", *args, "--admin-dsn", empty_server_db.admin_dsn)
    assert code == 1
    assert says in _one_error_line(err)


def test_refusals_are_one_line(server: ServerHarness, run: Run) -> None:
    dsn = server.admin_dsn
    name = f"센터 {uuid.uuid4().hex[:6]}"
    assert run("server", "add-gym", "--admin-dsn", dsn, "--name", name)[0] == 0
    for args, says in [
        (("add-gym", "--name", name.upper()), "already exists"),
        (("add-device", "--gym", "no such gym", "--name", "x"), "no gym"),
        (("revoke-device", "--device", str(uuid.uuid4())), "no device"),
        (("add-gym", "--name", "   "), "name is required"),
    ]:
        code, _, err = run("server", *args, "--admin-dsn", dsn)
        assert code == 1
        assert says in _one_error_line(err)


def test_an_unreachable_server_is_one_line(run: Run) -> None:
    code, _, err = run("server", "init", "--admin-dsn",
                       "host=127.0.0.1 port=1 user=postgres dbname=x connect_timeout=2")
    assert code == 1
    assert "cannot connect to the server" in _one_error_line(err)


def test_missing_arguments_are_a_usage_error(run: Run) -> None:
    code, _, err = run("server", "add-device", "--admin-dsn", "x", "--name", "desk")
    assert code == 2
    assert "--gym" in _one_error_line(err)
