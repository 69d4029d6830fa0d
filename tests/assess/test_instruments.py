"""The registry: every instrument loads, carries licence metadata, and restricted text stays out."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from holdspace.assess import instrument_ids, load_instrument
from holdspace.assess.instruments import LICENCE_STATUSES
from holdspace.errors import InputError, UnknownInstrument

REQUIRED = ["asq", "cpq", "csi16", "csi4", "ders16", "ecr-s", "gad7", "hark", "hs-checkin", "phq9"]
DATA = resources.files("holdspace.assess").joinpath("data", "instruments")
PHQ_NOTICE = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with "
    "an educational grant from Pfizer Inc. No permission required to reproduce, translate, "
    "display or distribute."
)


def test_every_required_instrument_is_registered() -> None:
    assert list(instrument_ids()) == REQUIRED


@pytest.mark.parametrize("instrument_id", REQUIRED)
def test_licence_metadata_and_citation(instrument_id: str) -> None:
    instrument = load_instrument(instrument_id)
    assert instrument.licence.status in LICENCE_STATUSES
    assert instrument.licence.statement and instrument.licence.source and instrument.citation
    assert instrument.version >= 1


RESTRICTED = [i for i in REQUIRED if not load_instrument(i).licence.text_bundled]


def test_restricted_set_is_what_the_licences_say() -> None:
    assert RESTRICTED == ["cpq", "csi16", "csi4", "ders16", "ecr-s"]


@pytest.mark.parametrize("instrument_id", REQUIRED)
def test_no_restricted_text_is_bundled(instrument_id: str) -> None:
    raw = yaml.safe_load(DATA.joinpath(f"{instrument_id}.yaml").read_text(encoding="utf-8"))
    status = raw["licence"]["status"]
    if status in ("permission-required", "unverified"):
        assert raw["licence"]["text_bundled"] is False
    if raw["licence"]["text_bundled"]:
        assert all(item.get("text") for item in raw["items"])
        return
    assert [item for item in raw["items"] if "text" in item] == []
    assert [name for name, scale in raw["scales"].items() if "labels" in scale] == []
    assert raw.get("stem") is None
    assert "sections" not in raw


def test_no_other_package_file_holds_instrument_wording() -> None:
    package = Path(str(resources.files("holdspace")))
    allowed = {f"{i}.yaml" for i in REQUIRED if i not in RESTRICTED}
    offenders = [
        path.name
        for path in package.rglob("*")
        if path.is_file()
        and path.parent.name == "instruments"
        and path.name not in allowed
        and path.name not in {f"{i}.yaml" for i in RESTRICTED}
    ]
    assert offenders == []


@pytest.mark.parametrize("instrument_id", ["phq9", "gad7"])
def test_phq_copyright_notice_is_kept_intact(instrument_id: str) -> None:
    assert " ".join(load_instrument(instrument_id).copyright.split()) == PHQ_NOTICE


def test_phq9_item_nine_wording_is_verbatim() -> None:
    assert load_instrument("phq9").item("phq9_9").text == (
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    )


def test_unknown_instrument() -> None:
    with pytest.raises(UnknownInstrument) as error:
        load_instrument("phq-9")
    assert str(error.value) == (
        "no instrument is registered as 'phq-9'; choose one of: " + ", ".join(REQUIRED) + "."
    )


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "items.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_items_file_adds_wording_labels_and_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "instrument: csi4\nlabels: {six_point: [a, b, c, d, e, f]}\nitems:\n"
        "  - {id: csi4_2, text: Second}\n  - {id: csi4_1, text: First}\n"
        "  - {id: csi4_3, text: Third}\n  - {id: csi4_4, text: Fourth}\n",
    )
    instrument = load_instrument("csi4", items_file=path)
    assert instrument.has_text
    assert instrument.item_ids == ("csi4_2", "csi4_1", "csi4_3", "csi4_4")
    assert instrument.item("csi4_2").scale.labels == ("a", "b", "c", "d", "e", "f")
    assert instrument.item("csi4_1").scale.labels == ()
    assert not load_instrument("csi4").has_text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "items: {csi4_1: a, csi4_2: b, csi4_3: c}\n",
            "no text for csi4_4; add every item of csi4.",
        ),
        (
            "items: {csi4_1: a, csi4_2: b, csi4_3: c, csi4_4: d, csi4_5: e}\n",
            "item 'csi4_5' is not part of csi4; its items are: csi4_1, csi4_2, csi4_3, csi4_4.",
        ),
        ("instrument: csi16\nitems: {}\n", "holds items for 'csi16', not for 'csi4'."),
        (
            "- just a list\n",
            "expected a mapping with an 'items' key; see docs/instruments.md "
            "for the items file format.",
        ),
        (
            "items: {csi4_1: '', csi4_2: b, csi4_3: c, csi4_4: d}\n",
            "item 'csi4_1' has no text; give it the wording.",
        ),
        ("items: [1, 2]\n", "'items' must be a list of {id, text} or a mapping of id to text."),
        (
            "items: [\n",
            "is not valid YAML or JSON; see docs/instruments.md for the items file format.",
        ),
    ],
    ids=[
        "missing",
        "unknown",
        "other-instrument",
        "not-a-mapping",
        "empty-text",
        "bad-shape",
        "bad-yaml",
    ],
)
def test_items_file_errors(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as error:
        load_instrument("csi4", items_file=path)
    assert str(error.value) == f"{path}: {message}"


def test_items_file_that_does_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(InputError) as error:
        load_instrument("csi4", items_file=path)
    assert (
        str(error.value)
        == f"{path}: cannot read the items file (No such file or directory); check the path."
    )
