"""Renderers: one document in, PDF/UA (Typst), DOCX (python-docx) and HTML out."""
