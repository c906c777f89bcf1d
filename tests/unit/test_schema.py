"""schema.py, the host's message checks: exact types, bounds, unknown fields refused, frozen, and
errors that name the field and the reason but never the value."""

import pytest

from ecflink.schema import Invalid, Model, boolean, dict_of, field, integer, list_of, nested, one_of, optional, text


class Inner(Model):
    name: str = field(text(8, min_length=1, pattern=r"[a-z]+"))


class Sample(Model):
    kind: str = field(one_of("a", "b"))
    count: int = field(integer(0, 10), default=0)
    flag: bool | None = field(optional(boolean()), default=None)
    names: list[str] = field(list_of(text(4), 2), default=[])
    counts: dict[str, int] = field(dict_of(text(8, min_length=1), integer(0, 5), 2), default={})
    inner: Inner | None = field(optional(nested(Inner)), default=None)
    secret: str = field(text(64), default="", repr=False)


def test_a_valid_message_keeps_its_values_and_dumps_as_json_data():
    sample = Sample.validate({"kind": "a", "count": 3, "names": ["x"], "counts": {"k": 1}, "inner": {"name": "ok"}})
    assert (sample.kind, sample.count, sample.names, sample.counts, sample.inner) == (
        "a",
        3,
        ["x"],
        {"k": 1},
        Inner(name="ok"),
    )
    assert sample.model_dump() == {
        "kind": "a",
        "count": 3,
        "flag": None,
        "names": ["x"],
        "counts": {"k": 1},
        "inner": {"name": "ok"},
        "secret": "",
    }


@pytest.mark.parametrize(
    "raw, where",
    [
        ({"kind": "c"}, "kind"),  # not one of the values
        ({"kind": "a", "count": "3"}, "count"),  # no coercion
        ({"kind": "a", "count": True}, "count"),  # a bool is not an integer
        ({"kind": "a", "count": 11}, "count"),
        ({"kind": "a", "count": 1.0}, "count"),
        ({"kind": "a", "flag": 1}, "flag"),
        ({"kind": "a", "names": ["x", "y", "z"]}, "names"),
        ({"kind": "a", "names": ["toolong"]}, "names.0"),
        ({"kind": "a", "names": "x"}, "names"),
        ({"kind": "a", "counts": {"k": 9}}, "counts.k"),
        ({"kind": "a", "counts": {"": 1}}, "counts key"),
        ({"kind": "a", "inner": {"name": "UP"}}, "inner.name"),
        ({"kind": "a", "inner": {"name": "ok", "x": 1}}, "inner.x"),
        ({"kind": "a", "extra": 1}, "extra"),
        ({}, "kind"),
    ],
)
def test_what_is_refused_and_where(raw, where):
    with pytest.raises(Invalid) as refused:
        Sample.validate(raw)
    assert where in [place for place, _ in refused.value.problems]


def test_every_problem_is_listed_and_no_value_is_quoted():
    secret = "Hunter2-" * 20
    with pytest.raises(Invalid) as refused:
        Sample.validate({"kind": secret, "count": secret, "secret": secret + "x" * 64, "z" * 100: secret})
    assert len(refused.value.problems) == 4
    assert "Hunter2" not in str(refused.value)
    assert ("z" * 40, "is not a field of this message") in refused.value.problems  # a name, cut short


def test_instances_are_frozen_defaults_are_not_shared_and_repr_hides_secrets():
    one, two = Sample(kind="a", secret="pw-123"), Sample(kind="b")
    with pytest.raises(AttributeError):
        one.count = 2  # type: ignore[misc]
    one.names.append("x")
    assert two.names == []
    assert "pw-123" not in repr(one) and "kind='a'" in repr(one)
    assert Sample(kind="a") == Sample(kind="a") != Sample(kind="b")
