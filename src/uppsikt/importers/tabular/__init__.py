"""Tabular exports (CSV or XLSX) read into ledger rows and personnel figures, with their places."""
