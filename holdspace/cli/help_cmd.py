"""``holdspace help``: topics that must always be reachable, offline; first of all ``crisis``."""

from __future__ import annotations

import click

from holdspace.assess.crisis import load_resources, render_text
from holdspace.errors import InputError
from holdspace.settings import Settings

__all__ = ["TOPICS", "help_command"]

TOPICS = {"crisis": "Who to contact now if you or someone else is in danger."}


@click.command("help")
@click.argument("topic", required=False)
@click.option("--region", help="Region whose resources to show (default: HOLDSPACE_REGION or US).")
def help_command(topic: str | None, region: str | None) -> None:
    """Show a help topic: `holdspace help crisis` lists crisis resources."""
    if topic is None:
        for name, summary in TOPICS.items():
            click.echo(f"{name}: {summary}")
        click.echo("Commands: holdspace --help")
        return
    if topic not in TOPICS:
        raise InputError(f"no help topic {topic!r}; topics: {', '.join(TOPICS)}.")
    chosen = region or Settings.from_env().region
    click.echo(render_text(load_resources(chosen)))
