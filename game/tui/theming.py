"""The game's themes: a high-contrast one of its own, only themes whose body text is readable
(WCAG AA, 4.5:1) on every surface the game draws it on, and a theme picked anywhere (the
settings dialog or the command palette) remembered for next time."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.color import Color
from textual.theme import Theme

if TYPE_CHECKING:
    from game.tui.gameapp import GameApp

HIGH_CONTRAST = Theme(
    name="high-contrast",
    primary="#FFD700",
    secondary="#00FFFF",
    accent="#FFD700",
    warning="#FFD700",
    error="#FF6B6B",
    success="#7CFC00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#333333",
    dark=True,
    variables={
        "text-muted": "#E0E0E0",
        "block-cursor-background": "#FFD700",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "border": "#FFFFFF",
        "footer-key-foreground": "#FFD700",
    },
)
"""White on black, yellow for what has the focus: the most contrast a terminal can give."""

OFFERED = (
    "textual-dark",
    "high-contrast",
    "catppuccin-frappe",
    "catppuccin-macchiato",
    "catppuccin-mocha",
    "dracula",
    "flexoki",
    "gruvbox",
    "monokai",
    "nord",
    "rose-pine",
    "rose-pine-dawn",
    "rose-pine-moon",
)
"""The themes the game offers: each passes the contrast test (tests/tui/test_theming.py).

Left out: Textual's themes where some body text falls under 4.5:1 whatever its muted text
(the foreground on panels, or accents on the background), and the ANSI themes, whose
colours are the terminal's own and cannot be measured."""

TUNED: dict[str, dict[str, str]] = {
    "textual-dark": {"block-cursor-foreground": "auto 100%"},
    "catppuccin-frappe": {"text-muted": "auto 80%"},
    "catppuccin-macchiato": {"text-muted": "auto 70%"},
    "catppuccin-mocha": {"text-muted": "auto 70%"},
    "gruvbox": {"block-cursor-foreground": "auto 70%", "text-muted": "auto 70%"},
    "nord": {"text-muted": "auto 70%"},
}
"""Textual's themes with their muted text or highlighted choice made just opaque enough to
pass: the least change that keeps each theme's look."""

AA_BODY_TEXT = 4.5
"""WCAG 2 level AA: the least contrast ratio for body text."""

BODY_TEXT = (
    ("foreground", "background"),  # the transcript
    ("foreground", "surface"),  # the sidebar
    ("foreground", "panel"),  # dialogs: help, settings, confirmations
    ("text-accent", "background"),  # the title art, headings
    ("text-accent", "panel"),  # dialog titles
    ("text-muted", "panel"),  # notes in dialogs
    ("block-cursor-foreground", "block-cursor-background"),  # the highlighted choice
)
"""(text, background) variables of every pair the game sets body text in."""


def luminance(color: Color) -> float:
    """WCAG relative luminance of an opaque colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast_ratio(first: Color, second: Color) -> float:
    """WCAG contrast ratio between two opaque colours, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def resolve(value: str, under: Color) -> Color:
    """A theme variable's colour as drawn over ``under``: ``auto N%`` is Textual's contrasting
    text at that opacity, and a translucent colour is blended into what is under it."""
    parts = value.split()
    if parts and parts[0] == "auto":
        alpha = float(parts[1].rstrip("%")) / 100 if len(parts) > 1 else 0.95
        color = under.get_contrast_text(alpha)
    else:
        color = Color.parse(value)
    return under.blend(color.with_alpha(1.0), color.a) if color.a < 1 else color


def body_text_contrasts(theme: Theme) -> list[tuple[str, str, float]]:
    """Each body-text pair of ``theme`` with its contrast ratio, as drawn."""
    variables = theme.to_color_system().generate() | theme.variables
    screen = Color.parse(variables["background"])
    ratios = []
    for text, ground in BODY_TEXT:
        background = resolve(variables[ground], screen)
        ratios.append((text, ground, contrast_ratio(resolve(variables[text], background), background)))
    return ratios


def install_themes(app: GameApp) -> None:
    """Register the high-contrast theme and the tuned ones, and withdraw the themes not offered
    (before the app first styles itself)."""
    app.register_theme(HIGH_CONTRAST)
    for name, theme in list(app.available_themes.items()):
        if name not in OFFERED:
            app.unregister_theme(name)
        elif name in TUNED:
            app.register_theme(replace(theme, variables=theme.variables | TUNED[name]))


def remember_themes(app: GameApp) -> None:
    """From now on, keep a theme picked outside the settings dialog (the command palette's
    "Theme"); the dialog saves its own on Save."""
    app.theme_changed_signal.subscribe(app, lambda theme: remember_theme(app, theme))


def remember_theme(app: GameApp, theme: Theme) -> None:
    """Keep ``theme`` in the settings file, unless the settings dialog is previewing it."""
    from game.tui.screens.settings import SettingsScreen  # lazy: kept off the start-up path
    from game.tui.settings import save_settings

    if theme.name != app.theme:  # a change already undone (a preview, then Cancel at once)
        return
    if theme.name == app.settings.theme or any(isinstance(s, SettingsScreen) for s in app.screen_stack):
        return
    app.settings = replace(app.settings, theme=theme.name)
    try:
        save_settings(app.settings)
    except OSError as problem:
        app.notify(f"The theme applies now but could not be saved: {problem}", severity="warning", markup=False)
