"""Parse a dataset file into a `Dataset`, reporting every fault with file, line and field."""

from __future__ import annotations

from pathlib import Path

from uppsikt.domain.dataset import Dataset
from uppsikt.domain.organisation import Municipality
from uppsikt.domain.problems import Location, Problem
from uppsikt.importers.dataset.committee import CommitteeReader
from uppsikt.importers.dataset.configuration import ConfigurationReader
from uppsikt.importers.dataset.nodes import At, compose, reject_control_characters
from uppsikt.importers.dataset.nodes import Source as FileSource
from uppsikt.importers.dataset.reading import keep_valid
from uppsikt.importers.dataset.schema import FORMAT_VERSION

NOUNS = {
    "vocabulary": "statuslista",
    "scale": "bedömningsskala",
    "period": "period",
    "council_goal": "KF-mål",
    "committee": "nämnd",
    "unit": "enhet",
    "goal": "nämndmål",
    "indicator": "indikator",
    "assignment": "uppdrag",
    "process": "process",
    "risk": "risk",
    "finding": "granskning",
    "action": "åtgärd",
    "control": "kontroll",
    "narrative": "textavsnitt",
    "status": "status",
    "level": "bedömningsnivå",
    "perspective": "perspektiv",
    "table": "tabell",
    "column": "kolumn",
    "row": "rad",
    "group": "kolumngrupp",
}

DATASET_FILE = "dataset.yaml"


def read_dataset(path: Path) -> tuple[Dataset | None, list[Problem]]:
    """Read a dataset from a file, or from a folder's `dataset.yaml`."""
    file = path / DATASET_FILE if path.is_dir() else path
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        source = FileSource(str(file))
        source.problems.append(Problem(Location(str(file)), f"kan inte läsa filen: {error}"))
        return None, source.problems
    return parse_dataset(text, str(file))


def parse_dataset(text: str, filename: str) -> tuple[Dataset | None, list[Problem]]:
    """Parse dataset text; the dataset is returned only when there is no fault at all."""
    source = FileSource(filename)
    root = compose(text, source)
    if root is None:
        if not source.problems:
            source.problems.append(Problem(Location(filename, 1), "filen är tom"))
        return None, source.problems
    reject_control_characters(At(root, ""), source)
    dataset = _DatasetReader(source).dataset(At(root, ""))
    source.check_references(NOUNS)
    problems = sorted(source.problems, key=lambda p: (p.location.line or 0, p.location.field))
    return (dataset if not problems else None), problems


class _DatasetReader(ConfigurationReader, CommitteeReader):
    """Reads the whole file."""

    def dataset(self, at: At) -> Dataset | None:
        rec = self.record(at, "dataset")
        version = rec.integer("format")
        if rec.get("format") is not None and version != FORMAT_VERSION:
            rec.fail(
                "format",
                f"formatversion {version} stöds inte; den här versionen läser {FORMAT_VERSION}",
            )
        self.year = rec.integer("year")
        municipality = self.municipality(rec.get("municipality"))
        vocabularies = keep_valid(
            [self.vocabulary(item) for item in rec.items("status_vocabularies")]
        )
        scales = keep_valid([self.scale(item) for item in rec.items("assessment_scales")])
        matrix_at = rec.get("risk_matrix")
        matrix = self.risk_matrix(matrix_at) if matrix_at else None
        periods = keep_valid([self.period(item) for item in rec.items("periods")])
        perspectives = keep_valid([self.perspective(item) for item in rec.items("perspectives")])
        committees = keep_valid(
            [self.committee(item, vocabularies, matrix) for item in rec.items("committees")]
        )
        if rec.failed or municipality is None:
            return None
        return Dataset(
            municipality=municipality,
            year=self.year,
            status_vocabularies=vocabularies,
            assessment_scales=scales,
            periods=periods,
            risk_matrix=matrix,
            perspectives=perspectives,
            committees=committees,
        )

    def municipality(self, at: At | None) -> Municipality | None:
        if at is None:
            return None
        rec = self.record(at, "municipality")
        result = Municipality(rec.text("name"), rec.text("kolada_id"))
        return None if rec.failed else result
