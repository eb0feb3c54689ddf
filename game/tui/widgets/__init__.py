"""Reusable widgets of the game, each with its own ``DEFAULT_CSS``."""
