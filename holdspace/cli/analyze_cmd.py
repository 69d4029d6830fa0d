"""``holdspace analyze``: from a chat export and check-ins to a plan and a report."""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from holdspace.cli.options import coder_option, output_file_option, partners_option
from holdspace.cli.output import OWNER_ONLY, open_output, prepare_output

__all__ = [
    "analyze_command",
    "load_answers_file",
    "load_stored_checkins",
    "slug",
    "stage_progress",
    "write_analysis",
    "write_report",
]


@contextmanager
def stage_progress() -> Iterator[Any]:
    """One progress bar per pipeline stage on stderr; yields the ``progress`` callback."""
    from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

    from holdspace.cli.console import err_console
    from holdspace.pipeline import STAGES

    with Progress(
        TextColumn("{task.description:<8}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
    ) as bars:
        tasks: dict[str, TaskID] = {
            stage: bars.add_task(stage, total=1, start=False) for stage in STAGES
        }

        def progress(stage: str, done: int, total: int) -> None:
            task = tasks[stage]
            bars.start_task(task)
            bars.update(task, completed=done, total=max(total, 1))

        yield progress


def _private(analysis: dict[str, Any]) -> bool:
    return analysis.get("audience") != "joint"


def write_analysis(analysis: dict[str, Any], path: Path) -> Path:
    """Write one audience's analysis dictionary as JSON (``analysis.json``).

    A partner's private analysis is made readable by its owner only."""
    with open_output(path, private=_private(analysis)) as stream:
        stream.write(json.dumps(analysis, indent=1, ensure_ascii=False, default=str))
    return path


def write_report(analysis: dict[str, Any], path: Path) -> str:
    """Write one audience's HTML report and return the HTML (a private one owner-only)."""
    from holdspace.report import render_html

    html = render_html(analysis)
    with open_output(path, private=_private(analysis)) as stream:
        stream.write(html)
    return html


def load_answers_file(path: Path) -> Any:
    """One ``--answers`` file ({"partner", "instrument", "answers", "time"?}) as a scored CheckIn."""
    from holdspace.assess import score
    from holdspace.errors import InvalidAnswers
    from holdspace.pipeline import CheckIn

    shape = (
        'give an object {"partner": NAME, "instrument": ID, "answers": [...] or {...}} '
        "(the answers format of `holdspace score`)."
    )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise InvalidAnswers(
            f"{path}: byte {error.start} is not UTF-8 text; save the answers file as UTF-8 JSON."
        ) from error
    except json.JSONDecodeError as error:
        raise InvalidAnswers(f"{path}: not valid JSON (line {error.lineno}); {shape}") from error
    if not isinstance(data, dict) or not {"partner", "instrument", "answers"} <= set(data):
        raise InvalidAnswers(f"{path}: missing partner, instrument or answers; {shape}")
    result = score(str(data["instrument"]), data["answers"])
    when = data.get("time")
    return CheckIn(partner=str(data["partner"]), result=result, time=str(when) if when else None)


def load_stored_checkins(partner: str) -> list[Any]:
    """Every finished check-in in ``partner``'s encrypted store (asks for the passphrase)."""
    from holdspace.assess import score
    from holdspace.assess.store import PrivateStore
    from holdspace.cli.checkin_cmd import read_passphrase
    from holdspace.pipeline import CheckIn
    from holdspace.settings import Settings

    settings = Settings.from_env()
    store = PrivateStore.open(settings.home, partner, read_passphrase(partner, confirm=False))
    return [
        CheckIn(
            partner=partner,
            result=score(item["instrument"], item["answers"]),
            time=item.get("completed"),
        )
        for item in store.administrations()
    ]


def _print_pdf(html: str, path: Path, *, private: bool) -> None:
    """Print the PDF; a private one is printed in an owner-only folder and made owner-only
    before it is moved into place, so it is never readable by others, even for a moment."""
    from holdspace.report import write_pdf

    if not private:
        write_pdf(html, path)
        return
    prepare_output(path)
    with tempfile.TemporaryDirectory(dir=path.parent) as folder:
        draft = Path(folder) / "report.pdf"
        write_pdf(html, draft)
        draft.chmod(OWNER_ONLY)
        draft.replace(path)


def slug(name: str) -> str:
    """A name as a safe file-name part: ``Mary Ann`` -> ``mary-ann``."""
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "partner"


@click.command("analyze")
@click.argument(
    "export", required=False, type=click.Path(path_type=Path, dir_okay=False, exists=True)
)
@click.option(
    "--checkin",
    "checkin_names",
    multiple=True,
    metavar="NAME",
    help="Include NAME's stored check-ins (asks for NAME's passphrase, or HOLDSPACE_PASSPHRASE).",
)
@click.option(
    "--answers",
    "answer_files",
    multiple=True,
    metavar="FILE",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help='Include scored answers from FILE: {"partner", "instrument", "answers"}.',
)
@partners_option("The two people, as NAME1,NAME2 (when more wrote).")
@click.option(
    "--share",
    multiple=True,
    metavar="NAME",
    help="NAME chooses to show their check-in results in the joint report (never safety answers).",
)
@output_file_option(
    "Where to write the HTML report [default: holdspace-report.html, or "
    "holdspace-report-NAME.html with --private-for NAME]."
)
@click.option(
    "--pdf",
    "pdf_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also print the report to this PDF (needs Chromium).",
)
@click.option(
    "--private-for",
    "private_for",
    metavar="NAME",
    default=None,
    help="Write NAME's private report (their own answers added) instead of the joint one.",
)
@click.option("--me", default=None, help="Your name in the export, where the format needs it.")
@coder_option("Which coder labels the messages (default: HOLDSPACE_CODER).")
def analyze_command(
    export: Path | None,
    checkin_names: tuple[str, ...],
    answer_files: tuple[Path, ...],
    partners: list[str] | None,
    share: tuple[str, ...],
    output: Path | None,
    pdf_path: Path | None,
    private_for: str | None,
    me: str | None,
    coder: str | None,
) -> None:
    """Analyse EXPORT with check-ins and write a report, its PDF, and analysis.json beside it.

    The joint report is the same for both partners and holds no private answers unless a
    partner passes --share. Everything runs on this computer.
    """
    from holdspace.cli.console import console
    from holdspace.errors import InputError
    from holdspace.pipeline import analyze

    if export is None and not checkin_names and not answer_files:
        raise InputError(
            "nothing to analyse: pass a chat EXPORT, --checkin NAME or --answers FILE."
        )
    if output is None:
        suffix = f"-{slug(private_for)}" if private_for else ""
        output = Path(f"holdspace-report{suffix}.html")
    checkins = [load_answers_file(path) for path in answer_files]
    for name in checkin_names:
        checkins.extend(load_stored_checkins(name))
    with stage_progress() as progress:
        result = analyze(
            export,
            checkins=checkins,
            partners=partners,
            share=share,
            private_for=[private_for] if private_for else [],
            me=me,
            coder=coder,
            progress=progress,
        )
    analysis = result.private[private_for] if private_for else result.joint
    html = write_report(analysis, output)
    json_path = output.with_name(
        f"analysis-{slug(private_for)}.json" if private_for else "analysis.json"
    )
    write_analysis(analysis, json_path)
    console.print(f"report: {output}", soft_wrap=True)
    console.print(f"analysis: {json_path}", soft_wrap=True)
    if pdf_path is not None:
        _print_pdf(html, pdf_path, private=_private(analysis))
        console.print(f"pdf: {pdf_path}", soft_wrap=True)
    from holdspace.report import path_title

    for path in analysis["plan"]["paths"]:
        console.print(f"suggested: {path_title(path)}, {len(path['reasons'])} reasons")
