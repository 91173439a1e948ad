"""Importers: each source is parsed into domain records, or into problems with their place."""
