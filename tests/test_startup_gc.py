"""The collector paused while the window app starts (the5hc_desktop/startup_gc.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from the5hc_desktop import startup_gc


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    startup_gc.resume()
    gc.unfreeze()
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_pause_then_resume_freezes_what_exists_and_collects_again() -> None:
    gc.enable()
    gc.unfreeze()
    startup_gc.pause()
    assert not gc.isenabled()
    assert startup_gc.is_paused()
    kept = [object() for _ in range(10)]  # made during the start: lives on
    startup_gc.resume()
    assert gc.isenabled()
    assert not startup_gc.is_paused()
    assert gc.get_freeze_count() >= len(kept)


def test_resume_is_done_once() -> None:
    gc.enable()
    startup_gc.pause()
    startup_gc.resume()
    frozen = gc.get_freeze_count()
    gc.disable()  # someone else's choice after the start
    startup_gc.resume()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_a_collector_switched_off_elsewhere_stays_off() -> None:
    gc.disable()
    gc.unfreeze()
    startup_gc.pause()
    assert not startup_gc.is_paused()
    startup_gc.resume()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_unreachable_cycles_are_collected_after_the_start() -> None:
    gc.enable()
    startup_gc.pause()
    startup_gc.resume()

    class Node:
        other: object = None

    first, second = Node(), Node()
    first.other, second.other = second, first
    del first, second
    assert gc.collect() >= 2
