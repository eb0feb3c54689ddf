"""The game's screens: one module per screen, dialogs are typed ``ModalScreen[T]``."""
