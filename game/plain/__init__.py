"""The line-mode front end: numbered choices on stdin, text on stdout.

For screen readers, pipes and scripted replays. It drives the same engine as the Textual UI
and shows writer text exactly as written. With a save folder it keeps the run as the full-screen
game does: an autosave after every choice, ``save``/``load``/``saves`` commands, and the
endings found remembered for next time.

``PlainGame`` (``game.plain.play``) runs the prompt loop; ``game.plain.page`` lays out what is
shown, ``game.plain.prompt`` reads what is typed, ``game.plain.saving`` keeps what is saved.
"""

from game.plain.play import PlainGame

__all__ = ["PlainGame"]
