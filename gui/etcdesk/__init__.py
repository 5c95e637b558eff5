"""etcdesk: browse and edit per-tenant configuration kept in etcd v3."""

__version__ = "0.1.0"
