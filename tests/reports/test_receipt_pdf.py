"""Receipts read back: amounts, and the card fee only on the gym's copy."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from report_pdf_support import read_pdf
from report_samples import make_receipt

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.reports.data import ReceiptData
from the5hc_desktop.reports.receipt import render_receipt


def _text(data: ReceiptData, tmp_path: Path, copy: str) -> str:
    path = tmp_path / f"{copy}.pdf"
    render_receipt(data, path, copy=copy)  # type: ignore[arg-type]
    pages = read_pdf(path)
    assert len(pages) == 1
    return pages[0]


def test_gym_copy_shows_fee_and_net(receipt_data: ReceiptData, tmp_path: Path) -> None:
    text = _text(receipt_data, tmp_path, "gym")
    assert receipt_data.vat + receipt_data.card_fee + receipt_data.net == receipt_data.gross
    for amount in ("1,250,000원", "1,136,364원", "113,636원", "39,773원", "1,096,591원"):
        assert amount in text
    assert "카드 수수료 (3.5%)" in text
    assert "실 수령액" in text
    assert "보관용" in text
    assert "김민수" in text
    assert "영수증" in text
    assert "20회 패키지" in text


def test_client_copy_hides_fee_and_net(receipt_data: ReceiptData, tmp_path: Path) -> None:
    text = _text(receipt_data, tmp_path, "client")
    for amount in ("1,250,000원", "1,136,364원", "113,636원"):
        assert amount in text
    assert "39,773" not in text
    assert "1,096,591" not in text
    assert "수수료" not in text
    assert "실 수령액" not in text
    assert "회원용" in text
    assert "부가세 VAT (10%)" in text
    assert "공급가액" in text
    assert "2024년 05월 10일" in text
    assert "카드" in text


def test_cash_sale_and_reversal(tmp_path: Path) -> None:
    cash = make_receipt(100_000, "cash")
    assert cash.card_fee == 0
    assert "현금" in _text(cash, tmp_path, "client")
    refund = dataclasses.replace(make_receipt(), gross=-1_250_000, vat=-113_636,
                                 card_fee=-39_773, net=-1_096_591, is_reversal=True)
    text = _text(refund, tmp_path, "gym")
    assert "환불 영수증" in text
    assert "-1,250,000원" in text
    assert "-1,136,364원" in text


def test_unknown_copy_is_refused(receipt_data: ReceiptData, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        render_receipt(receipt_data, tmp_path / "x.pdf", copy="both")  # type: ignore[arg-type]
    assert caught.value.field == "copy"
    assert not (tmp_path / "x.pdf").exists()
