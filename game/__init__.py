"""stars-gossip: a terminal text adventure on the space station of "When the Stars Gossip"."""

__version__ = "0.1.0"
