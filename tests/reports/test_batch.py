"""Batch export: one file per report, unique names, progress, cancel, no overwrite."""

from __future__ import annotations

from pathlib import Path

from report_pdf_support import read_pdf
from report_samples import COMPLETE_INPUTS, PARTIAL_INPUTS, report_data

from the5hc_desktop.reports.batch import export_batch


def test_batch_names_collisions_and_reports_progress(tmp_path: Path) -> None:
    items = [report_data(COMPLETE_INPUTS), report_data(PARTIAL_INPUTS),
             report_data(COMPLETE_INPUTS, name="이서연")]
    folder = tmp_path / "out" / "reports"
    (folder).mkdir(parents=True)
    (folder / "2024-05-10_이서연_평가보고서.pdf").write_bytes(b"keep me")
    calls: list[tuple[int, int]] = []

    paths = export_batch(iter(items), folder, progress=lambda d, t: calls.append((d, t)))

    assert [p.name for p in paths] == [
        "2024-05-10_김민수_평가보고서.pdf",
        "2024-05-10_김민수_평가보고서 (2).pdf",
        "2024-05-10_이서연_평가보고서 (2).pdf",
    ]
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert (folder / "2024-05-10_이서연_평가보고서.pdf").read_bytes() == b"keep me"
    assert "이서연" in read_pdf(paths[2])[0]
    assert all(p.read_bytes().startswith(b"%PDF") for p in paths)


def test_batch_stops_when_cancelled(tmp_path: Path) -> None:
    items = [report_data(PARTIAL_INPUTS, name=f"회원{n}") for n in range(5)]
    written: list[int] = []

    def cancelled() -> bool:
        return len(written) >= 2

    paths = export_batch(items, tmp_path, progress=lambda d, t: written.append(d) if d else None,
                         cancelled=cancelled)
    assert len(paths) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)


def test_empty_batch(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    assert export_batch([], tmp_path / "new", progress=lambda d, t: calls.append((d, t))) == []
    assert calls == [(0, 0)]
    assert (tmp_path / "new").is_dir()
