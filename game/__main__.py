"""``python -m game`` is the ``stars-gossip`` command."""

from game.cli import main

raise SystemExit(main())
