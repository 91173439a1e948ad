"""The YAML dataset format: parse a file into a `Dataset`, and write one back."""

from uppsikt.importers.dataset.parse import parse_dataset, read_dataset
from uppsikt.importers.dataset.write import dump_dataset

__all__ = ["dump_dataset", "parse_dataset", "read_dataset"]
