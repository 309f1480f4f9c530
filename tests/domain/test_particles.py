"""Korean particles by final consonant, as a table."""

from __future__ import annotations

import pytest

from the5hc_desktop.domain.particles import attach, josa, resolve


@pytest.mark.parametrize(
    ("word", "particle", "expected"),
    [("회원", "을", "을"), ("패키지", "을", "를"), ("10회 패키지", "를", "를"),
     ("평가", "을", "를"), ("김민수", "이", "가"), ("박지훈", "가", "이"),
     ("트레이너", "은", "는"), ("센터", "는", "는"), ("소유자", "은", "는"),
     ("회원", "는", "은"), ("결제", "과", "와"), ("세션", "와", "과"),
     ("트레이너", "으로", "로"), ("회원", "로", "으로"), ("서울", "으로", "로"),
     ("시니어 트레이너", "로", "로"), ("프런트", "으로", "로"), ("관리자", "로", "로"),
     ("소유자", "으로", "로"), ("직원", "으로", "으로"), ("1", "을", "을"), ("2", "을", "를"),
     ("3", "이", "이"), ("4", "이", "가"), ("6", "은", "은"), ("7", "으로", "로"),
     ("8", "으로", "로"), ("9", "과", "와"), ("10", "을", "을"), ("#15", "이", "가"),
     ("'김민수'", "은", "는"), ("'박지훈'", "은", "은"), ("패키지 (10회)", "을", "를"),
     ("owner", "을", "을(를)"), ("", "이", "이(가)"), ("김민수!", "과", "과(와)"),
     ("owner", "로", "(으)로"), ("A&B", "은", "은(는)")],
)  # fmt: skip
def test_josa_table(word: str, particle: str, expected: str) -> None:
    assert josa(word, particle) == expected
    assert attach(word, particle) == word + expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("10회 패키지을(를) 판매했습니다.", "10회 패키지를 판매했습니다."),
     ("역할을 시니어 트레이너(으)로 바꿈", "역할을 시니어 트레이너로 바꿈"),
     ("비밀번호 demo1234(으)로 로그인", "비밀번호 demo1234로 로그인"),
     ("비밀번호 pass(으)로", "비밀번호 pass(으)로"),
     ("직원 'kim'은(는) 이미 있어", "직원 'kim'은(는) 이미 있어"),
     ("회원 #12이(가) 없어", "회원 #12가 없어"),
     ("김민수이(가) 박지훈과(와) 운동", "김민수가 박지훈과 운동"),
     ("평가을(를) 찾을 수 없습니다", "평가를 찾을 수 없습니다"),
     ("particle-free text", "particle-free text")],
)  # fmt: skip
def test_resolve_table(text: str, expected: str) -> None:
    assert resolve(text) == expected
