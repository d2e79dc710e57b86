"""Export the practice log (CSV, JSON) and read a JSON export back for import.

Plain Python: the PDF report, which needs Qt, lives in ``pacer.ui.export.pdf_report``.
"""
