"""Stories written for the benchmarks, in the real YAML format.

- ``write_flag_story``: the checker's stress case. Scenes in a ring with shortcuts and
  backsteps; every scene reads and writes some of 8 flags, every flag is read somewhere, so
  the reduction can merge nothing and every (scene, flags) combination counts.
  ``flag_rules`` gives the same rules as plain bit operations, for a bare breadth-first
  search over (scene, flags) packed in one int: the floor any checker in Python could reach.
- ``write_realistic_story``: shaped like ours. Days in acts; each day a hub with 8 places
  (modules of the station) of which the player spends the day in one; 5 trust meters 0..5; items; a
  mission counter; flags set early and read at the end; echo flags set in one scene, read in
  the next and never reset; the text reads everything. With ``acts_resolve``, each act ends
  as a long story's acts do: its meters (Eve's trust, suspicion) turn into what the rest of
  the story remembers (an ally or not, flagged or not) and start again, and borrowed items go
  back, so the states grow with the number of days, not with every act's meters multiplied.
"""

from __future__ import annotations

from pathlib import Path

SCENES_PER_FILE = 200
FLAGS = 8


def _manifest(directory: Path, variables: list[str], endings: dict[str, str], start: str = "s0") -> None:
    directory.mkdir(parents=True, exist_ok=True)
    text = ["id: bench", "title: Benchmark", f"start: {start}", "variables:", *(f"  {v}" for v in variables)]
    text += ["endings:", *(f"  {k}: {v}" for k, v in endings.items())]
    (directory / "story.yaml").write_text("\n".join(text) + "\n", encoding="utf-8")


def _parts(directory: Path, lines_per_scene: list[list[str]]) -> None:
    for first in range(0, len(lines_per_scene), SCENES_PER_FILE):
        chunk = [line for scene in lines_per_scene[first : first + SCENES_PER_FILE] for line in scene]
        (directory / f"part{first // SCENES_PER_FILE:03d}.yaml").write_text("\n".join(chunk) + "\n", encoding="utf-8")


def flag_rules(i: int, scenes: int) -> list[tuple[int, int, int, int, int, int]]:
    """Scene ``i``'s choices as (condition mask, condition value, flip, set, clear, target)."""
    a, b, c, d = i % FLAGS, (i * 3 + 1) % FLAGS, (i * 5 + 2) % FLAGS, (i * 7 + 3) % FLAGS
    rules = [
        (0, 0, 1 << a, 0, 0, (i + 1) % scenes),  # onward, flipping f_a
        (1 << b, 1 << b, 0, 1 << c, 0, (i * 7 + 3) % scenes),  # if f_b: shortcut, setting f_c
        (1 << d, 0, 0, 0, 1 << b, (i - 1) % scenes),  # if not f_d: back, clearing f_b
    ]
    if i % 500 == 499:
        rules.append((0b11, 0b11, 0, 0, 0, scenes))  # if f0 and f1: dock (the ending)
    return rules


def write_flag_story(directory: Path, scenes: int) -> None:
    _manifest(directory, [f"f{k}: false" for k in range(FLAGS)], {"home": "Home"})
    written = []
    for i in range(scenes):
        a, b, c, d = i % FLAGS, (i * 3 + 1) % FLAGS, (i * 5 + 2) % FLAGS, (i * 7 + 3) % FLAGS
        lines = [
            f"- scene: s{i}",
            f"  text: Module {i}.",
            "  choices:",
            f"    - {{choice: Onward, do: f{a} = not f{a}, go: s{(i + 1) % scenes}}}",
            f"    - {{choice: Shortcut, if: f{b}, do: f{c} = true, go: s{(i * 7 + 3) % scenes}}}",
            f"    - {{choice: Back, if: not f{d}, do: f{b} = false, go: s{(i - 1) % scenes}}}",
        ]
        if i % 500 == 499:
            lines.append("    - {choice: Dock, if: f0 and f1, go: home}")
        written.append(lines)
    written.append(["- scene: home", "  ending: home", "  text: Home."])
    _parts(directory, written)


def bare_bfs(scenes: int) -> int:
    """Breadth-first search over (scene, flags) packed in one int, the rules as bit operations."""
    rules = [flag_rules(i, scenes) for i in range(scenes)]
    seen = {0}
    queue = [0]
    head = 0
    while head < len(queue):
        state = queue[head]
        head += 1
        scene, flags = state >> FLAGS, state & 0xFF
        if scene == scenes:
            continue
        for mask, value, flip, setting, clearing, target in rules[scene]:
            if flags & mask == value:
                after = target << FLAGS | (((flags ^ flip) | setting) & ~clearing)
                if after not in seen:
                    seen.add(after)
                    queue.append(after)
    return len(queue)


CREW = ("eve", "kangsoo", "mina", "seungjoon", "santi")
PLACES = ("lab", "galley", "cupola", "gym", "node", "cargo", "quarters", "airlock")


def write_realistic_story(directory: Path, scenes: int, acts_resolve: bool = False) -> None:
    """About ``scenes`` scenes: days of a hub, 8 places and an event, in acts of 5 days."""
    days = max(1, scenes // (len(PLACES) + 2))
    variables = [f"trust.{c}: {{type: int, min: 0, max: 5, overflow: clamp}}" for c in CREW]
    variables += ["keycard: false", "sample: false", "camera: false"]
    # In resolving acts, suspicion only has to reach what flags the player (3); the mission has 3 steps.
    steps = 3 if acts_resolve else 4
    variables += [f"mission: {{type: int, min: 0, max: {steps}}}"]
    variables += [f"suspicion: {{type: int, min: 0, max: {3 if acts_resolve else 5}, overflow: clamp}}"]
    variables += ["promised: false", "confessed: false"]  # set on the first day, read at the very end
    variables += ["ally: false", "flagged: false"] if acts_resolve else []  # what an act's meters come to
    variables += [f"echo.{p}: false" for p in PLACES]  # set in a place, answered the next morning, never reset
    endings = {"done": "Mission done", "caught": "Caught", "honest": "Honest"}
    _manifest(directory, variables, endings, start="d0.hub")
    written: list[list[str]] = []
    for day in range(days):
        hub, event = f"d{day}.hub", f"d{day}.event"
        nxt = f"d{day + 1}.hub" if day + 1 < days else "finale"
        morning = " ".join(f"{{if echo.{p}}}The {p} is still talked about.{{end}}" for p in PLACES[:3])
        lines = [
            f"- scene: {hub}",
            f'  text: "Day {day}. Trust with Eve is {{trust.eve}}. {morning}"',
            "  choices:",
        ]
        lines += [f"    - {{choice: Go to the {p}, go: d{day}.{p}}}" for p in PLACES]
        lines += [f"    - {{choice: Call it a day, go: {event}}}"]
        written.append(lines)
        for k, place in enumerate(PLACES):
            crew = CREW[(day + k) % len(CREW)]
            item = ("keycard", "sample", "camera")[(day + k) % 3]
            # Any item raises suspicion; in resolving acts, only the keycard (the others are harmless to borrow).
            risk = ", suspicion += 1" if item == "keycard" or not acts_resolve else ""
            written.append(
                [
                    f"- scene: d{day}.{place}",
                    f'  text: "The {place}. {crew.title()} looks up. Trust {{trust.{crew}}}."',
                    "  choices:",
                    f"    - {{say: Talk with {crew}, do: [trust.{crew} += 1, echo.{place} = true], go: {event}}}",
                    f"    - {{choice: Take the {item}, if: not {item}, do: [{item} = true{risk}], go: {event}}}",
                    f"    - {{choice: Back to the hub, go: {hub}}}",
                ]
            )
        work = f"    - {{choice: Work on the mission, if: mission < {steps} and keycard and sample, do: [mission += 1, keycard = false], go: {nxt}}}"
        first_day = "    - {choice: Promise the chairman, if: not promised, do: promised = true, go: " + nxt + "}"
        act_end = day % 5 == 4
        carry_on = f"    - {{choice: Carry on, go: {nxt}}}"
        if acts_resolve:
            # The keycard and the camera go back every night; at the end of an act its meters
            # resolve: Eve's trust makes her an ally or not, suspicion gets the player flagged or
            # not, and the sample goes back too.
            night = "keycard = false, camera = false"
            resolve = f"ally = trust.eve >= 2, flagged = suspicion >= 3, trust.eve = 0, suspicion = 0, sample = false, {night}"
            carry_on = f"    - {{choice: Carry on, do: [{resolve if act_end else night}], go: {nxt}}}"
            work = work.replace("keycard = false]", f"{resolve}]")
        written.append(
            [
                f"- scene: {event}",
                f'  text: "Night falls on day {day}."',
                "  choices:",
                carry_on,
                *([work] if act_end else []),  # the mission moves on at the end of each act
                *([first_day] if day == 0 else []),
            ]
        )
    written.append(
        [
            "- scene: finale",
            '  text: "The last day."',
            "  choices:",
            "    - {choice: Finish it, if: mission >= 1 and promised, go: done}",
            "    - {choice: Get caught, if: " + ("flagged or " if acts_resolve else "") + "suspicion >= 4, go: caught}",
            "    - {choice: Tell Eve everything, if: "
            + ("ally or " if acts_resolve else "")
            + "trust.eve >= 2 or not promised, do: confessed = true, go: honest}",
            "    - {choice: Keep quiet, go: honest}",
        ]
    )
    for ending in endings:
        written.append([f"- scene: {ending}", f"  ending: {ending}", "  text: The end."])
    _parts(directory, written)
