"""`the5hc server ...`: install and upgrade the gym's sync server, manage gyms and devices.

    the5hc server init --admin-dsn DSN
    the5hc server upgrade --admin-dsn DSN
    the5hc server add-gym --admin-dsn DSN --name NAME [--json]
    the5hc server add-device --admin-dsn DSN --gym GYM --name NAME [--host H] [--port P] [--json]
    the5hc server revoke-device --admin-dsn DSN --device DEVICE

DSN is a libpq connection string or URL of an administrator (superuser, or CREATEROLE on a
managed service). GYM and DEVICE are an id or a name. With --json each command that creates
something prints one JSON line. Errors follow cli.py: one line, Korean then English.
"""

from __future__ import annotations

import argparse
import json
import sys

SERVER_COMMANDS = ("init", "upgrade", "add-gym", "add-device", "revoke-device")


def add_commands(parser: argparse.ArgumentParser) -> None:
    """Fill the `server` subcommand's parser."""
    sub = parser.add_subparsers(dest="server_command", metavar="SERVER_COMMAND")
    sub.required = True

    def command(name: str, text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=text, description=text)
        p.add_argument("--admin-dsn", required=True, metavar="DSN",
                       help="administrator connection string, e.g. "
                            "'host=db.example port=5432 dbname=the5hc user=postgres'")
        return p

    command("init", "서버 스키마 설치 (install the server schema; safe to repeat)")
    command("upgrade", "서버 스키마 업그레이드 (upgrade the server schema)")
    p = command("add-gym", "센터 추가 (add a gym)")
    p.add_argument("--name", required=True, help="gym name")
    p.add_argument("--json", action="store_true", help='one line {"gym", "name"}')
    p = command("add-device", "기기 추가 (add a device; prints its code and one-time secret)")
    p.add_argument("--gym", required=True, help="gym id or name")
    p.add_argument("--name", required=True, help="device name, e.g. 'Front desk'")
    p.add_argument("--host", help="server address the device uses (default: the DSN's host)")
    p.add_argument("--port", type=int, help="server port the device uses (default: the DSN's)")
    p.add_argument("--json", action="store_true", help='one line {"device", "code", "secret"}')
    p = command("revoke-device", "기기 사용 중지 (revoke a device)")
    p.add_argument("--device", required=True, help="device id or name")


def run(options: argparse.Namespace) -> int:
    from the5hc_desktop.services import server_admin

    dsn = options.admin_dsn
    command = options.server_command
    if command == "init":
        revision, created = server_admin.init(dsn)
        _say(f"서버 스키마를 설치했습니다 (server schema installed), revision {revision}"
             if created else
             f"서버 스키마가 이미 있습니다 (already installed), revision {revision}")
    elif command == "upgrade":
        before, after = server_admin.upgrade(dsn)
        _say(f"서버 스키마 업그레이드 (server schema upgraded): revision {before} -> {after}"
             if after != before else
             f"서버 스키마가 최신입니다 (already up to date), revision {after}")
    elif command == "add-gym":
        gym = server_admin.add_gym(dsn, options.name)
        if options.json:
            _say(json.dumps({"gym": str(gym.gym), "name": gym.name}, ensure_ascii=False))
        else:
            _say(f"센터를 추가했습니다 (gym added): {gym.name} {gym.gym}")
    elif command == "add-device":
        device = server_admin.add_device(dsn, options.gym, options.name, host=options.host,
                                         port=options.port)
        if options.json:
            _say(json.dumps({"device": str(device.device), "code": device.code,
                             "secret": device.secret}))
        else:
            _say(f"기기를 추가했습니다 (device added): {device.name} {device.device}")
            _say(f"등록 코드 (enrolment code): {device.code}")
            _say(f"비밀 키 (secret): {device.secret}")
            _say("비밀 키는 다시 표시되지 않습니다. 기기의 설정 → 동기화에 입력하세요 "
                 "(the secret is shown only this once; enter it in 설정 → 동기화 on the device)")
    else:
        revoked = server_admin.revoke_device(dsn, options.device)
        state = ("이미 사용 중지된 기기입니다 (already revoked)" if revoked.already
                 else "기기 사용을 중지했습니다 (device revoked)")
        _say(f"{state}: {revoked.name} {revoked.device}; "
             f"끊은 연결 (sessions ended) {revoked.sessions_ended}")
    return 0


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
