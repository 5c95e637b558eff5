"""Everything that imports PySide6: task runner, models, widgets, dialogs."""
