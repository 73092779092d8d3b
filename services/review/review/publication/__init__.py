"""The "WSIS Stocktaking: Success Stories" publication: its content (document.py), built by
the service layer, and two renderings of it, HTML (html.py, a Jinja template) and PDF (pdf.py,
ReportLab, pure Python, so no system library is needed)."""
