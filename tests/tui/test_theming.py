"""The themes the game offers: body text readable (WCAG AA) in every one, a high-contrast one,
and nothing told by colour alone."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.pilot import Pilot

from game.tui.screens.settings import SettingsScreen
from game.tui.theming import AA_BODY_TEXT, BODY_TEXT, HIGH_CONTRAST, OFFERED, body_text_contrasts, contrast_ratio
from game.tui.widgets.toggles import MarkedCheckbox, MarkedRadioButton
from tests.tui.conftest import AppFactory, drive, screen_text, wait_for_story


def test_contrast_ratio_follows_the_wcag_formula() -> None:
    black, white = Color.parse("#000000"), Color.parse("#ffffff")
    assert contrast_ratio(black, white) == pytest.approx(21.0)
    assert contrast_ratio(white, white) == pytest.approx(1.0)
    assert contrast_ratio(Color.parse("#777777"), white) == pytest.approx(4.48, abs=0.01)  # just under AA


def test_every_body_text_pair_of_every_offered_theme_meets_aa(make_app: AppFactory) -> None:
    themes = make_app().available_themes
    assert set(themes) == set(OFFERED)
    failures = [
        f"{name}: {text} on {ground} is {ratio:.2f}:1"
        for name, theme in sorted(themes.items())
        for text, ground, ratio in body_text_contrasts(theme)
        if ratio < AA_BODY_TEXT
    ]
    assert failures == []
    assert all(len(body_text_contrasts(theme)) == len(BODY_TEXT) for theme in themes.values())


def test_the_high_contrast_theme_gives_the_most_a_terminal_can() -> None:
    ratios = {(text, ground): ratio for text, ground, ratio in body_text_contrasts(HIGH_CONTRAST)}
    assert ratios[("foreground", "background")] == pytest.approx(21.0)
    assert min(ratios.values()) >= 7.0  # AAA for body text, everywhere


def test_the_high_contrast_theme_can_be_picked_and_is_kept(make_app: AppFactory) -> None:
    from game.tui.settings import load_settings

    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.press("f2")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, SettingsScreen)
        screen.query_one("#theme").value = "high-contrast"  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.click("#save")
        await pilot.pause()
        assert pilot.app.theme == "high-contrast"

    drive(make_app(), scenario)
    assert load_settings().theme == "high-contrast"


def test_picked_speed_and_ticked_box_show_in_their_shape_not_only_their_colour(make_app: AppFactory) -> None:
    async def scenario(pilot: Pilot[int]) -> None:
        await wait_for_story(pilot)
        await pilot.press("f2")
        await pilot.pause()
        text = screen_text(pilot.app)
        assert "▐●▌ Instant" in text and "▐ ▌ Fast" in text
        assert "▐✓▌ Reduced motion" in text
        box = pilot.app.screen.query_one(MarkedCheckbox)
        box.value = False
        await pilot.pause()
        assert "▐ ▌ Reduced motion" in screen_text(pilot.app)
        assert [b.value for b in pilot.app.screen.query(MarkedRadioButton)] == [True, False, False, False]

    drive(make_app(), scenario)
