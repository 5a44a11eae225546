"""Our XLIFF exports validate against the OASIS schemas (XLIFF 1.2 strict, XLIFF 2.0 core).

The schemas come from Debian's php-symfony-translation package, unpacked by scripts/setup.sh
into the virtual environment; `xml.xsd` is resolved from the same folder, never fetched.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from lxml import etree

from review import Desk
from tests.helpers import COORD, REVIEWER, forget_documents

SCHEMAS = Path(os.environ.get("REVIEW_DESK_XLIFF_SCHEMAS", Path(sys.prefix) / "share" / "xliff-schemas"))
REAL = Path(__file__).resolve().parent.parent / "data" / "real-world"

if not (SCHEMAS / "xliff-core-2.0.xsd").exists():
    if os.geteuid() == 0:  # CI and the quick start run as root: setup.sh must have put them there
        raise RuntimeError(f"the XLIFF schemas are missing from {SCHEMAS}: run scripts/setup.sh")
    pytest.skip(f"the XLIFF schemas are not in {SCHEMAS} (scripts/setup.sh fetches them as root)",
                allow_module_level=True)


class LocalSchemas(etree.Resolver):
    def resolve(self, url, pubid, context):
        return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context) if url.endswith("xml.xsd") else None


def schema(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(LocalSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name), parser))


XSD = {"xliff12": "xliff-core-1.2-strict.xsd", "xliff20": "xliff-core-2.0.xsd"}


def assert_valid(path: Path, fmt: str) -> None:
    checker = schema(XSD[fmt])
    assert checker.validate(etree.parse(str(path))), [str(e) for e in checker.error_log][:5]


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory) -> Desk:
    """The sample with rewrites, annotations, back-translations, reasons and sign-offs."""
    with Desk(tmp_path_factory.mktemp("xsd") / "d.sqlite3") as desk:
        desk.load_sample()
        rows = desk.posts(batch="zimbabwe-boreholes")
        for row in rows[:6]:
            desk.decide(row["id"], REVIEWER, "request-changes", reason="check the figure <b>")
            desk.decide(row["id"], REVIEWER, "reopen", reason="fixing it")
            desk.rewrite(row["id"], REVIEWER, row["draft_text"] + " & more", back_translation="好的")
            desk.annotate(row["id"], REVIEWER, start=0, end=3, category="style", severity="minor",
                          comment="tone")
            desk.decide(row["id"], REVIEWER, "approve", despite_findings=True)
            desk.decide(row["id"], COORD, "signoff")
        for row in rows[6:12] + desk.posts(batch="chengdu-hitech-zone"):
            desk.decide(row["id"], REVIEWER, "approve", despite_findings=True)
        yield desk


@pytest.mark.parametrize("batch, fmt", [("zimbabwe-boreholes", "xliff12"),
                                        ("chengdu-hitech-zone", "xliff12"),  # five language pairs
                                        ("zimbabwe-boreholes", "xliff20")])
def test_exports_of_reviewed_posts_validate(reviewed, tmp_path, batch, fmt):
    out = tmp_path / f"{batch}.{fmt}.xlf"
    reviewed.export(batch, fmt, out, COORD, again=True, platform=None)
    assert_valid(out, fmt)


@pytest.mark.parametrize("name, fmt", [("omegat_xliff12_SMP.xlf", "xliff12"),
                                       ("weblate_cs.xliff2", "xliff20"),
                                       ("okapi_RB-12-Test02_win1252.xlf", "xliff12")])
def test_real_world_files_go_out_again_valid(tmp_path, name, fmt):
    """Built by Review Desk (no document kept; filled documents: test_cat_round_trip), valid
    even where the original is not (XLIFF 1.1, Okapi's extension attributes)."""
    with Desk(tmp_path / "d.sqlite3") as desk:
        desk.import_batch(REAL / name, batch="real", actor=COORD, platform="facebook")
        forget_documents(desk)
        for row in desk.posts(batch="real"):
            desk.decide(row["id"], REVIEWER, "approve", despite_findings=True)
        out = tmp_path / f"real.{fmt}.xlf"
        desk.export("real", fmt, out, COORD)
    assert_valid(out, fmt)
