"""``holdspace checkin``: one partner's private check-in in the terminal.

Arrow keys choose, Enter answers, b or Left goes back, s skips, q saves and quits (run the same
command to resume). Answers are stored encrypted under the partner's passphrase. The terminal
title is never set (SAFETY.md S9).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

import click
from prompt_toolkit.application import Application
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.layout import Layout, Window
from prompt_toolkit.layout.controls import FormattedTextControl

from holdspace.assess.crisis import load_resources, render_text
from holdspace.assess.flow import CheckinFlow, Question
from holdspace.assess.instruments import Instrument, load_instrument
from holdspace.assess.store import PrivateStore, check_home, not_found_message
from holdspace.errors import AccessDenied, InputError
from holdspace.settings import Settings

__all__ = ["DEFAULT_INSTRUMENTS", "checkin_command", "read_passphrase"]

DEFAULT_INSTRUMENTS = ("hs-checkin", "hark", "asq", "phq9", "gad7")
Action = tuple[Literal["answer", "back", "skip", "quit"], int]


def read_passphrase(partner: str, *, confirm: bool) -> str:
    """The passphrase from ``HOLDSPACE_PASSPHRASE`` or a hidden prompt."""
    from_env = os.environ.get("HOLDSPACE_PASSPHRASE")
    if from_env:
        return from_env
    text: str = click.prompt(
        f"Passphrase for {partner}", hide_input=True, confirmation_prompt=confirm, err=True
    )
    return text


def _confirm_first_checkin(partner: str, passphrase: str, home: Path) -> None:
    """Start a new store only when the passphrase is typed twice alike.

    The file is found from the name and passphrase together, so a mistyped passphrase looks
    exactly like a first check-in; asking again keeps a typo from starting a second store.
    """
    if os.environ.get("HOLDSPACE_PASSPHRASE"):
        return
    click.echo(
        f"No check-in found for {partner} with that passphrase. If this is your first "
        "check-in, type the same passphrase again to start one; if you have answered "
        "before, press Enter and run the command again with your passphrase.",
        err=True,
    )
    again: str = click.prompt(
        "Passphrase again to start", hide_input=True, default="", show_default=False, err=True
    )
    if again != passphrase:
        raise AccessDenied(not_found_message(partner, home))


def load_for_checkin(ids: tuple[str, ...], items_files: tuple[Path, ...]) -> list[Instrument]:
    """The instruments in order, with the user's wording where the package ships none."""
    supplied: dict[str, Path] = {}
    for path in items_files:
        for instrument_id in ids:
            if instrument_id in supplied:
                continue
            try:
                load_instrument(instrument_id, items_file=path)
            except InputError:
                continue
            supplied[instrument_id] = path
    loaded = []
    for instrument_id in ids:
        instrument = load_instrument(instrument_id, items_file=supplied.get(instrument_id))
        if not instrument.has_text:
            raise InputError(
                f"{instrument_id} ships without its wording (licence: {instrument.licence.status}); "
                "pass --items FILE with the text of your copy (see docs/instruments.md)."
            )
        loaded.append(instrument)
    return loaded


def _ask(question: Question) -> Action:
    """Show one question and wait for a key."""
    scale = question.item.scale
    values = list(scale.values)
    selected = [values.index(question.answer) if question.answer in values else 0]
    result: list[Action] = []
    bindings = KeyBindings()

    def finish(event: KeyPressEvent, action: Action) -> None:
        result.append(action)
        event.app.exit()

    @bindings.add("up")
    def _up(event: KeyPressEvent) -> None:
        selected[0] = max(0, selected[0] - 1)

    @bindings.add("down")
    def _down(event: KeyPressEvent) -> None:
        selected[0] = min(len(values) - 1, selected[0] + 1)

    @bindings.add("enter")
    def _enter(event: KeyPressEvent) -> None:
        finish(event, ("answer", values[selected[0]]))

    for value in values:

        @bindings.add(str(value)[-1])
        def _digit(event: KeyPressEvent, value: int = value) -> None:
            finish(event, ("answer", value))

    @bindings.add("b")
    @bindings.add("left")
    def _back(event: KeyPressEvent) -> None:
        finish(event, ("back", 0))

    @bindings.add("s")
    def _skip(event: KeyPressEvent) -> None:
        finish(event, ("skip", 0))

    @bindings.add("q")
    @bindings.add("c-c")
    def _quit(event: KeyPressEvent) -> None:
        finish(event, ("quit", 0))

    def render() -> FormattedText:
        done = int(20 * (question.number - 1) / max(question.total, 1))
        parts: list[tuple[str, str]] = [
            ("bold", f"{question.instrument.name}  "),
            ("", f"question {question.number} of {question.total}  "),
            ("", "#" * done + "." * (20 - done) + "\n"),
        ]
        if question.item.sensitive:
            parts.append(("italic", "Optional and sensitive: press s to skip.\n"))
        if question.section:
            parts.append(("", question.section + "\n"))
        parts.append(("bold", f"\n{question.item.text}\n\n"))
        for index, value in enumerate(values):
            label = scale.labels[index] if index < len(scale.labels) else ""
            marker = "> " if index == selected[0] else "  "
            style = "reverse" if index == selected[0] else ""
            parts.append((style, f"{marker}{value}  {label}\n"))
        parts.append(("", "\nup/down choose, Enter answer, b back, s skip, q save and quit\n"))
        return FormattedText(parts)

    app: Application[None] = Application(
        layout=Layout(Window(FormattedTextControl(render), wrap_lines=True)),
        key_bindings=bindings,
        full_screen=False,
        erase_when_done=True,
    )
    app.run()
    return result[0] if result else ("quit", 0)


def _show_resources(region: str) -> None:
    click.echo(render_text(load_resources(region)))
    click.prompt("Press Enter to continue", default="", show_default=False, err=True)


@click.command("checkin")
@click.option("--as", "partner", required=True, help="Your name, as in the conversation.")
@click.option(
    "--instrument",
    "instruments",
    multiple=True,
    help=f"Questionnaire id, repeatable (default: {', '.join(DEFAULT_INSTRUMENTS)}).",
)
@click.option(
    "--items",
    "items_files",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Your copy of a questionnaire's wording, for those shipped as scoring only.",
)
@click.option("--restart", is_flag=True, help="Discard a check-in left unfinished and start anew.")
def checkin_command(
    partner: str, instruments: tuple[str, ...], items_files: tuple[Path, ...], restart: bool
) -> None:
    """Answer your private check-in; only your passphrase opens the answers."""
    settings = Settings.from_env()
    check_home(settings.home)
    passphrase = read_passphrase(partner, confirm=False)
    store = PrivateStore.find(settings.home, partner, passphrase)
    if store is None:
        _confirm_first_checkin(partner, passphrase, settings.home)
        store = PrivateStore.create(settings.home, partner, passphrase)
    state = None if restart else store.in_progress
    if state is not None:
        ids = tuple(str(pair[0]) for pair in state["instruments"])
        click.echo("Continuing where you left off.")
    else:
        ids = instruments or DEFAULT_INSTRUMENTS
    flow = CheckinFlow(load_for_checkin(ids, items_files), state=state)
    click.echo(
        "Your answers are private: your partner never sees them or whether you answered. "
        "Support is always listed under `holdspace help crisis`."
    )
    while (question := flow.current()) is not None:
        action, value = _ask(question)
        if action == "quit":
            store.in_progress = flow.to_state()
            store.save()
            click.echo("Saved. Run the same command to continue where you left off.")
            return
        if action == "back":
            flow.back()
            continue
        events = flow.skip() if action == "skip" else flow.answer(value)
        if events:
            _show_resources(settings.region)
    for instrument in flow.instruments:
        store.add_administration(instrument.id, instrument.version, flow.answers(instrument.id))
    store.in_progress = None
    store.save()
    click.echo(
        f"Saved {len(flow.instruments)} questionnaire(s). "
        f"See them with: holdspace results --as {partner}"
    )
