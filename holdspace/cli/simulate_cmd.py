"""``holdspace simulate``: write a synthetic couple's chat export and its truth file."""

from __future__ import annotations

from pathlib import Path

import click

from holdspace.cli.console import console
from holdspace.cli.options import output_file_option

__all__ = ["simulate_command"]


@click.command("simulate")
@click.option(
    "--preset",
    default="pursue-withdraw",
    show_default=True,
    help="pursue-withdraw, improving, secure, mutual-withdrawal or mutual-pursuit.",
)
@click.option("--weeks", type=int, default=16, show_default=True, help="How many weeks of chat.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same couple.")
@click.option(
    "--change-week",
    type=int,
    default=None,
    help="Week after which the 'after' behaviour applies (improving: two thirds in).",
)
@click.option(
    "--names",
    default="Maya,Jordan",
    show_default=True,
    help="The two partners, pursuer first: NAME1,NAME2.",
)
@click.option(
    "--format",
    "format_",
    default="whatsapp",
    show_default=True,
    help="Export format: whatsapp, jsonl, telegram, signal, csv, transcript, ...",
)
@output_file_option(
    "Where to write the export; the truth goes to OUTPUT.truth.json.", required=True
)
def simulate_command(
    preset: str,
    weeks: int,
    seed: int,
    change_week: int | None,
    names: str,
    format_: str,
    output: Path,
) -> None:
    """Write a synthetic couple's chat export with known ground truth (for demos and tests)."""
    from holdspace.errors import InvalidSetting
    from holdspace.simulate import SimulationParams, simulate, write_couple

    pair = [name.strip() for name in names.split(",")]
    if len(pair) != 2:
        raise InvalidSetting(f"--names {names!r} names {len(pair)} people; give two: NAME1,NAME2.")
    params = SimulationParams.preset(
        preset, names=(pair[0], pair[1]), weeks=weeks, change_week=change_week
    )
    couple = simulate(params, seed=seed)
    export, truth = write_couple(couple, output, format=format_)
    roles = ", ".join(f"{name} {role}" for name, role in couple.truth.roles.items())
    console.print(
        f"wrote {len(couple.conversation.messages)} messages ({preset}, seed {seed}; {roles}) "
        f"to {export}\ntruth: {truth}",
        soft_wrap=True,
    )
