"""The enrolment code a desk types: it round-trips, tolerates how people type, and a typo or
a foreign string is a typed error, never a wrong server."""

from __future__ import annotations

import uuid

import pytest

from the5hc_desktop.domain.errors import ValidationError
from the5hc_desktop.sync import enrolment
from the5hc_desktop.sync.enrolment import Enrolment, EnrolmentCodeError

SAMPLE = Enrolment(host="gym-server.local", port=5433, database="the5hc",
                   device_id=uuid.UUID("0190f5a3-7c1e-7a00-8d3b-1c2d3e4f5a6b"),
                   installation="0a1b2c3d")


def test_a_code_round_trips_and_names_the_device_role() -> None:
    code = enrolment.encode(SAMPLE)
    assert code.startswith("T5HC-")
    assert enrolment.decode(code) == SAMPLE
    assert SAMPLE.role == "the5hc_0a1b2c3d_d_0190f5a37c1e7a008d3b1c2d3e4f5a6b"


def test_a_code_carries_a_korean_database_name_and_an_ip() -> None:
    other = Enrolment(host="192.168.0.10", port=5432, database="강남점",
                      device_id=uuid.uuid4(), installation="ffffffff")
    assert enrolment.decode(enrolment.encode(other)) == other


def test_reading_forgives_case_spaces_dashes_and_lookalikes() -> None:
    code = enrolment.encode(SAMPLE)
    typed = code.lower().replace("-", " ").replace("o", "0").replace("i", "1")
    assert enrolment.decode(f"  {typed}\n") == SAMPLE


@pytest.mark.parametrize("mangle", [
    lambda c: c[:-1],                                  # last character missing
    lambda c: c[:20] + ("A" if c[20] != "A" else "B") + c[21:],  # one character wrong
    lambda c: c[:12] + c[13] + c[12] + c[14:],        # two characters swapped
    lambda c: c.replace("T5HC", "T6HC"),              # another prefix
    lambda c: "T5HC-",                                 # nothing after the prefix
    lambda c: c + "!",                                 # a foreign character
    lambda c: "postgresql://user:pw@host/db",          # not a code at all
])
def test_a_malformed_code_is_a_typed_error(mangle: object) -> None:
    code = enrolment.encode(SAMPLE)
    bad = mangle(code)  # type: ignore[operator]
    assert bad != code
    with pytest.raises(EnrolmentCodeError) as caught:
        enrolment.decode(bad)
    assert isinstance(caught.value, ValidationError)
    assert caught.value.field == "code"
    assert "등록 코드" in caught.value.message_ko


def test_secrets_are_random_typeable_and_normalised() -> None:
    secrets = {enrolment.new_secret() for _ in range(50)}
    assert len(secrets) == 50
    for secret in secrets:
        assert len(secret.replace("-", "")) == enrolment.SECRET_LENGTH
        assert enrolment.normalize_secret(secret.lower().replace("-", " ")) == secret
