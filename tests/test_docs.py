"""The documentation is kept true by these tests: what exists is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from uppsikt.cli import uppsikt_commands
from uppsikt.domain.checks import CODES
from uppsikt.domain.figures import figure_names
from uppsikt.domain.tests.test_vocabularies import VOCABULARY
from uppsikt.importers.dataset.schema import SCHEMA

DOCS = Path(__file__).parents[1] / "docs"


def sections(text: str) -> dict[str, str]:
    """Level-3 headings and the text under each."""
    parts = re.split(r"^### (.+)$", text, flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def test_every_command_is_documented() -> None:
    cli = sections((DOCS / "cli.md").read_text(encoding="utf-8"))
    documented = {title.split()[1] for title in cli if title.startswith("uppsikt ")}
    assert set(uppsikt_commands()) <= documented


@pytest.mark.parametrize("record", sorted(SCHEMA))
def test_every_dataset_field_is_documented_under_its_record(record: str) -> None:
    doc = sections((DOCS / "dataset-format.md").read_text(encoding="utf-8"))
    assert record in doc, f"docs/dataset-format.md has no section '### {record}'"
    rows = dict(re.findall(r"^\| `(\w+)` \| (yes|no) \|", doc[record], flags=re.MULTILINE))
    expected = {name: "yes" if required else "no" for name, required in SCHEMA[record].items()}
    assert rows == expected


def test_every_live_figure_is_documented() -> None:
    text = (DOCS / "live-figures.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([^`]+)` \|", text, flags=re.MULTILINE)
    # `<status>` and the like stand for any one word of a code.
    patterns = [
        re.compile("^" + re.sub("<[a-z]+>", r"[\\w-]+", re.escape(n)) + "$") for n in documented
    ]
    undocumented = [
        name
        for name in sorted(figure_names(VOCABULARY, VOCABULARY))
        if not any(pattern.match(name) for pattern in patterns)
    ]
    assert undocumented == []


def test_every_finding_code_is_documented() -> None:
    text = (DOCS / "checks.md").read_text(encoding="utf-8")
    documented = dict(
        re.findall(r"^\| `([\w.-]+)` \| (?:error|warning) \| (.+) \|$", text, flags=re.MULTILINE)
    )
    assert documented == CODES


def test_every_document_the_readme_links_to_exists() -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#]+)\)", readme)
    assert links
    assert [link for link in links if not (DOCS.parent / link).exists()] == []


def test_the_readme_quick_start_is_two_commands() -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1]
    block = re.search(r"```\w*\n(.*?)```", quick_start, flags=re.DOTALL)
    assert block is not None
    assert block.group(1).splitlines() == ["make demo", "make test"]
    ci = (DOCS.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "\nmake test\n" in ci
