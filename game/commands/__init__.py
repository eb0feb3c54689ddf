"""What the ``stars-gossip`` commands do, apart from parsing their arguments (``game/cli.py``).

Writer tools: which story a command works on, ``check`` and its reports, ``map``, ``routes``,
``schema`` and ``new``. Nothing here imports the Textual UI.
"""
