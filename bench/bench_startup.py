"""Start-up on a 100,000-member busy-gym database: process start → sign-in → figures shown.

    python bench/bench_startup.py [--db PATH] [--clients 100000] [--runs 5]

Each run is a fresh process (bench/startup_probe.py) that starts the app as `the5hc --db`
does and signs in through the real dialog (demo / demo1234, the password verified with
argon2 on the worker lane), then reports, measured from process start: the main window's
first paint, the dashboard's figures painted (target ≤ 1.0 s), every pane built
(target ≤ 1.5 s), every pane visited with its first load finished, the CPU time by each
point, the peak resident memory (target ≤ 200 MB) and which heavy modules were imported
by the first paint (none may be). The database is copied first; the original is never
written. Byte code is cached in a scratch folder (as an installed app has it), and the
first run, which fills that cache, is a warm-up and not counted. Printed, never asserted:
on a busy machine wall-clock figures grow while CPU time stays put.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FILLED_TARGET_MS = 1000
READY_TARGET_MS = 1500
RSS_TARGET_MB = 200
PROBE = ROOT / "bench" / "startup_probe.py"


def environment(scratch: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # The package from this checkout; logs and settings of the runs stay in a scratch folder.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    # Byte code cached like an installed app's, outside the checkout.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        env[name] = str(scratch / name.lower())
    return env


def build_demo(path: Path, clients: int, env: dict[str, str]) -> None:
    if path.exists():
        print(f"re-using {path} ({path.stat().st_size / 1e6:.0f} MB)")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"building a {clients:,}-member demo database at {path} …", flush=True)
    started = time.perf_counter()
    part = path.with_name(path.name + ".part")
    part.unlink(missing_ok=True)
    subprocess.run(
        [sys.executable, "-m", "the5hc_desktop", "demo", "--db", str(part),
         "--clients", str(clients)],
        check=True, env=env, cwd=ROOT,
    )
    part.replace(path)
    print(f"built in {time.perf_counter() - started:.0f} s")


def probe(path: Path, env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(PROBE), "--db", str(path), "--until", "visited"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=600, check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or len(lines) != 1:
        raise RuntimeError(f"start-up probe failed ({done.returncode}):\n{done.stdout}\n"
                           f"{done.stderr}")
    report: dict[str, Any] = json.loads(lines[0])
    if report["errors"]:
        raise RuntimeError(f"start-up probe reported errors: {report['errors']}")
    return report


def line(name: str, reports: list[dict[str, Any]], key: str, target: str = "") -> str:
    wall = [r[f"{key}_ms"] for r in reports]
    cpu = [r[f"{key}_cpu_ms"] for r in reports]
    return (f"{name:<44} median {statistics.median(wall):6.0f} ms  best {min(wall):6.0f} ms  "
            f"CPU median {statistics.median(cpu):6.0f} ms {target}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None, help="a demo database (copied)")
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="the5hc-bench-startup-"))
    try:
        env = environment(scratch)
        source = args.db or (Path(tempfile.gettempdir()) / "the5hc-bench"
                             / f"demo-{args.clients}.sqlite3")
        build_demo(source, args.clients, env)
        path = scratch / "gym.sqlite3"
        shutil.copyfile(source, path)
        probe(path, env)  # warm-up: byte code and OS file caches; not counted
        reports = [probe(path, env) for _ in range(args.runs)]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    last = reports[-1]
    print(f"panes: {', '.join(last['panes'])}")
    print(f"{args.runs} runs, from process start:")
    print(line("sign-in dialog shown (typed into at once)", reports, "sign_in_shown"))
    print(line("main window first paint", reports, "first_paint"))
    print(line("dashboard figures painted (after sign-in)", reports, "filled",
               f"(target ≤ {FILLED_TARGET_MS} ms)"))
    print(line("every pane built", reports, "ready", f"(target ≤ {READY_TARGET_MS} ms)"))
    print(line("every pane visited and loaded", reports, "visited"))
    rss = [r["peak_rss_mb"] for r in reports]
    print(f"peak RSS after visiting every pane: median {statistics.median(rss):.0f} MB "
          f"(target ≤ {RSS_TARGET_MB} MB)")
    heavy = sorted({name for r in reports for name in r["heavy_at_first_paint"]})
    print(f"heavy modules at first paint: {', '.join(heavy) or 'none'}")
    try:
        load = os.getloadavg()[0]
        print(f"load average while measuring: {load:.1f} on {os.cpu_count()} CPUs")
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
