"""Plain records, as `dataclasses.dataclass(frozen=True)` writes them, without its cost on the
host's start: importing dataclasses imports inspect, and each dataclass compiles its methods with
exec() (about 1 ms a class); a Record class is ready at once. Fields are the class's annotated
attributes, in order, with their defaults; instances are frozen unless the class says
`frozen=False`, compare and hash by their fields, and leave `field(repr=False)` fields out of repr().
"""

from __future__ import annotations

from collections.abc import Callable

# typing.TYPE_CHECKING, without importing typing: a starting host never needs it (about 4 ms).
# Checkers read the first branch; at run time dataclass_transform only marked the class for them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, ClassVar, Self, dataclass_transform
else:

    def dataclass_transform(**_: object) -> Callable[[type], type]:
        return lambda cls: cls


_NONE: Any = object()


class _Field:
    __slots__ = ("default", "factory", "shown")

    def __init__(self, default: Any, factory: Callable[[], Any] | None, shown: bool) -> None:
        self.default, self.factory, self.shown = default, factory, shown


def field(*, default: Any = _NONE, default_factory: Callable[[], Any] | None = None, repr: bool = True) -> Any:  # noqa: A002
    """A field's default (a value, or a function making a fresh one) and whether repr() shows it."""
    return _Field(default, default_factory, repr)


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
class Record:
    record_fields: ClassVar[dict[str, _Field]] = {}
    record_frozen: ClassVar[bool] = True

    def __init_subclass__(cls, frozen: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields = dict(cls.record_fields)
        for name, annotation in vars(cls).get("__annotations__", {}).items():
            if "ClassVar" in str(annotation):
                continue
            value = vars(cls).get(name, _NONE)
            fields[name] = value if isinstance(value, _Field) else _Field(value, None, True)
            if value is not _NONE:
                delattr(cls, name)
        cls.record_fields = fields
        cls.record_frozen = frozen
        if not frozen:
            cls.__hash__ = None  # type: ignore[assignment]  # as a mutable dataclass: equal, not hashable

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if not args and kwargs.keys() == self.record_fields.keys():  # every field named: the tables' rows
            self.__dict__.update(kwargs)
            return
        names = list(self.record_fields)
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__} takes at most {len(names)} arguments")
        for name, value in zip(names, args):
            if name in kwargs:
                raise TypeError(f"{type(self).__name__} got two values for {name}")
            kwargs[name] = value
        for name, spec in self.record_fields.items():
            if name in kwargs:
                value = kwargs.pop(name)
            elif spec.factory is not None:
                value = spec.factory()
            elif spec.default is not _NONE:
                value = spec.default
            else:
                raise TypeError(f"{type(self).__name__} needs {name}")
            object.__setattr__(self, name, value)
        if kwargs:
            raise TypeError(f"{type(self).__name__} has no field {next(iter(kwargs))}")

    def __setattr__(self, name: str, value: Any) -> None:
        if self.record_frozen:
            raise AttributeError(f"{type(self).__name__} is frozen")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        if self.record_frozen:
            raise AttributeError(f"{type(self).__name__} is frozen")
        object.__delattr__(self, name)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.record_fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name, spec in self.record_fields.items() if spec.shown)
        return f"{type(self).__name__}({shown})"

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed."""
        return type(self)(**{name: getattr(self, name) for name in self.record_fields} | changes)

    def as_dict(self) -> dict[str, Any]:
        """The fields and their values (not recursive)."""
        return {name: getattr(self, name) for name in self.record_fields}
