"""The collector paused while the window app starts (the5hc_desktop/startup_gc.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from the5hc_desktop import startup_gc


@pytest.fixture(autouse=True)
def _collector_restored(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    was_enabled = gc.isenabled()
    monkeypatch.setattr(startup_gc, "_paused", False)
    monkeypatch.setattr(startup_gc, "_freeze_on_resume", False)
    yield
    gc.unfreeze()
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_the_process_start_pause_freezes_what_the_start_made_and_collects_again() -> None:
    gc.enable()
    gc.unfreeze()
    startup_gc.pause(process_start=True)
    assert not gc.isenabled()
    assert startup_gc.is_paused()
    kept = [object() for _ in range(10)]  # made during the start: lives on
    startup_gc.resume()
    assert gc.isenabled()
    assert not startup_gc.is_paused()
    assert gc.get_freeze_count() >= len(kept)


def test_a_later_pause_resumes_without_freezing() -> None:
    gc.enable()
    startup_gc.pause(process_start=True)
    startup_gc.resume()
    frozen = gc.get_freeze_count()
    startup_gc.pause()  # 로그인 → the window complete
    assert not gc.isenabled()
    window = [[] for _ in range(100)]
    startup_gc.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen  # the window's objects stay collectable
    assert window


def test_resume_acts_once() -> None:
    gc.enable()
    startup_gc.pause(process_start=True)
    startup_gc.resume()
    gc.disable()  # someone else's choice after the start
    startup_gc.resume()
    assert not gc.isenabled()


def test_a_collector_switched_off_elsewhere_stays_off() -> None:
    gc.disable()
    gc.unfreeze()
    startup_gc.pause(process_start=True)
    assert not startup_gc.is_paused()
    startup_gc.resume()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_pause_outside_a_process_start_never_freezes() -> None:
    gc.enable()
    gc.unfreeze()
    startup_gc.pause()  # the sign-in flow inside a test process
    startup_gc.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_unreachable_cycles_are_collected_after_the_start() -> None:
    gc.enable()
    startup_gc.pause(process_start=True)
    startup_gc.resume()

    class Node:
        other: object = None

    first, second = Node(), Node()
    first.other, second.other = second, first
    del first, second
    assert gc.collect() >= 2
