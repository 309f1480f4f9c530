"""The service boundary: every argument of every public service method is checked here.

`ServiceBase` wraps each public method of its subclasses with `checked`, so a caller that
passes a wrong type or an impossible value gets a typed error naming the field — never a
raw SQLAlchemy, Overflow, Type or Attribute error from deep inside:

- the type the method's annotation names (a draft's own fields: by its validation);
- text: no NUL character, at most MAX_TEXT characters; paths likewise;
- dates and times between 1900 and 2100 (MIN_YEAR..MAX_YEAR);
- integers within ±MAX_INT and finite floats/Decimals within ±MAX_INT: far beyond any gym
  figure (the business maximums, such as MAX_SALE_KRW per sale, are checked by the rule
  that owns the field) yet small enough that no SQLite integer or sum overflows;
- the actor: a live, active staff row whose role is still the one the actor carries. A
  forged actor, or one demoted or deactivated since sign-in, is PermissionDenied on the
  very next call (a method marked `checks_actor_itself` makes that check first thing in
  its own write transaction).

The checks read annotations once per method (lazily: they are strings until resolved).
"""

from __future__ import annotations

import functools
import math
import os
import types
import typing
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from pathlib import PurePath
from typing import Any, TypeVar

from the5hc_desktop.domain.errors import PermissionDenied, ValidationError

MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_INT = 10**12
MAX_TEXT = 100_000
MAX_ITEMS = 100_000

F = TypeVar("F", bound=Callable[..., Any])
_UNCHECKED = object()


def _bad(field: str, ko: str, en: str) -> ValidationError:
    return ValidationError(f"{field}: {ko}", f"{field}: {en}", field=field)


def _type_error(field: str, expected: str) -> ValidationError:
    return _bad(field, f"값의 형식이 올바르지 않습니다 ({expected} 필요).",
                f"wrong kind of value ({expected} expected).")


def check_value(field: str, value: Any, hint: Any, depth: int = 0) -> None:
    """Raise ValidationError unless `value` fits `hint` and the ranges above."""
    if hint is Any or hint is object or depth > 4:
        return
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return
        errors: list[ValidationError] = []
        for option in options:
            if option is type(None):
                continue
            try:
                check_value(field, value, option, depth)
                return
            except ValidationError as error:
                errors.append(error)
        raise errors[0] if errors else _type_error(field, "value")
    if hint is type(None):
        if value is not None:
            raise _type_error(field, "none")
        return
    if origin is typing.Literal:
        if value not in typing.get_args(hint):
            raise _type_error(field, "one of " + ", ".join(map(str, typing.get_args(hint))))
        return
    if origin is not None:
        _check_generic(field, value, hint, origin, depth)
        return
    if not isinstance(hint, type):
        return  # a TypeVar or other typing construct: nothing reliable to check
    _check_plain(field, value, hint, depth)


def _check_generic(field: str, value: Any, hint: Any, origin: Any, depth: int) -> None:
    args = typing.get_args(hint)
    if origin is Callable:
        if not callable(value):
            raise _type_error(field, "function")
        return
    if origin is type:
        if not isinstance(value, type):
            raise _type_error(field, "type")
        return
    if isinstance(origin, type) and issubclass(origin, Mapping):
        if not isinstance(value, Mapping):
            raise _type_error(field, "mapping")
        if len(value) > MAX_ITEMS:
            raise _bad(field, "항목이 너무 많습니다.", "too many items.")
        if len(args) == 2:
            for key, item in value.items():
                check_value(field, key, args[0], depth + 1)
                check_value(f"{field}.{key}", item, args[1], depth + 1)
        return
    if isinstance(origin, type) and issubclass(origin, Sequence | frozenset | set):
        allowed = (list, tuple) if origin is Sequence else origin
        if isinstance(value, str | bytes) or not isinstance(value, allowed):
            raise _type_error(field, "list")
        if len(value) > MAX_ITEMS:
            raise _bad(field, "항목이 너무 많습니다.", "too many items.")
        item_hints = [a for a in args if a is not Ellipsis]
        if origin is tuple and len(item_hints) == len(value) and Ellipsis not in args:
            for item, item_hint in zip(value, item_hints, strict=True):
                check_value(field, item, item_hint, depth + 1)
        elif item_hints:
            for item in value:
                check_value(field, item, item_hints[0], depth + 1)
        return
    if origin is typing.IO or hint is typing.IO:  # a file object: duck-typed
        if not (hasattr(value, "write") or hasattr(value, "read")):
            raise _type_error(field, "file")
        return
    if isinstance(origin, type) and not isinstance(value, origin):
        raise _type_error(field, origin.__name__)


def _check_plain(field: str, value: Any, hint: type, depth: int) -> None:
    if hint is bool:
        if not isinstance(value, bool):
            raise _type_error(field, "true/false")
        return
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _type_error(field, "integer")
        _check_magnitude(field, value)
        return
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _type_error(field, "number")
        if not math.isfinite(value):
            raise _bad(field, "숫자가 아닙니다.", "not a finite number.")
        _check_magnitude(field, value)
        return
    if hint is Decimal:
        if not isinstance(value, Decimal | int) or isinstance(value, bool):
            raise _type_error(field, "decimal")
        if isinstance(value, Decimal) and not value.is_finite():
            raise _bad(field, "숫자가 아닙니다.", "not a finite number.")
        _check_magnitude(field, value)
        return
    if hint is str:
        if not isinstance(value, str):
            raise _type_error(field, "text")
        check_text(field, value)
        return
    if hint is uuid.UUID:
        if not isinstance(value, uuid.UUID):
            raise _bad(field, "ID 형식이 올바르지 않습니다.", "not a valid id.")
        return
    if hint is datetime:
        if not isinstance(value, datetime):
            raise _type_error(field, "date and time")
        _check_year(field, value.year)
        return
    if hint is date:
        if not isinstance(value, date):
            raise _type_error(field, "date")
        _check_year(field, value.year)
        return
    if hint is time:
        if not isinstance(value, time):
            raise _type_error(field, "time")
        return
    if issubclass(hint, PurePath) or hint is os.PathLike:
        if not isinstance(value, str | os.PathLike):
            raise _type_error(field, "path")
        check_text(field, os.fspath(value) if not isinstance(value, bytes) else "")
        return
    if issubclass(hint, Enum):
        if not isinstance(value, hint):
            raise _type_error(field, hint.__name__)
        return
    if not isinstance(value, hint):
        raise _type_error(field, hint.__name__)
    # A draft's fields are checked by the rule that owns it (validate_draft, validate...),
    # with messages naming the field as the form shows it.


def check_text(field: str, value: str) -> None:
    if "\x00" in value:
        raise _bad(field, "허용되지 않는 문자(NUL)가 들어 있습니다.",
                   "contains a NUL character, which is not allowed.")
    if len(value) > MAX_TEXT:
        raise _bad(field, "글자 수가 너무 많습니다.", "the text is too long.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _bad(field, "올바르지 않은 문자가 들어 있습니다.",
                   "contains characters that cannot be stored.") from None


def _check_magnitude(field: str, value: int | float | Decimal) -> None:
    if not -MAX_INT <= value <= MAX_INT:
        raise _bad(field, "값이 허용 범위를 벗어났습니다.", "the value is out of range.")


def _check_year(field: str, year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _bad(field, f"{MIN_YEAR}–{MAX_YEAR}년 사이의 날짜여야 합니다.",
                   f"the date must lie between {MIN_YEAR} and {MAX_YEAR}.")


@functools.cache
def _hints_of(target: Any) -> dict[str, Any]:
    try:
        return typing.get_type_hints(target)
    except (NameError, TypeError):
        return {}


def checks_actor_itself(method: F) -> F:
    """Mark a hot write method that checks its actor inside its own write transaction (one
    transaction instead of two); the boundary still checks every other argument."""
    method.__checks_actor_itself__ = True  # type: ignore[attr-defined]
    return method


def checked(method: F, actor_check: Callable[[Any, Any], None]) -> F:
    """`method` with its arguments checked first; `actor_check(self, actor)` for actors,
    unless the method `checks_actor_itself`."""
    from the5hc_desktop.services.context import Actor

    signature = _signature(method)
    own_check = getattr(method, "__checks_actor_itself__", False)

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            bound = signature.bind(self, *args, **kwargs)
        except TypeError as exc:
            raise ValidationError("입력 항목이 올바르지 않습니다.",
                                  f"wrong arguments: {exc}") from None
        hints = _hints_of(method)
        for name, value in list(bound.arguments.items())[1:]:
            hint = hints.get(name)
            if hint is None:
                continue
            check_value(name, value, hint)
            if isinstance(value, Actor) and not own_check:
                actor_check(self, value)
        return method(self, *args, **kwargs)

    wrapper.__boundary_checked__ = True  # type: ignore[attr-defined]
    return typing.cast(F, wrapper)


def _signature(method: Callable[..., Any]) -> Any:
    import inspect

    return inspect.signature(method)


def stale_actor() -> PermissionDenied:
    return PermissionDenied(
        "계정 권한이 바뀌었거나 비활성화되었습니다. 다시 로그인하세요.",
        "This account's role changed or it was deactivated; please sign in again.",
    )
