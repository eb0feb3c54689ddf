"""Frozen values that are quick to build: the story model's nodes are made by the hundred thousand.

A frozen dataclass's generated ``__init__`` stores each field through ``object.__setattr__``
(looked up and called once a field), which makes building a large story's model cost a
third more than the values themselves. ``quick_init`` gives a frozen, slotted dataclass an
``__init__`` that stores each field through its slot directly: the same signature and
defaults, the same value, still frozen afterwards.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def quick_init(cls: type[T]) -> type[T]:
    """Give the frozen, slotted dataclass ``cls`` an ``__init__`` that stores its fields through
    their slots. Only plain fields (with or without a default) are supported; anything else
    (a default factory, ``init=False``, ``__post_init__``, keyword-only fields) is refused."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not a frozen, slotted dataclass")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has __post_init__, which quick_init would skip")
    namespace: dict[str, Any] = {}
    params_text: list[str] = []
    body: list[str] = []
    for i, item in enumerate(dataclasses.fields(cls)):  # type: ignore[arg-type]
        if not item.init or item.kw_only or item.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{item.name} is not a plain field")
        namespace[f"_set{i}"] = getattr(cls, item.name).__set__
        if item.default is dataclasses.MISSING:
            params_text.append(item.name)
        else:
            namespace[f"_default{i}"] = item.default
            params_text.append(f"{item.name}=_default{i}")
        body.append(f"    _set{i}(self, {item.name})")
    source = f"def __init__(self, {', '.join(params_text)}):\n" + "\n".join(body or ["    pass"]) + "\n"
    exec(source, namespace)  # as dataclasses itself builds __init__: names are fields, never input
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[method-assign]
    return cls
