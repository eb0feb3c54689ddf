"""What a story's expressions may refer to: its declared variables and the scenes whose visits
are counted, with the results already compiled for it.

One ``Schema`` serves a whole story: the loader fills it with the declared variables, the
compiler (``game.engine.compiler``) registers every scene an expression counts visits of, and
``game.engine.expr`` keeps there each source text's compiled result so a condition repeated
across scenes is compiled once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.errors import ExprProblem
from game.engine.model import Effect, Expression, Variable
from game.engine.wording import did_you_mean


@dataclass
class Schema:
    """What expressions may refer to: the declared variables, and the visit counters.

    Compiling an expression that asks about a scene's visits registers that scene in
    ``visit_caps`` (its index in the state's visit tuple is its position there), with the
    largest count the expression can tell apart. Only ``visit_slot`` adds to ``visit_caps``.
    """

    variables: dict[str, tuple[int, Variable]]
    visit_caps: dict[str, int] = field(default_factory=dict)
    failed: frozenset[str] = frozenset()
    """Names whose declaration was reported as broken: using one is no new problem."""
    # Stories repeat the same conditions and effects many times; position-free results
    # are compiled once per source text.
    compiled: dict[tuple[str, str], Expression | ExprProblem] = field(default_factory=dict)
    effects: dict[str, tuple[Effect, int] | ExprProblem] = field(default_factory=dict)
    slots: dict[str, int] = field(default_factory=dict)
    """Each counted scene's position in ``visit_caps``, so finding it costs no scan."""

    @classmethod
    def of(cls, variables: tuple[Variable, ...] | list[Variable], failed: frozenset[str] = frozenset()) -> Schema:
        return cls({v.name: (i, v) for i, v in enumerate(variables)}, failed=failed)

    def visit_slot(self, scene: str, cap: int) -> int:
        """Count ``scene``'s visits up to at least ``cap``; returns its slot in the visit tuple."""
        slot = self.slots.get(scene)
        if slot is None:
            slot = self.slots[scene] = len(self.visit_caps)
            self.visit_caps[scene] = cap
        elif cap > self.visit_caps[scene]:
            self.visit_caps[scene] = cap
        return slot

    def undeclared(self, name: str) -> str:
        """Why ``name`` cannot be used, with the likeliest fix: quoting an enum value, a close
        declared name, or declaring it."""
        hint = ""
        for _, var in self.variables.values():
            if var.type.kind == "enum" and name in var.type.names:
                hint = f" ('{name}' is a value of {var.name}: quote it as '{name}')"
                break
        hint = hint or did_you_mean(name, self.variables)
        return f"'{name}' is not a declared variable{hint}; declare it under 'variables:' in story.yaml"
