"""A choice the player took, as a run's path keeps it: what saves write and replays retake.

Its own module, light on purpose: reading a save needs it, and not the rest of a playthrough.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Pick:
    """A choice the player took: its stable id, and which outcome fell when it is random
    (``outcome`` is None for a choice with one outcome)."""

    choice: str
    outcome: int | None = None

    def __str__(self) -> str:
        return self.choice if self.outcome is None else f"{self.choice} (outcome {self.outcome + 1})"
