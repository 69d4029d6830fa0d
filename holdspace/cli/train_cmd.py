"""``holdspace train``: rebuild the learned coder's heads from permissively licensed data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from holdspace.cli.options import data_option, written_option
from holdspace.coding.codes import CODES

if TYPE_CHECKING:
    from holdspace.coding.train import TrainingData

__all__ = ["train_command"]


@click.command("train")
@data_option(help="Folder of the public datasets (only GoEmotions and TIAGE are trained on).")
@written_option(
    help="Folder of the project's written set (train split fitted, dev split calibrates)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder to write model_v1.npz and model_v1.json (default: the installed package's).",
)
@click.option(
    "--accurate",
    is_flag=True,
    help="Also fit the accurate mode's MiniLM heads (needs the accurate extra; a few minutes).",
)
def train_command(data: Path, written: Path, output: Path | None, accurate: bool) -> None:
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
    if accurate:
        _train_accurate(training, stem, output)


def _train_accurate(training: TrainingData, stem: Path, output: Path | None) -> None:
    from holdspace.cli.console import console, err_console
    from holdspace.coding.accurate import ACCURATE_ARTIFACT
    from holdspace.coding.embed import require_accurate
    from holdspace.coding.ensemble import EnsembleCoder
    from holdspace.coding.learned import ModelCoder
    from holdspace.coding.train_accurate import AccurateTrainer

    require_accurate()
    fast = EnsembleCoder(model=ModelCoder(artifact=stem))
    with err_console.status("embedding messages and fitting the accurate heads"):
        artifact = AccurateTrainer().fit(training, fast=fast)
    target = ACCURATE_ARTIFACT if output is None else output / ACCURATE_ARTIFACT.name
    artifact.save(target)
    mixed = [code for code, blend in zip(CODES, artifact.blend, strict=True) if blend > 0]
    console.print(
        f"accurate heads: {int(artifact.trained.sum())} trained, mixed into "
        f"{len(mixed)} codes ({', '.join(mixed) or 'none'}) -> {target}.npz"
    )
