"""The form generated from a JSON Schema (DESIGN.md §5): ``SchemaForm`` and its fields.

Modules by what they do: ``form`` (the scroll area, issues, navigation), ``factory`` (which
field edits which schema), ``objects`` / ``maps`` / ``arrays`` / ``variants`` (containers),
``fields`` / ``numbers`` / ``dates`` / ``secrets`` (leaf editors), ``keywords`` (reading schema
keywords, no Qt).
"""

from etcdesk.qt.form.form import SchemaForm

__all__ = ["SchemaForm"]
