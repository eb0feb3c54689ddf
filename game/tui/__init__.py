"""The Textual front end: the only package that imports textual.

``launch.run_app`` is the entry point the CLI calls; screens live in ``screens/``, reusable
widgets (with their own ``DEFAULT_CSS``) in ``widgets/``, layout in ``app.tcss``.
"""
