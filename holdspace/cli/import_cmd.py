"""``holdspace import``: read a chat export; write JSONL or print a summary."""

from __future__ import annotations

from pathlib import Path

import click

from holdspace.cli.output import open_output

__all__ = ["import_command", "print_summary"]


def print_summary(conversation: object) -> None:
    """Print participants, period, counts by kind, skipped lines and notes of a conversation."""
    from rich.markup import escape
    from rich.table import Table

    from holdspace.cli.console import console
    from holdspace.model import Conversation

    assert isinstance(conversation, Conversation)
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_row("conversation", escape(conversation.id))
    table.add_row("source", escape(f"{conversation.source} ({conversation.format})"))
    people = ", ".join(
        f"{name} (you)" if name == conversation.me else name for name in conversation.participants
    )
    table.add_row("participants", escape(people or "none"))
    period = conversation.time_range()
    table.add_row(
        "period",
        f"{period[0]:%Y-%m-%d %H:%M} to {period[1]:%Y-%m-%d %H:%M}" if period else "no timestamps",
    )
    counts = conversation.kind_counts()
    table.add_row(
        "messages",
        f"{len(conversation.messages)} ("
        + ", ".join(f"{kind} {count}" for kind, count in counts.items())
        + ")",
    )
    table.add_row("skipped", str(len(conversation.skipped)))
    console.print(table)
    for skipped in conversation.skipped[:10]:
        console.print(f"  skipped {escape(skipped.where)}: {escape(skipped.reason)}")
    if len(conversation.skipped) > 10:
        console.print(f"  ... and {len(conversation.skipped) - 10} more")
    for note in conversation.notes:
        console.print(f"note: {escape(note)}")


@click.command("import")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "format_", help="Export format (detected when left out).")
@click.option("--me", help="Which participant is you (a name or phone number).")
@click.option(
    "--alias",
    "aliases",
    multiple=True,
    help='Names or numbers of one person, e.g. "Sam=+15551234567,Sammy". Repeatable.',
)
@click.option("--date-order", type=click.Choice(["dmy", "mdy", "ymd"]), help="WhatsApp dates.")
@click.option("--chat", help="Which chat of a whole-account or SMS backup export to import.")
@click.option("--conversation", "conversation_id", help="Conversation id (default: file name).")
@click.option("--speaker-column", help="CSV column holding the speaker.")
@click.option("--time-column", help="CSV column holding the time.")
@click.option("--text-column", help="CSV column holding the text.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write JSONL here.")
def import_command(
    path: Path,
    format_: str | None,
    me: str | None,
    aliases: tuple[str, ...],
    date_order: str | None,
    chat: str | None,
    conversation_id: str | None,
    speaker_column: str | None,
    time_column: str | None,
    text_column: str | None,
    output: Path | None,
) -> None:
    """Read the chat export at PATH and write it as JSONL (-o) or summarise it."""
    from holdspace.cli.console import err_console
    from holdspace.ingest import parse_aliases, read_conversation, write_jsonl
    from holdspace.settings import Settings

    columns = {
        role: name
        for role, name in (
            ("speaker", speaker_column),
            ("time", time_column),
            ("text", text_column),
        )
        if name
    }
    conversation = read_conversation(
        path,
        format=format_,
        me=me,
        aliases=parse_aliases(aliases),
        settings=Settings.from_env(),
        conversation_id=conversation_id,
        date_order=date_order,
        chat=chat,
        columns=columns,
    )
    if output is None:
        print_summary(conversation)
        return
    with open_output(output) as stream:
        count = write_jsonl(conversation.messages, stream)
    err_console.print(
        f"wrote {count} messages to {output}"
        + (f" ({len(conversation.skipped)} lines skipped)" if conversation.skipped else "")
    )
    for note in conversation.notes:
        err_console.print(f"note: {note}", markup=False)
