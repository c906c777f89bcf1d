"""records.Record: what the host's records need of dataclasses, checked as dataclasses behave."""

import pytest

from ecflink.records import Record, field


class Login(Record):
    court: str
    login: str
    password: str = field(repr=False)
    tags: list[str] = field(default_factory=list)
    note: str | None = None


class Point(Record):
    x: int
    y: int = 0


class Counter(Record, frozen=False):
    count: int = 0


def test_fields_by_position_or_name_with_defaults():
    a = Login("txwd", "jdoe", "secret")
    b = Login(court="txwd", login="jdoe", password="secret")
    assert a == b
    assert Point(1) == Point(x=1, y=0) and hash(Point(1)) == hash(Point(1, 0))
    assert (a.tags, a.note) == ([], None)
    assert a.tags is not Login("x", "y", "z").tags  # a fresh list each time


def test_frozen_and_compared_by_class_and_fields():
    a = Login("txwd", "jdoe", "secret")
    with pytest.raises(AttributeError):
        a.login = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del a.login  # type: ignore[misc]
    assert a != Login("txwd", "jdoe", "other")
    assert a != ("txwd", "jdoe", "secret", [], None)


def test_repr_leaves_out_hidden_fields():
    assert repr(Login("txwd", "jdoe", "hunter22")) == "Login(court='txwd', login='jdoe', tags=[], note=None)"


def test_replace_and_as_dict():
    a = Login("txwd", "jdoe", "secret")
    b = a.replace(note="n")
    assert (a.note, b.note, b.login) == (None, "n", "jdoe")
    assert b.as_dict() == {"court": "txwd", "login": "jdoe", "password": "secret", "tags": [], "note": "n"}


@pytest.mark.parametrize(
    "args, kwargs",
    [((), {"court": "txwd"}), (("a", "b", "c", [], None, "extra"), {}), (("a",), {"court": "b"}), ((), {"x": 1})],
)
def test_wrong_arguments_are_refused(args, kwargs):
    with pytest.raises(TypeError):
        Login(*args, **kwargs)


def test_a_mutable_record_changes_and_is_not_hashable():
    c = Counter()
    c.count += 1
    assert c == Counter(1)
    with pytest.raises(TypeError):
        hash(c)


def test_every_field_named_in_any_order_makes_the_same_record():
    a = Login(note=None, tags=["t"], password="s", login="j", court="c")  # the quick way: every field named
    assert a == Login("c", "j", "s", ["t"], None) and hash(Point(y=2, x=1)) == hash(Point(1, 2))
    assert list(a.as_dict()) == ["court", "login", "password", "tags", "note"]
    assert repr(a) == "Login(court='c', login='j', tags=['t'], note=None)"
    with pytest.raises(AttributeError):
        a.court = "other"  # type: ignore[misc]
