"""Strict, bounded checks for the messages between the extension and the host, with the standard
library only (issue 19: the host's start-up and memory without pydantic). A message is a class of
`Model` whose fields each say what they accept: the exact type (no coercion: "7" is not 7, True is
not 1), bounds on numbers, lengths and item counts, patterns, a fixed set of values. Unknown
fields are refused; instances are frozen; errors name the field and the reason, never the value."""

from __future__ import annotations

import re
from collections.abc import Callable

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (records.py, docs/decisions.md)
if TYPE_CHECKING:
    from typing import Any, ClassVar, dataclass_transform

    Check = Callable[[Any, str], Any]  # (value, where) -> the value to keep; raises Invalid
else:
    from ecflink.records import dataclass_transform

REQUIRED: Any = object()


class Invalid(ValueError):
    """What was wrong, field by field: [(where, why)]; never the offending value."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{where}: {why}" for where, why in problems))
        self.problems = problems


def _fail(where: str, why: str) -> Invalid:
    return Invalid([(where or "message", why)])


def integer(ge: int, le: int) -> Check:
    def check(value: Any, where: str) -> int:
        if type(value) is not int:
            raise _fail(where, "must be an integer")
        if not ge <= value <= le:
            raise _fail(where, f"must be between {ge} and {le}")
        return value

    return check


def boolean() -> Check:
    def check(value: Any, where: str) -> bool:
        if type(value) is not bool:
            raise _fail(where, "must be true or false")
        return value

    return check


def text(max_length: int, min_length: int = 0, pattern: str | None = None, strip: bool = False) -> Check:
    matcher = re.compile(pattern) if pattern else None

    def check(value: Any, where: str) -> str:
        if type(value) is not str:
            raise _fail(where, "must be a string")
        if strip:
            value = value.strip()
        if not min_length <= len(value) <= max_length:
            raise _fail(where, f"must be {min_length} to {max_length} characters long")
        if matcher and not matcher.fullmatch(value):
            raise _fail(where, f"must match {pattern}")
        return value

    return check


def one_of(*choices: Any) -> Check:
    def check(value: Any, where: str) -> Any:
        if not any(type(value) is type(choice) and value == choice for choice in choices):
            shown = ", ".join(repr(c) for c in choices[:8]) + (", ..." if len(choices) > 8 else "")
            raise _fail(where, f"must be one of {shown}")
        return value

    return check


def optional(inner: Check) -> Check:
    def check(value: Any, where: str) -> Any:
        return None if value is None else inner(value, where)

    return check


def list_of(item: Check, max_items: int) -> Check:
    def check(value: Any, where: str) -> list[Any]:
        if type(value) not in (list, tuple):
            raise _fail(where, "must be a list")
        if len(value) > max_items:
            raise _fail(where, f"must have at most {max_items} items")
        return [item(v, f"{where}.{i}") for i, v in enumerate(value)]

    return check


def dict_of(key: Check, item: Check, max_items: int) -> Check:
    def check(value: Any, where: str) -> dict[Any, Any]:
        if type(value) is not dict:
            raise _fail(where, "must be an object")
        if len(value) > max_items:
            raise _fail(where, f"must have at most {max_items} entries")
        return {key(k, f"{where} key"): item(v, f"{where}.{str(k)[:40]}") for k, v in value.items()}

    return check


def json_object() -> Check:
    """Any JSON object the host itself built (the probe table from pages.json)."""

    def check(value: Any, where: str) -> dict[Any, Any]:
        if type(value) is not dict:
            raise _fail(where, "must be an object")
        return value

    return check


def nested(model: type[Model]) -> Check:
    def check(value: Any, where: str) -> Model:
        if isinstance(value, model):
            return value
        if type(value) is not dict:
            raise _fail(where, f"must be a {model.__name__}")
        return model.validate(value, where)

    return check


class Spec:
    __slots__ = ("check", "default", "shown")

    def __init__(self, check: Check, default: Any, shown: bool) -> None:
        self.check, self.default, self.shown = check, default, shown


def field(check: Check, *, default: Any = REQUIRED, repr: bool = True) -> Any:  # noqa: A002
    """A message field: what it accepts, its default (none: required), whether repr() shows it."""
    return Spec(check, default, repr)


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
class Model:
    """A message: its fields are the class's `field(...)` attributes, its own and its bases'."""

    fields: ClassVar[dict[str, Spec]] = {}

    def __init_subclass__(cls) -> None:
        own = {name: spec for name, spec in vars(cls).items() if isinstance(spec, Spec)}
        cls.fields = {**cls.fields, **own}
        for name in own:
            delattr(cls, name)

    def __init__(self, **values: Any) -> None:
        self._fill(values, "")

    @classmethod
    def validate(cls, raw: dict[str, Any], where: str = "") -> Any:
        """An instance from a decoded JSON object, checked field by field."""
        made = cls.__new__(cls)
        made._fill(raw, where)
        return made

    def _fill(self, values: dict[str, Any], where: str) -> None:
        problems: list[tuple[str, str]] = []
        prefix = f"{where}." if where else ""
        for name in values:
            if name not in self.fields:
                problems.append((f"{prefix}{str(name)[:40]}", "is not a field of this message"))
        for name, spec in self.fields.items():
            if name in values:
                try:
                    value = spec.check(values[name], f"{prefix}{name}")
                except Invalid as exc:
                    problems.extend(exc.problems)
                    continue
            elif spec.default is REQUIRED:
                problems.append((f"{prefix}{name}", "is required"))
                continue
            else:
                value = spec.default.copy() if isinstance(spec.default, (list, dict)) else spec.default
            object.__setattr__(self, name, value)
        if problems:
            raise Invalid(problems)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self.model_dump() == other.model_dump()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), repr(self)))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name, spec in self.fields.items() if spec.shown)
        return f"{type(self).__name__}({shown})"

    def model_dump(self) -> dict[str, Any]:
        """The message as JSON-ready data."""
        return {name: _dump(getattr(self, name)) for name in self.fields}


def _dump(value: Any) -> Any:
    if isinstance(value, Model):
        return value.model_dump()
    if isinstance(value, (list, tuple)):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value
