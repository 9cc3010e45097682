"""Front-matter models that share what many standards write alike.

A handbook of thousands of standards repeats itself: the same channel, stage and metric ids,
units and owners, and whole metrics in every regional copy of a standard. The models of the
facts a check keeps (:mod:`stdlint.parse.facts`) share them:

- strings are interned;
- the set of field names pydantic keeps with every instance (700 bytes for a standard's 17
  fields) is one set for all the models that have the same, and the instance dictionary
  shares its keys with the other instances of its class;
- a title, written once in a handbook, is not interned (``own_strings``);
- a model made only of values that cannot change (a metric, its zones) is one instance for
  all the standards that write it alike.

The same sharing happens when a model is unpickled (from a worker or the cache): a model
pickles as its class, its field names and its values (:func:`rebuilt`), its inner models first,
so a model written alike is found by its values without building it again.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Callable, Mapping
from datetime import date
from enum import Enum
from typing import Any, TypeVar

from pydantic import BaseModel

from stdlint.parse.values import Interval

_Model = TypeVar("_Model", bound=BaseModel)

# One set of field names for all the models that have the same; pydantic never changes a
# frozen model's.
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}

# The shared models, by what tells them apart (:func:`_key`), and the key of each by its id.
# Kept while the process lives, so bounded: a long-lived one (the MkDocs server) checks again
# and again. Both are emptied together; an id is looked up only while its model is kept.
_MODELS_KEPT = 4096
_MODELS: dict[object, BaseModel] = {}
_KEYS: dict[int, object] = {}
_UNCHANGING = (str, int, float, type(None), Enum, date)
# Whether the models of a class may be shared whole: frozen, and not a class that says it is
# each standard's own (``shared_whole = False``). Asked once a class: pydantic's metaclass is
# slow to tell a class attribute missing.
_WHOLE: dict[type[BaseModel], bool] = {}
# The tuples of strings (lists of ids: channels, stages) that models hold, one of each; kept
# while the process lives, so bounded likewise. Exact strings only: a tuple equal to another
# is then the same, item for item.
_TUPLES_KEPT = 4096
_TUPLES: dict[tuple[str, ...], tuple[str, ...]] = {}
# The mappings of plain values (what handbook-wide rules gather from a standard), one of each
# (:func:`shared_mapping`); bounded likewise.
_MAPPINGS_KEPT = 4096
_MAPPINGS: dict[str, dict[str, object]] = {}
# The tuples of plain values in those mappings, one of each (:func:`_shared_plain`); likewise.
_PLAIN_KEPT = 4096
_PLAIN: dict[str, tuple[Any, ...]] = {}
# Dates and intervals, one object of each value (:func:`_alike`): many standards are approved
# and reviewed together, on the same schedule. Bounded likewise.
_VALUES_KEPT = 4096
_VALUES: dict[tuple[type, object], object] = {}
# The field names of each model class met (:func:`_fields`).
_FIELDS: dict[type[BaseModel], tuple[tuple[str, ...], frozenset[str], tuple[bool, ...]]] = {}


def shared(model: _Model) -> _Model:
    """An equal model whose strings are interned (but those of fields its class names as its
    own, ``own_strings``) and whose set of field names is shared; the model itself is shared
    when it cannot change."""
    cls = type(model)
    values = tuple(
        value if own else _shared_value(value)
        for value, own in zip(model.__dict__.values(), _fields(cls)[2], strict=True)
    )
    return _built(cls, frozenset(model.model_fields_set), values, None)


def rebuilt(cls: type[_Model], names: tuple[str, ...], values: tuple[Any, ...]) -> _Model:
    """The model of a pickle (see :func:`reduced`), shared as :func:`shared` does."""
    fields = _FIELDS.get(cls)  # only classes known to be models are there
    if fields is None:
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)):
            raise pickle.UnpicklingError(f"{cls!r} is not a model")
        fields = _fields(cls)
    written = frozenset(names)
    if len(values) != len(fields[0]) or not written <= fields[1]:
        raise pickle.UnpicklingError(f"a {cls.__name__} of other fields")
    # Its inner models were unpickled (and shared) before it; its strings are interned only
    # when it is built, not when one written alike is found.
    return _built(cls, written, values, _interned)


# It builds a model of its class from its pickled values and nothing else: the cache's
# unpickler, which builds no function's result otherwise, may call it.
rebuilt.stdlint_reconstructor = True  # type: ignore[attr-defined]


def reduced(model: BaseModel) -> tuple[Any, tuple[object, ...]]:
    """What ``model.__reduce__`` returns to be unpickled by :func:`rebuilt`: its class, the
    names of the fields set, and its values in the order of its fields (no extra, no private
    attributes: the models this is for forbid both)."""
    return rebuilt, (
        type(model),
        tuple(sorted(model.model_fields_set)),
        tuple(model.__dict__[name] for name in type(model).model_fields),
    )


def _built(
    cls: type[_Model],
    names: frozenset[str],
    values: tuple[Any, ...],
    interned: Callable[[Any], Any] | None,
) -> _Model:
    key = _key(cls, names, values)
    if key is not None:
        found = _MODELS.get(key)
        if found is not None:
            assert isinstance(found, cls)
            return found
    if interned is not None:
        own = _fields(cls)[2]
        values = tuple(
            value if mine else interned(value) for value, mine in zip(values, own, strict=True)
        )
    model = cls.__new__(cls)
    setattr_ = object.__setattr__
    # Filled in place, not assigned: the instance dictionary CPython makes for the model shares
    # its keys with the class's other instances (224 bytes for a standard's 19 fields, where a
    # dictionary of its own takes 464), as long as the keys come in the same order.
    model.__dict__.update(zip(_fields(cls)[0], values, strict=True))
    fields_set = _FIELDS_SETS.get(names)
    if fields_set is None:
        fields_set = _FIELDS_SETS[names] = set(names)
    setattr_(model, "__pydantic_fields_set__", fields_set)
    setattr_(model, "__pydantic_extra__", None)
    setattr_(model, "__pydantic_private__", None)
    if key is not None:
        if len(_MODELS) >= _MODELS_KEPT:
            _MODELS.clear()
            _KEYS.clear()
        _MODELS[key] = model
        _KEYS[id(model)] = key
    return model


def _key(cls: type[BaseModel], names: frozenset[str], values: tuple[Any, ...]) -> object:
    """What tells a frozen model of unchanging values from any other, exactly: the type of each
    value and, for a number, its repr (20 and 20.0, 0.0 and -0.0 differ); an inner model by its
    own key. None for a model that can change, or holds one that is not shared."""
    whole = _WHOLE.get(cls)
    if whole is None:
        frozen = bool(cls.model_config.get("frozen"))
        whole = _WHOLE[cls] = frozen and bool(getattr(cls, "shared_whole", True))
    if not whole:
        return None
    parts: list[object] = [cls, names]
    for value in values:
        kind = type(value)
        if kind is str or kind is int or kind is bool or value is None:  # the most, first
            parts.append((kind, value))
        elif kind is tuple:
            if not all(type(item) is str for item in value):
                return None  # a tuple of models, say: a model that holds one is not shared
            parts.append((tuple, value))
        elif isinstance(value, BaseModel):
            inner = _KEYS.get(id(value))
            if inner is None:
                return None
            parts.append(inner)
        elif isinstance(value, float):
            parts.append((float, repr(value)))
        elif isinstance(value, _UNCHANGING):
            parts.append((type(value), value))
        else:
            return None
    return tuple(parts)


def _fields(cls: type[BaseModel]) -> tuple[tuple[str, ...], frozenset[str], tuple[bool, ...]]:
    """The names of a model class's fields, in order and as a set (pydantic's
    ``model_fields`` is a property that builds its answer anew), and whether each is one whose
    strings are each model's own, not interned (the class's ``own_strings``)."""
    found = _FIELDS.get(cls)
    if found is None:
        names = tuple(cls.model_fields)
        own = frozenset(getattr(cls, "own_strings", ()))
        found = _FIELDS[cls] = (names, frozenset(names), tuple(name in own for name in names))
    return found


def _interned(value: Any) -> Any:
    # Exactly str: a StrEnum member (Lang, Status) is shared already, and must stay itself.
    kind = type(value)
    if kind is str:
        return _intern(value)
    if kind is tuple and value:  # of ids mostly (of models unpickled already, else)
        return _shared_tuple(value)
    if kind is date or kind is Interval:
        return _alike(value)
    return value


_intern = sys.intern


def _shared_value(value: Any) -> Any:
    # Exactly str: a StrEnum member (Lang, Status) is shared already, and must stay itself.
    if type(value) is str:
        return sys.intern(value)
    if type(value) is tuple and value:
        return _shared_tuple(tuple(_shared_value(item) for item in value))
    if isinstance(value, BaseModel) and id(value) not in _KEYS:
        return shared(value)
    if type(value) is date or type(value) is Interval:
        return _alike(value)
    return value


def _alike(value: Any) -> Any:
    """One object for every equal date, or interval, of exactly its type (they cannot change)."""
    return _kept(_VALUES, (type(value), value), value, _VALUES_KEPT)


def _shared_tuple(items: tuple[Any, ...]) -> tuple[Any, ...]:
    """``items`` with its strings interned; one tuple for all that list the same strings."""
    if not all(type(item) is str for item in items):
        return items
    items = tuple(map(_intern, items))
    return _kept(_TUPLES, items, items, _TUPLES_KEPT)


_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


def _kept(memo: dict[_Key, _Value], key: _Key, value: _Value, most: int) -> _Value:
    """What ``memo`` keeps under ``key``, or else ``value``, kept now; a memo that holds
    ``most`` is emptied first (it lives as long as the process)."""
    found = memo.get(key)
    if found is None:
        if len(memo) >= most:
            memo.clear()
        found = memo[key] = value
    return found


def shared_mapping(mapping: Mapping[str, object]) -> Mapping[str, object]:
    """One dict for all the mappings of exactly the same plain values (strings, numbers, and
    tuples of them), such as the bounds a handbook-wide rule gathers from standards written
    alike; a dict of its own for any other mapping (never ``mapping`` itself), and what is no
    mapping (an unpickled value of the wrong shape) as it is. The dict is only read: facts
    hold it."""
    if not isinstance(mapping, Mapping):
        return mapping
    if not all(type(name) is str and _plain(value) for name, value in mapping.items()):
        return dict(mapping)
    # The repr of plain values tells them apart exactly (20 and 20.0, 0.0 and -0.0 differ),
    # and takes less to keep than the values' types would.
    key = repr(mapping)
    found = _MAPPINGS.get(key)
    if found is None:
        own = {_intern(name): _shared_plain(value) for name, value in mapping.items()}
        found = _kept(_MAPPINGS, key, own, _MAPPINGS_KEPT)
    return found


def _shared_plain(value: Any) -> Any:
    """A plain value (see :func:`_plain`) whose tuples are each one object for all the equal
    ones (a bound such as ``(15.0, "minute")`` is gathered from many standards that differ
    otherwise), and whose strings are interned."""
    kind = type(value)
    if kind is str:
        return _intern(value)
    if kind is not tuple or not value:
        return value
    items = tuple(map(_shared_plain, value))
    return _kept(_PLAIN, repr(items), items, _PLAIN_KEPT)


def _plain(value: object) -> bool:
    kind = type(value)
    if kind is tuple:
        assert isinstance(value, tuple)
        return all(map(_plain, value))
    return kind is str or kind is float or kind is int or kind is bool or value is None


__all__ = ["rebuilt", "reduced", "shared", "shared_mapping"]
