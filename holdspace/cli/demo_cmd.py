"""``holdspace demo``: the whole pipeline on a bundled simulated couple, reports included.

Maya and Jordan are invented: their 16 weeks of messages come from the simulator
(``data/sample/demo_couple``) and their check-in answers are written by hand
(``data/sample/checkins/maya-01.json``, ``jordan-01.json`` ...: numbered, so no file name
says which questionnaire it answers, SAFETY.md S9). Nothing is downloaded and nothing leaves
the computer.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import click

from holdspace.cli.options import coder_option

__all__ = ["DEMO_PARTNERS", "demo_command", "summary_lines"]

#: The demo couple, in the order the summary names them.
DEMO_PARTNERS = ("Maya", "Jordan")
_SAMPLE = "data/sample"


@contextmanager
def _sample_files() -> Iterator[tuple[Path, list[Path]]]:
    """The demo chat and its check-in answer files as real paths (even from a zip install)."""
    root = resources.files("holdspace").joinpath(_SAMPLE)
    with ExitStack() as stack:
        chat = stack.enter_context(resources.as_file(root / "demo_couple" / "chat.txt"))
        answers = [
            stack.enter_context(resources.as_file(item))
            for item in sorted((root / "checkins").iterdir(), key=lambda item: item.name)
            if item.name.endswith(".json")
        ]
        yield chat, answers


def _strength_words(strength: float) -> str:
    if strength >= 0.5:
        return "strong"
    if strength >= 0.3:
        return "clear"
    if strength >= 0.15:
        return "present"
    return "faint"


def summary_lines(analysis: Mapping[str, Any]) -> list[str]:
    """The short summary of a joint analysis, as plain sentences (rich markup allowed)."""
    safety = analysis.get("safety") or {}
    if safety.get("joint_paused"):
        return [str(safety.get("message") or "Joint features are paused for now.")]
    metrics = analysis.get("metrics") or {}
    cycle = metrics.get("cycle") or {}
    lines: list[str] = []
    pursuer, withdrawer = cycle.get("pursuer"), cycle.get("withdrawer")
    strength = cycle.get("strength")
    if isinstance(pursuer, str) and isinstance(withdrawer, str) and isinstance(strength, float):
        lines.append(f"[bold]{pursuer}[/] reaches out; [bold]{withdrawer}[/] steps back.")
        lines.append(
            f"Loop strength {strength:.2f} on a scale from 0 to 1 ({_strength_words(strength)})."
        )
    else:
        shown = f" (strength {strength:.2f})" if isinstance(strength, int | float) else ""
        lines.append(f"No clear reaching-out and stepping-back loop was found{shown}.")
    paths = (analysis.get("plan") or {}).get("paths") or []
    if paths:
        from holdspace.report import path_title

        titles = [path_title(p) for p in paths]
        lines.append("Suggested: " + "; ".join(titles) + ".")
    else:
        lines.append("No path of help is suggested from these figures alone.")
    return lines


def _write_pdf(html: str, path: Path) -> str:
    """Print the PDF if a Chromium is installed; otherwise say how to get one."""
    from holdspace.errors import ComponentUnavailable
    from holdspace.report import write_pdf

    try:
        write_pdf(html, path)
    except ComponentUnavailable as error:
        return f"pdf: not written; {error.message}"
    return f"pdf: {path}"


def _check_ins(files: Sequence[Path]) -> list[Any]:
    from holdspace.cli.analyze_cmd import load_answers_file

    return [load_answers_file(path) for path in files]


@click.command("demo")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("holdspace-demo"),
    show_default=True,
    help="Folder for the reports, the PDF and analysis.json.",
)
@coder_option("Which coder labels the messages (default: HOLDSPACE_CODER, else ensemble).")
@click.option("--pdf/--no-pdf", "pdf", default=True, help="Also print the joint report to PDF.")
def demo_command(output: Path, coder: str | None, pdf: bool) -> None:
    """Analyse an invented couple (Maya and Jordan, 16 weeks of messages) end to end.

    Writes the joint report, each partner's private report, the PDF (when Chromium is
    installed) and analysis.json into OUTPUT. Everything runs on this computer.
    """
    from holdspace.cli.analyze_cmd import slug, stage_progress, write_analysis, write_report
    from holdspace.cli.console import console
    from holdspace.pipeline import analyze

    console.print("[bold]Demo:[/] Maya and Jordan, an invented couple", soft_wrap=True)
    with _sample_files() as (chat, answer_files), stage_progress() as progress:
        result = analyze(
            chat,
            checkins=_check_ins(answer_files),
            partners=list(DEMO_PARTNERS),
            share=DEMO_PARTNERS,
            private_for=DEMO_PARTNERS,
            coder=coder,
            progress=progress,
        )
    report = output / "report.html"
    joint_html = write_report(result.joint, report)
    write_analysis(result.joint, output / "analysis.json")
    for name, private in result.private.items():
        write_report(private, output / f"report-{slug(name)}.html")
        write_analysis(private, output / f"analysis-{slug(name)}.json")
    pdf_line = _write_pdf(joint_html, output / "report.pdf") if pdf else None
    console.print()
    for line in summary_lines(result.joint):
        console.print(line, soft_wrap=True)
    coding = result.joint.get("coding") or {}
    if coding.get("coder"):
        console.print(f"Coder: {coding['coder']}", soft_wrap=True)
    console.print()
    console.print(f"report: {report}", soft_wrap=True)
    for name in result.private:
        page = output / f"report-{slug(name)}.html"
        console.print(f"private report for {name}: {page}", soft_wrap=True)
    console.print(f"analysis: {output / 'analysis.json'}", soft_wrap=True)
    if pdf_line:
        console.print(pdf_line, soft_wrap=True)
