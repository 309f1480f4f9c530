"""Start-up time on a 100,000-member demo database: `--self-test` first paint.

    python bench/bench_startup.py [--clients 100000] [--runs 5] [--db PATH]

Builds the demo database once with the CLI (`the5hc demo`) and re-uses it afterwards, then
starts `python -m the5hc_desktop --self-test --db PATH` several times in fresh processes
and prints the first paint of the main window, measured from process start (target
≤ 1.0 s), with the process CPU time by then, and the time until every pane has loaded.
The first run is a warm-up (bytecode and OS file caches) and is not counted. Printed,
never asserted: on a busy machine wall-clock figures grow while CPU time stays put.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 1000


def environment(scratch: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # The package from this checkout; logs and settings of the runs stay in a scratch folder.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
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


def self_test(path: Path, env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "the5hc_desktop", "--self-test", "--db", str(path)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=600, check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or len(lines) != 1:
        raise RuntimeError(f"self-test failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    report: dict[str, Any] = json.loads(lines[0])
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="the5hc-bench-startup-"))
    env = environment(scratch)
    path = args.db or Path(tempfile.gettempdir()) / "the5hc-bench" / f"demo-{args.clients}.sqlite3"
    build_demo(path, args.clients, env)

    self_test(path, env)  # warm-up, not counted
    reports = [self_test(path, env) for _ in range(args.runs)]
    paint = [r["first_paint_ms"] for r in reports]
    cpu = [r["first_paint_cpu_ms"] for r in reports]
    ready = [r["ready_ms"] for r in reports]
    print(f"panes: {', '.join(reports[-1]['panes'])}")
    print(f"first paint (process start → main window painted), {args.runs} runs: "
          f"median {statistics.median(paint):.0f} ms, best {min(paint)} ms "
          f"(target ≤ {TARGET_MS} ms)")
    print(f"  CPU time by then: median {statistics.median(cpu):.0f} ms")
    print(f"every pane loaded: median {statistics.median(ready):.0f} ms")
    try:
        load = os.getloadavg()[0]
        print(f"load average while measuring: {load:.1f} on {os.cpu_count()} CPUs")
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
