"""``holdspace train``: rebuild the learned coder's heads from permissively licensed data."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["train_command"]


@click.command("train")
@click.option(
    "--data",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("..") / "shared" / "data",
    show_default=True,
    help="Folder of the public datasets (only GoEmotions and TIAGE are trained on).",
)
@click.option(
    "--written",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("training") / "written" / "v1",
    show_default=True,
    help="Folder of the project's written set (train split fitted, dev split calibrates).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder to write model_v1.npz and model_v1.json (default: the installed package's).",
)
def train_command(data: Path, written: Path, output: Path | None) -> None:
    """Fit, calibrate and save the per-code heads; the same data gives the same weights."""
    from holdspace.cli.console import console, err_console
    from holdspace.coding.learned import DEFAULT_ARTIFACT
    from holdspace.coding.train import collect_training_data, train_artifact

    with err_console.status("reading training data"):
        training = collect_training_data(data=data, written=written)
    for note in training.notes:
        err_console.print(f"note: {note}")
    with err_console.status(f"fitting heads on {len(training.train):,} examples"):
        artifact = train_artifact(training)
    stem = DEFAULT_ARTIFACT if output is None else output / DEFAULT_ARTIFACT.name
    artifact.save(stem)
    trained = artifact.metadata["trained_codes"]
    console.print(f"trained {len(trained)} heads ({', '.join(trained)}) -> {stem}.npz")
