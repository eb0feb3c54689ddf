"""Graph passes over an explored state space: which states can still reach an ending.

The explored graph is stored as integer arrays (the parent pointers and the other moves as
links, see ``Exploration``), so these passes are plain loops over machine integers with no
engine calls.
"""

from __future__ import annotations

from game.analysis.explore import Exploration


def can_finish(exploration: Exploration) -> bytearray:
    """``result[i]`` is 1 when some ending is reachable from state ``i``.

    A backward breadth-first pass from every ending state over the reversed graph: a state's
    predecessors are its parent and the sources of the links into it (its two link slots,
    then the further links). States where the story hits a run-time fault count as finished
    here: the fault is reported on its own, and the states that lead only into it are not
    soft-locks the writer could fix elsewhere.
    """
    count = exploration.state_count
    done = bytearray(count + 1)
    done[count] = 1  # what the start's parent pointer (-1) reads: nothing to mark there
    queue: list[int] = exploration.ending_states.tolist()  # noted by the search, in order
    for i in queue:
        done[i] = 1
    for i in exploration.faulted_states:
        if not done[i]:
            done[i] = 1
            queue.append(i)
    further = exploration.further  # the sources of the links past a state's two slots
    parent, first, second, push = exploration.parent, exploration.first_link, exploration.second_link, queue.append
    for target in queue:  # the queue grows as it is read: a breadth-first pass
        source = parent[target]
        if not done[source]:
            done[source] = 1
            push(source)
        source = first[target]
        if source < 0:
            continue  # most states have no link into them
        if not done[source]:
            done[source] = 1
            push(source)
        source = second[target]
        if source < 0:
            continue
        if not done[source]:
            done[source] = 1
            push(source)
        for source in further.get(target, ()):
            if not done[source]:
                done[source] = 1
                push(source)
    del done[count]
    return done
