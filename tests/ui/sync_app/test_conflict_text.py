"""How one side of a conflict reads: what differs comes first, marked, bookkeeping hidden."""

from __future__ import annotations

from the5hc_desktop.ui.sync_conflicts import version_text


def test_the_differing_fields_come_first_and_bookkeeping_is_hidden() -> None:
    ours = {"hlc": "b", "deleted": False,
            "data": {"id": "x", "hlc": "b", "active": True, "name": "김민수", "notes": "2층"}}
    theirs = {"hlc": "a", "deleted": False,
              "data": {"id": "x", "hlc": "a", "active": True, "name": "김민수", "notes": "1층"}}
    lines = version_text(ours, theirs).splitlines()
    assert lines[0] == "▶ notes: 2층"
    assert [line.strip() for line in lines[1:]] == ["active: true", "name: 김민수"]
