"""Excel templates: a committee's period written as a workbook, and read back as changes.

`template.py` holds the data and the sheets' layout, `write.py` writes a workbook, `read.py`
reads one back into typed rows with their places (after guarding against hostile files), and
`compare.py` tells what a read workbook changes in the period as it now is.
"""

from uppsikt.importers.excel.compare import Changes, compare
from uppsikt.importers.excel.read import ReadWorkbook, read_workbook
from uppsikt.importers.excel.template import Template
from uppsikt.importers.excel.write import write_workbook

__all__ = ["Changes", "ReadWorkbook", "Template", "compare", "read_workbook", "write_workbook"]
