"""What can go wrong in a sync round, as typed errors with Korean and English text.

`kind` lets the status bar and the command line tell an expected state (offline) from a
fault (revoked device); `retry` says whether the next round may simply try again.
"""

from __future__ import annotations

from the5hc_desktop.domain.errors import The5HCError


class SyncError(The5HCError):
    """A sync round could not finish; nothing was half-applied on either side."""

    def __init__(self, kind: str, message_ko: str, message_en: str, *, retry: bool) -> None:
        super().__init__(message_ko, message_en)
        self.kind = kind
        self.retry = retry


def offline(detail: str) -> SyncError:
    return SyncError(
        "offline",
        f"서버에 연결할 수 없습니다 ({detail})",
        f"The server cannot be reached ({detail})",
        retry=True,
    )


def not_configured() -> SyncError:
    return SyncError(
        "not_configured",
        "동기화가 설정되지 않았습니다. 먼저 'the5hc sync setup --code CODE'를 실행하세요.",
        "Sync is not set up. Run 'the5hc sync setup --code CODE' first.",
        retry=False,
    )


def bad_secret() -> SyncError:
    return SyncError(
        "auth",
        "기기 비밀번호가 맞지 않거나 기기 등록이 해제되었습니다.",
        "The device secret is wrong or the device was revoked.",
        retry=False,
    )


def revoked() -> SyncError:
    return SyncError(
        "revoked",
        "이 기기는 서버에서 등록 해제되었습니다. 관리자에게 새 등록 코드를 요청하세요.",
        "This device was revoked on the server. Ask the administrator for a new code.",
        retry=False,
    )


def update_required(detail: str) -> SyncError:
    return SyncError(
        "update_required",
        f"업데이트가 필요합니다: 프로그램과 서버의 동기화 버전이 맞지 않습니다 ({detail})",
        f"Update required: the app and the server speak different sync versions ({detail})",
        retry=False,
    )


def wrong_gym(local: str, server: str) -> SyncError:
    return SyncError(
        "wrong_gym",
        f"이 데이터베이스는 다른 센터의 것입니다 (로컬: {local}, 서버: {server}). "
        "새 데이터 파일로 연결하세요.",
        f"This database belongs to another gym (local: {local}, server: {server}). "
        "Connect with a new data file.",
        retry=False,
    )


def clock_ahead(minutes: float) -> SyncError:
    return SyncError(
        "clock_ahead",
        f"이 컴퓨터의 시계가 서버보다 {minutes:.0f}분 빠릅니다. 시계를 맞춘 뒤 다시 동기화하세요.",
        f"This computer's clock is {minutes:.0f} minutes ahead of the server. "
        "Correct the clock and sync again.",
        retry=True,
    )


def refused(detail: str) -> SyncError:
    return SyncError(
        "refused",
        f"서버가 변경 사항을 거부했습니다: {detail}",
        f"The server refused the changes: {detail}",
        retry=True,
    )


def server_fault(detail: str) -> SyncError:
    return SyncError(
        "server",
        f"동기화 중 서버 오류가 났습니다. 다음 동기화에서 다시 시도합니다 ({detail})",
        f"The server failed during sync; the next round retries ({detail})",
        retry=True,
    )


def cancelled() -> SyncError:
    return SyncError("cancelled", "동기화를 취소했습니다.", "Sync was cancelled.", retry=True)
