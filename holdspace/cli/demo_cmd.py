"""``holdspace demo``: import the bundled sample chat and show what import found."""

from __future__ import annotations

import click

__all__ = ["demo_command"]


@click.command("demo")
def demo_command() -> None:
    """Import a short invented couple's chat (bundled) and print its summary."""
    from importlib import resources

    from holdspace.cli.console import console
    from holdspace.cli.import_cmd import print_summary
    from holdspace.ingest import read_conversation

    sample = resources.files("holdspace").joinpath("data/sample/whatsapp_sam_jo.txt")
    with resources.as_file(sample) as path:
        conversation = read_conversation(path, me="Sam", conversation_id="sample-sam-jo")
    console.print("[bold]Sample conversation[/] (invented; bundled with holdspace)")
    print_summary(conversation)
