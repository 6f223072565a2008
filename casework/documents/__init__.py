"""Documents: the notices a case's acts issue, rendered to PDF (DESIGN.md, "Documents")."""
