"""What the connection's etcd user may read and write under the layout root (DESIGN.md §8).

An auditor's etcd user often may read only some tenants. Listing or watching the whole root
then fails with "permission denied", so etcdesk first asks etcd what the user may do (a user may
read its own user record and its own roles without being root: etcd allows "admin or self") and
lists and watches only the readable ranges. The rest of the root is shown as locked.

Ranges are etcd's ``[key, range_end)`` with etcd's encoding: ``range_end`` ``b"\\x00"`` means
"every key from ``key`` on"; a permission with an empty ``range_end`` is the single key ``key``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from etcdesk.core.errors import PermissionDenied, StoreError, Unauthenticated, Unavailable
from etcdesk.core.etcd_store import EtcdReader, RolePermission
from etcdesk.core.i18n import translate
from etcdesk.core.layout import display, prefix_range_end
from etcdesk.core.tls import certificate_info

KeyRange = tuple[bytes, bytes]  # [key, range_end) in etcd's encoding
ROOT_ROLE = "root"  # etcd's built-in role with every permission
_UNBOUNDED = b"\x00"


@dataclass(frozen=True)
class Access:
    """The permissions of the connection's user, as etcd reported them.

    ``user`` None: no etcd user (a cluster without auth), so no limit applies. ``known`` False:
    etcd would not tell (the user may not read its own record); then etcdesk tries the whole
    root and shows a refusal as locked.
    """

    user: str | None
    roles: tuple[str, ...] = ()
    read: tuple[KeyRange, ...] = ()
    write: tuple[KeyRange, ...] = ()
    is_root: bool = False
    known: bool = True

    @property
    def unlimited(self) -> bool:
        return self.user is None or self.is_root


FULL_ACCESS = Access(user=None)


def discover_access(reader: EtcdReader) -> Access:
    """Ask etcd for the roles of the connection's own user and their key permissions.

    Without a user name, a client certificate's common name is the user on a cluster with
    ``--client-cert-auth``; on one without (or without auth) etcd does not know that name,
    and the connection is tried as it is.
    """
    spec = reader.spec
    user = spec.user
    from_certificate = not user and bool(spec.cert)
    if from_certificate:
        info = certificate_info(spec.cert or "")
        user = info.common_name if info is not None else None
    if not user:
        return FULL_ACCESS
    try:
        roles = reader.user_roles(user)
        if ROOT_ROLE in roles:
            return Access(user, roles, is_root=True)
        permissions: list[RolePermission] = []
        for role in roles:
            permissions.extend(reader.role_permissions(role))
    except PermissionDenied:
        return Access(user, known=False)
    except StoreError as exc:
        if not from_certificate or isinstance(exc, Unavailable | Unauthenticated):
            raise
        return Access(user, known=False)  # "user name not found": the CN names no etcd user
    read = merge_ranges(_as_range(p) for p in permissions if p.read)
    write = merge_ranges(_as_range(p) for p in permissions if p.write)
    return Access(user, roles, tuple(read), tuple(write))


def _as_range(permission: RolePermission) -> KeyRange:
    if not permission.range_end:  # a single key
        return permission.key, permission.key + b"\x00"
    return permission.key, permission.range_end


def _end_key(end: bytes) -> tuple[int, bytes]:
    """Sort key of a range end: the unbounded end sorts after every key."""
    return (1, b"") if end == _UNBOUNDED else (0, end)


def merge_ranges(ranges: Iterable[KeyRange]) -> list[KeyRange]:
    """Sorted, non-overlapping ranges covering the same keys (adjacent ones joined)."""
    merged: list[KeyRange] = []
    for start, end in sorted(r for r in ranges if _end_key(r[1]) > (0, r[0])):
        if merged and _end_key(merged[-1][1]) >= (0, start):
            last_start, last_end = merged[-1]
            merged[-1] = (last_start, max(last_end, end, key=_end_key))
        else:
            merged.append((start, end))
    return merged


def _intersect(ranges: Iterable[KeyRange], root: bytes) -> list[KeyRange]:
    root_end = prefix_range_end(root)
    result: list[KeyRange] = []
    for start, end in merge_ranges(ranges):
        low = max(start, root)
        high = min(end, root_end, key=_end_key)
        if _end_key(high) > (0, low):
            result.append((low, high))
    return result


def readable_ranges(access: Access, root: bytes) -> list[KeyRange]:
    """The ranges under ``root`` to list and watch: ``[(root, end of root)]`` when all of it is
    readable (or when etcd would not say, to try it), else the readable parts, maybe none."""
    whole = (root, prefix_range_end(root))
    if access.unlimited or not access.known:
        return [whole]
    return _intersect(access.read, root)


def could_write(access: Access, root: bytes) -> bool:
    """Whether the user holds the root role or a write permission on any key under ``root``.

    Without an etcd user (no auth) this says False: it is about the account an audit profile
    uses; etcd could not say what an unknown user may do either.
    """
    if access.user is None or not access.known:
        return False
    return access.is_root or bool(_intersect(access.write, root))


def audit_warning(access: Access, root: bytes) -> str:
    """For read-only audit mode: the warning to show when the user is not a read-only account,
    else an empty string."""
    if not could_write(access, root):
        return ""
    where = display(root)
    if access.is_root:
        return translate(
            "Access",
            "etcd user {user} has the root role and could write anything under {where}; "
            "audit mode blocks writes in etcdesk, but this user is not a read-only account.",
        ).format(user=access.user, where=where)
    writable = ", ".join(describe_range(r) for r in _intersect(access.write, root))
    return translate(
        "Access",
        "etcd user {user} could write to {ranges}; audit mode blocks writes in "
        "etcdesk, but this user is not a read-only account.",
    ).format(user=access.user, ranges=writable)


def describe_range(key_range: KeyRange) -> str:
    """A range as a person reads it: ``/tenants/acme/`` for a prefix, else ``a … b``."""
    start, end = key_range
    if end == prefix_range_end(start):
        return display(start) + ("…" if not start.endswith(b"/") else "")
    if end == start + b"\x00":
        return display(start)
    if end == _UNBOUNDED:
        return translate("Access", "{start} and every key after it").format(start=display(start))
    return translate("Access", "{start} … {end} (exclusive)").format(
        start=display(start), end=display(end)
    )


def locked_note(access: Access, root: bytes, listed: bool = True) -> str:
    """The text of the tree's locked row when the user may not read all of ``root``; empty
    when everything under it is readable. ``listed`` False: etcd refused the listing, so none
    of the root could be read."""
    ranges = readable_ranges(access, root)
    if listed and ranges == [(root, prefix_range_end(root))]:
        return ""
    root_text = display(root)
    if access.user:
        if not listed or not ranges:
            text = translate("Access", "Keys under {root} are not readable by user {user}")
        else:
            text = translate("Access", "Other keys under {root} are not readable by user {user}")
        return text.format(root=root_text, user=access.user)
    if not listed or not ranges:
        text = translate("Access", "Keys under {root} are not readable by this connection")
    else:
        text = translate("Access", "Other keys under {root} are not readable by this connection")
    return text.format(root=root_text)
