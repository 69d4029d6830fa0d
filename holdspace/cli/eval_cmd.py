"""``holdspace eval``: measure the coders on the public sets and the written test split."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from holdspace.cli.options import data_option, written_option

__all__ = ["eval_command"]

#: eval's names for the ensemble with the MiniLM pass, and the scope each one uses.
_ACCURATE = {"accurate": "selected", "accurate-all": "all"}


@click.command("eval")
@data_option(help="Folder of the public datasets.")
@written_option(help="Folder of the written set (its test split is scored).")
@click.option(
    "--coder",
    "coders",
    multiple=True,
    type=click.Choice(["rules", "model", "ensemble", "accurate", "accurate-all"]),
    help="Coder(s) to measure (repeatable; default: rules, model, ensemble). accurate is the "
    "ensemble with the MiniLM pass on unsure messages, accurate-all with it on every message.",
)
@click.option(
    "--limit", type=int, default=2000, show_default=True, help="Most examples per set (stratified)."
)
@click.option("--no-baseline", is_flag=True, help="Skip the bag-of-words baseline.")
@click.option(
    "--write-docs",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Replace the accuracy section of this markdown file (e.g. docs/benchmarks.md).",
)
def eval_command(
    data: Path,
    written: Path,
    coders: tuple[str, ...],
    limit: int,
    no_baseline: bool,
    write_docs: Path | None,
) -> None:
    """Per-code precision, recall and F1 (bootstrap 95% CI) for each coder and set."""
    import functools
    import sys

    from rich.progress import Progress
    from rich.table import Table

    from holdspace.cli.console import console, err_console
    from holdspace.coding import get_coder
    from holdspace.coding.datasets import EVAL_SETS, stratified_sample
    from holdspace.coding.evaluate import (
        Decider,
        baseline_decider,
        render_markdown,
        replace_section,
        score_set,
        written_test,
    )
    from holdspace.errors import HoldspaceError, InputError
    from holdspace.model import Message

    if limit < 1:
        raise InputError(
            f"--limit {limit} is not positive; pass a number of examples such as 2000."
        )
    sets = [(info.name, info, data / info.folder) for info in EVAL_SETS]
    present = [(name, info, folder) for name, info, folder in sets if folder.is_dir()]
    notes = [f"{name}: not found under {data}, skipped" for name, _, f in sets if not f.is_dir()]
    deciders: dict[str, Decider] = {}
    for name in coders or ("rules", "model", "ensemble"):
        try:
            if name in _ACCURATE:
                coder = get_coder("ensemble", accurate=_ACCURATE[name])
            else:
                coder = get_coder(name)
            coder.code([Message("probe", "probe", "A", None, "probe")])
        except (ImportError, HoldspaceError) as error:
            notes.append(f"{name} coder: unavailable ({type(error).__name__}), skipped")
            continue
        deciders[name] = functools.partial(_decide, coder)
    if not no_baseline:
        from holdspace.coding.train import collect_training_data

        training = collect_training_data(data=data, written=written, codebook=True)
        with err_console.status("training the bag-of-words baseline"):
            deciders["baseline-bow"] = baseline_decider(training.train, training.dev)
    jobs = [(name, info.load, folder) for name, info, folder in present]
    if written.is_dir():
        jobs.append(("written-test", lambda _folder: written_test(written), written))
    scores = []
    with Progress(console=err_console, transient=True) as progress:
        task = progress.add_task("evaluating", total=len(jobs))
        for name, load, folder in jobs:
            progress.update(task, description=f"evaluating {name}")
            examples = stratified_sample(load(folder), limit=limit)
            notes.append(f"{name}: {len(examples)} examples (stratified sample, limit {limit})")
            scores.extend(score_set(name, examples, deciders))
            progress.advance(task)
    if not scores:
        raise InputError(f"no evaluation set found under {data}; pass --data DIR.")
    table = Table(title="coding accuracy")
    for column in ("set", "code", "coder", "P", "R", "F1 (95% CI)", "acc", "support/n"):
        table.add_column(column, justify="left" if column in {"set", "code", "coder"} else "right")
    for s in scores:
        table.add_row(
            s.dataset, s.code, s.coder, f"{s.precision:.2f}", f"{s.recall:.2f}",
            f"{s.f1:.2f} ({s.f1_low:.2f}-{s.f1_high:.2f})", f"{s.accuracy:.2f}", f"{s.support}/{s.n}",
        )  # fmt: skip
    console.print(table)
    for note in notes:
        err_console.print(f"note: {note}")
    if write_docs is not None:
        command = "holdspace eval " + " ".join(_portable(sys.argv[2:]))
        section = render_markdown(scores, command=command.strip(), notes=notes)
        text = write_docs.read_text(encoding="utf-8") if write_docs.is_file() else ""
        write_docs.write_text(replace_section(text, section), encoding="utf-8")


def _portable(args: list[str]) -> list[str]:
    """The command's arguments without machine-specific folders, for the benchmarks page."""
    kept: list[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg in ("--data", "--written"):
            skip = True
            continue
        if arg.startswith(("--data=", "--written=")):
            continue
        kept.append(arg)
    return kept


def _decide(coder: Any, examples: Any) -> Any:
    from holdspace.coding.evaluate import coder_decisions

    return coder_decisions(coder, examples)
