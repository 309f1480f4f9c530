"""Errors the server functions raise: SQLSTATE codes of the private class `T5`.

The message text is "한국어 (English)"; DETAIL names the row or value concerned. A device maps
the code to its typed error; the text is what a person reads.
"""

from __future__ import annotations

from typing import NamedTuple


class ServerError(NamedTuple):
    name: str
    ko: str
    en: str


SERVER_ERRORS: dict[str, ServerError] = {
    "T5001": ServerError("device_revoked", "이 기기는 사용이 중지되었습니다",
                         "this device has been revoked"),
    "T5002": ServerError("unknown_device", "이 서버에 등록되지 않은 기기입니다",
                         "this device is not registered on this server"),
    "T5003": ServerError("update_required", "업데이트가 필요합니다", "update required"),
    "T5004": ServerError("clock_ahead",
                         "기기 시계가 서버보다 10분 넘게 빠릅니다. 시계를 맞춰 주세요",
                         "the device clock is more than 10 minutes ahead of the server; "
                         "set the clock"),
    "T5005": ServerError("money_rule", "금액 규칙에 맞지 않는 기록은 받을 수 없습니다",
                         "a row breaks a money rule and was refused"),
    "T5006": ServerError("append_only",
                         "결제·크레딧·감사 기록은 바꾸거나 지울 수 없습니다",
                         "payments, credit and audit rows cannot be changed or deleted"),
    "T5007": ServerError("malformed_request", "동기화 요청 형식이 올바르지 않습니다",
                         "malformed sync request"),
}


def message_text(code: str) -> str:
    error = SERVER_ERRORS[code]
    return f"{error.ko} ({error.en})"
