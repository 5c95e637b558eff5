"""Qt-free domain of etcdesk: layout, values, the etcd store, profiles.

Nothing in this package imports PySide6 or ``etcdesk.qt``; an import-linter contract keeps it so.
"""
