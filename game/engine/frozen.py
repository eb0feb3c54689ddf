"""Frozen values that are quick to build: the story model's nodes are made by the hundred thousand.

A frozen dataclass's generated ``__init__`` stores each field through ``object.__setattr__``
(looked up and called once a field), which makes building a large story's model cost a
third more than the values themselves. ``quick_init`` gives a frozen, slotted dataclass an
``__init__`` that stores each field through its slot directly: the same signature and
defaults, the same value, still frozen afterwards.

It also gives the class ``build``, taking the same arguments, for the paths that make the
model of a whole story (compiling scenes, expressions and texts): a plain class with the
same slots, whose ``__init__`` stores each field with Python's own slot store (which a
frozen class refuses) and then turns the object into an instance of the frozen class, which
Python allows between classes whose slots are laid out alike. A ``SourcePos``
costs about 40% less that way than through ``__init__``, and compiling the scenes of a
10,000-scene story about a fifth less (measured on Python 3.11).
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def quick_init(cls: type[T]) -> type[T]:
    """Give the frozen, slotted dataclass ``cls`` an ``__init__`` that stores its fields through
    their slots, and a quicker way still to make one: ``cls.build``, which takes the same
    arguments. Only plain fields (with or without a default) are supported; anything else (a
    default factory, ``init=False``, ``__post_init__``, keyword-only fields, a base class, a
    weakref slot, a field named ``build`` or starting with '_') is refused."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not a frozen, slotted dataclass")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has __post_init__, which quick_init would skip")
    if cls.__bases__ != (object,):
        raise TypeError(f"{cls.__name__} has a base class, whose slots quick_init would not know")
    if "__weakref__" in cls.__dict__["__slots__"]:
        # Python 3.11 refuses the builder's change of class when a weakref slot is added.
        raise TypeError(f"{cls.__name__} has a weakref slot, which its builder could not lay out alike")
    namespace: dict[str, Any] = {"_cls": cls}
    params_text: list[str] = []
    body: list[str] = []
    build_body: list[str] = []
    for i, item in enumerate(dataclasses.fields(cls)):  # type: ignore[arg-type]
        if not item.init or item.kw_only or item.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{item.name} is not a plain field")
        if item.name == "build" or item.name.startswith("_"):
            # 'build' is the builder's own name; the generated code's names start with '_'.
            raise TypeError(f"{cls.__name__}.{item.name}: quick_init needs a field name other than this")
        namespace[f"_set{i}"] = getattr(cls, item.name).__set__
        if item.default is dataclasses.MISSING:
            params_text.append(item.name)
        else:
            namespace[f"_default{i}"] = item.default
            params_text.append(f"{item.name}=_default{i}")
        body.append(f"    _set{i}(self, {item.name})")
        build_body.append(f"    self.{item.name} = {item.name}")
    signature = ", ".join(params_text)
    source = f"def __init__(self, {signature}):\n" + "\n".join(body or ["    pass"]) + "\n"
    # The builder: a plain class with the same slots, so its __init__ stores each field with
    # Python's own quick slot store (a frozen class refuses that store), then makes the object
    # an instance of ``cls``; Python allows the change because the two lay out their slots alike.
    source += f"def build(self, {signature}):\n" + "\n".join(build_body) + "\n    self.__class__ = _cls\n"
    exec(source, namespace)  # as dataclasses itself builds __init__: names are fields, never input
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[method-assign]
    build = namespace["build"]
    build.__name__, build.__qualname__ = "__init__", f"{cls.__qualname__}Builder.__init__"
    slots = cls.__dict__["__slots__"]
    builder = type(f"{cls.__name__}Builder", (), {"__slots__": slots, "__init__": build, "__module__": cls.__module__})
    builder.__doc__ = f"Makes a {cls.__name__} (not itself one): ``{cls.__name__}.build(...)``."
    cls.build = builder  # type: ignore[attr-defined]
    return cls
