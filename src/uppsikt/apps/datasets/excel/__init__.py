"""Excel templates of a committee's period: exported from the database, imported back.

`current.py` reads the period into the pure `uppsikt.importers.excel.Template`, `importing.py`
checks a filled-in workbook against it and writes the changed rows through the apps' services,
`sources.py` is `uppsikt import excel` and `uppsikt export excel`.
"""
