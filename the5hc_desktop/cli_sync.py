"""`the5hc sync setup` and `the5hc sync`: this device's side of sync, headless."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

Say = Callable[..., None]


def add_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    p = command("sync", "서버와 동기화 (sync with the gym's server: one round, or setup)")
    p.add_argument("action", nargs="?", choices=("setup",), help="setup: enter the code")
    p.add_argument("--code", help="enrolment code from 'the5hc server add-device'")
    p.add_argument("--sslmode", help="verify-full (default), verify-ca, require, disable "
                   "(127.0.0.1 only)")
    p.add_argument("--ca-file", help="CA certificate of the gym's server")
    p.add_argument("--secret-stdin", action="store_true",
                   help="read the device secret from stdin (else THE5HC_SYNC_SECRET, the "
                   "keyring or a prompt)")
    p.add_argument("--json", action="store_true", help="one JSON line")


def _secret(options: argparse.Namespace, device: str | None) -> str | None:
    """The secret from stdin, the environment, the keyring, or a prompt on a terminal."""
    from the5hc_desktop.services.sync_service import ENV_SECRET, load_secret

    if options.secret_stdin:
        return sys.stdin.readline().strip() or None
    env = os.environ.get(ENV_SECRET)
    if env:
        return env
    if device is not None:
        stored = load_secret(device)
        if stored:
            return stored
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass("기기 비밀번호 (device secret): ").strip() or None
    return None


def run(options: argparse.Namespace, db_path: Path, say: Say) -> int:
    from the5hc_desktop.domain.errors import ValidationError
    from the5hc_desktop.services import open_services
    from the5hc_desktop.services.sync_service import ENV_SECRET, not_configured

    if options.action == "setup" and not options.code:
        raise ValidationError("--code 가 필요합니다.", "--code is required", field="code")
    if options.action is None and not db_path.is_file():
        raise not_configured()
    services = open_services(db_path)
    try:
        if options.action == "setup":
            secret = _secret(options, None)
            if not secret:
                raise ValidationError(
                    f"기기 비밀번호가 필요합니다 (--secret-stdin, {ENV_SECRET} 또는 입력).",
                    f"The device secret is needed (--secret-stdin, {ENV_SECRET} or a prompt).",
                    field="secret")
            result = services.sync.setup(options.code, secret, sslmode=options.sslmode,
                                         ca_file=options.ca_file)
            if options.json:
                say(json.dumps({"device": result.device, "host": result.host,
                                "secret_stored": result.secret_stored}))
            else:
                say(f"동기화를 설정했습니다 (sync set up): {result.host}, device {result.device}")
                if not result.secret_stored:
                    say("이 컴퓨터에는 키링이 없어 비밀번호를 저장하지 않았습니다. 동기화할 때마다 "
                        f"{ENV_SECRET} 또는 입력으로 알려 주세요 (no keyring here: the secret "
                        "was not stored).")
            return 0
        secret = _secret(options, services.sync.address().device)
        outcome = services.sync.run_round(secret)
        if options.json:
            say(json.dumps(outcome.as_json()))
        else:
            say(f"동기화했습니다 (synced): 보냄 {outcome.pushed}, 받음 {outcome.pulled}, "
                f"충돌 {outcome.conflicts}")
        return 0
    finally:
        services.close()
