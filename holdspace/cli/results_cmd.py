"""``holdspace results``: one partner's own results, with reliable change since last time."""

from __future__ import annotations

import json
from typing import Any

import click

from holdspace.assess.crisis import load_resources, render_text
from holdspace.assess.results import summarise
from holdspace.assess.safety import evaluate
from holdspace.assess.scoring import ScoreResult, score
from holdspace.assess.store import PrivateStore, check_home
from holdspace.cli.checkin_cmd import read_passphrase
from holdspace.errors import InvalidAnswers
from holdspace.settings import Settings

__all__ = ["render_results", "results_command"]


def _latest_screens(store: PrivateStore) -> dict[str, ScoreResult]:
    screens: dict[str, ScoreResult] = {}
    for administration in store.administrations():
        if administration["instrument"] in ("hark", "asq", "phq9"):
            try:
                screens[administration["instrument"]] = score(
                    administration["instrument"], administration["answers"]
                )
            except InvalidAnswers:
                continue
    return screens


def render_results(summary: list[dict[str, Any]], *, show_resources: bool, region: str) -> str:
    """The text the command prints: resources first when needed, then each instrument."""
    lines: list[str] = []
    if show_resources:
        lines += [render_text(load_resources(region)), ""]
    if not summary:
        lines.append("No check-ins yet. Take one with: holdspace checkin --as NAME")
    for entry in summary:
        latest = entry["latest"]
        lines.append(f"{entry['name']} (taken {entry['times_taken']} time(s))")
        if latest is None:
            lines.append(f"  not scored: {entry['not_scored']}")
            continue
        if latest["total"] is not None:
            band = f" ({latest['band']})" if latest["band"] else ""
            lines.append(f"  total: {latest['total']}{band}")
        elif latest["band"]:
            lines.append(f"  result: {latest['band']}")
        for name, value in latest["subscales"].items():
            if value is not None:
                lines.append(f"  {name.replace('_', ' ')}: {value}")
        for change in entry["changes"]:
            lines.append(
                f"  change in {change['score'].replace('_', ' ')}: {change['before']} -> "
                f"{change['after']}, {change['verdict']}"
            )
    return "\n".join(lines)


@click.command("results")
@click.option("--as", "partner", required=True, help="Your name, as in your check-in.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
def results_command(partner: str, as_json: bool) -> None:
    """Show your own check-in results (only your passphrase opens them)."""
    settings = Settings.from_env()
    check_home(settings.home)
    store = PrivateStore.open(settings.home, partner, read_passphrase(partner, confirm=False))
    summary = summarise(store.administrations())
    status = evaluate([partner], {partner: _latest_screens(store)})
    own = status.private_view(partner)
    if as_json:
        click.echo(json.dumps({"results": summary, "safety": own}, indent=2, sort_keys=True))
        return
    text = render_results(
        summary, show_resources=own["show_crisis_resources"], region=settings.region
    )
    click.echo(text)
