"""``python -m game.tui``: the game of one browser page that ``stars-gossip serve`` opens."""

from game.tui.serve import main

raise SystemExit(main())
