"""Graph passes over an explored state space: which states can still reach an ending.

The explored graph is stored as integer arrays (``offsets``/``edges``, compressed rows), so
these passes are plain loops over machine integers with no engine calls.
"""

from __future__ import annotations

from array import array
from itertools import chain, repeat

from game.analysis.explore import Exploration


def reverse_edges(offsets: array[int], edges: array[int], count: int) -> tuple[array[int], array[int]]:
    """The predecessor lists of ``count`` states, in the same compressed-row form.

    ``offsets`` covers the expanded states only; states past them have no successors.
    """
    starts = [0] * (count + 1)
    for target in edges:
        starts[target + 1] += 1
    total = 0
    for i in range(count + 1):
        total += starts[i]
        starts[i] = total
    fill = starts[:]
    preds = array("i", bytes(4 * len(edges)))
    expanded = len(offsets) - 1
    # Each edge's source, in edge order, without a Python loop per state.
    sources = chain.from_iterable(map(repeat, range(expanded), (offsets[i + 1] - offsets[i] for i in range(expanded))))
    for target, source in zip(edges, sources, strict=True):
        at = fill[target]
        preds[at] = source
        fill[target] = at + 1
    return array("i", starts), preds


def can_finish(exploration: Exploration) -> bytearray:
    """``result[i]`` is 1 when some ending is reachable from state ``i``.

    A backward breadth-first pass from every ending state over the reversed graph. States where
    the story hits a run-time fault count as finished here: the fault is reported on its own,
    and the states that lead only into it are not soft-locks the writer could fix elsewhere.
    """
    count = exploration.state_count
    scenes = exploration.story.scenes
    done = bytearray(count)
    queue: list[int] = []
    packing = exploration.packing
    endings = {packing.scene_index[sid] for sid, scene in scenes.items() if scene.ending is not None}
    mask = packing.scene_mask
    for i, packed in enumerate(exploration.states):
        if packed & mask in endings:
            done[i] = 1
            queue.append(i)
    for i in exploration.faulted_states:
        if not done[i]:
            done[i] = 1
            queue.append(i)
    starts, preds = reverse_edges(exploration.offsets, exploration.edges, count)
    head = 0
    while head < len(queue):
        target = queue[head]
        head += 1
        for source in preds[starts[target] : starts[target + 1]]:
            if not done[source]:
                done[source] = 1
                queue.append(source)
    return done
