"""``holdspace score``: score one questionnaire from a JSON file of answers (for scripts)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from holdspace.assess.instruments import load_instrument
from holdspace.assess.scoring import score
from holdspace.errors import InvalidAnswers

__all__ = ["score_command"]


@click.command("score")
@click.argument("instrument_id", metavar="INSTRUMENT")
@click.argument(
    "answers_file", metavar="ANSWERS.json", type=click.Path(path_type=Path, dir_okay=False)
)
@click.option(
    "--items",
    "items_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Your copy of the wording; a list answer then follows that file's item order.",
)
def score_command(instrument_id: str, answers_file: Path, items_file: Path | None) -> None:
    """Print the scored result as JSON.

    ANSWERS.json is an object keyed by item id or a list of answers in item order; yes/no items
    are 1/0; null marks a skipped item.
    """
    instrument = load_instrument(instrument_id, items_file=items_file)
    try:
        answers = json.loads(answers_file.read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidAnswers(
            f"{answers_file}: cannot read it ({error.strerror}); check the path."
        ) from error
    except UnicodeDecodeError as error:
        raise InvalidAnswers(
            f"{answers_file}: byte {error.start} is not UTF-8 text; save the answers as UTF-8 "
            "JSON: an object keyed by item id or a list of answers."
        ) from error
    except json.JSONDecodeError as error:
        raise InvalidAnswers(
            f"{answers_file}: not valid JSON (line {error.lineno}, column {error.colno}); "
            "give an object keyed by item id or a list of answers."
        ) from error
    try:
        result = score(instrument, answers)
    except InvalidAnswers as error:
        raise InvalidAnswers(f"{answers_file}: {error.message}") from error
    click.echo(json.dumps(result.to_json(), indent=2))
