"""Named JSON Schemas (draft 2020-12) and validation with issues people can act on (DESIGN §5).

Schemas ship in ``resources/schemas/`` and may also live in etcd so a team shares them; one
stored in etcd overrides the bundled file of the same name. A ``$ref`` may name another schema
by its registry name (``quota.schema.yaml``) or by its ``$id``. Formats (date-time, hostname,
email, ...) are really checked: without ``jsonschema[format-nongpl]`` they silently pass.
Compiled validators are cached per schema object, so treat schemas handed out here as
read-only.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag

import yaml
from jsonschema import Draft202012Validator
from jsonschema import exceptions as js_exceptions
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource, Unresolvable

from etcdesk.core.i18n import language, translate
from etcdesk.core.layout import Layout, display, prefix_range_end
from etcdesk.core.resources import resource
from etcdesk.core.schema_messages import (
    TYPE_NAMES,
    JsonPath,
    ValidationIssue,
    issues_for,
    json_path,
    path_sort_key,
)
from etcdesk.core.schema_resolve import ABSENT, Flattener, SchemaError, resource_for
from etcdesk.core.values import UnsafeValue, parse_json, parse_yaml

if TYPE_CHECKING:
    from etcdesk.core.etcd_store import EtcdReader

__all__ = [
    "JsonPath",
    "SchemaError",
    "SchemaRegistry",
    "ValidationIssue",
    "get_path",
    "json_path",
    "secret_paths",
    "unique_paths",
]

SCHEMA_SUFFIXES = (".schema.yaml", ".schema.yml", ".schema.json", ".yaml", ".yml", ".json")
_CACHE_SIZE = 128


def _parse_schema(name: str, text: str) -> dict[str, Any]:
    try:
        data = parse_json(text) if name.endswith(".json") else parse_yaml(text)
    except (ValueError, yaml.YAMLError, RecursionError) as exc:
        kind = "JSON" if name.endswith(".json") else "YAML"
        if isinstance(exc, UnsafeValue):
            message = translate("Schemas", "schema {name}: {error}")
            raise SchemaError(message.format(name=name, error=exc)) from exc
        message = translate("Schemas", "schema {name}: not valid {kind}: {error}")
        raise SchemaError(message.format(name=name, kind=kind, error=exc)) from exc
    if not isinstance(data, dict):
        message = translate("Schemas", "schema {name}: must be a mapping (a JSON Schema object)")
        raise SchemaError(message.format(name=name))
    _check_schema(name, data)
    return data


def _check_schema(name: str, schema: Any) -> type[Validator]:
    cls: type[Validator] = validator_for(schema, default=Draft202012Validator)
    try:
        cls.check_schema(schema)
    except js_exceptions.SchemaError as exc:
        where = json_path(tuple(exc.absolute_path))
        message = translate(
            "Schemas", "schema {name} is not a valid JSON Schema at {where}: {error}"
        )
        raise SchemaError(message.format(name=name, where=where, error=exc.message)) from exc
    return cls


# What ``x-i18n`` may localize: the schema's own texts, and those of its ``x-ui`` hints.
_LOCALIZED = ("title", "description")
_LOCALIZED_UI = ("help", "placeholder", "group")
# Keywords whose values are data, not subschemas: never searched for ``x-i18n``.
_DATA_KEYWORDS = frozenset({"default", "const", "enum", "examples"})
_SCHEMA_MAPS = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
)


def localize(schema: Any, lang: str) -> Any:
    """``schema`` with the texts people read in ``lang`` (e.g. ``zh_CN``), where it has them.

    Any (sub)schema may carry ``x-i18n: {zh_CN: {title: …, description: …, help: …,
    placeholder: …, group: …}}``; ``help``, ``placeholder`` and ``group`` replace those of
    ``x-ui``. ``zh`` entries serve every Chinese locale without its own. A new document is
    returned when anything changed; validation is unaffected (only annotations change).
    """
    if not lang:
        return schema
    base = lang.split("_", 1)[0]

    def walk(node: Any, names: bool = False) -> Any:
        """``names``: ``node`` maps names to subschemas (properties, $defs), no keywords."""
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        out = {
            k: v if k in _DATA_KEYWORDS and not names else walk(v, k in _SCHEMA_MAPS and not names)
            for k, v in node.items()
        }
        if names:
            return out
        texts = node.get("x-i18n")
        entry = texts.get(lang) or texts.get(base) if isinstance(texts, dict) else None
        if isinstance(entry, dict):
            for key in _LOCALIZED:
                if isinstance(entry.get(key), str):
                    out[key] = entry[key]
            hints = {k: entry[k] for k in _LOCALIZED_UI if isinstance(entry.get(k), str)}
            if hints:
                old = out.get("x-ui")
                out["x-ui"] = {**(old if isinstance(old, dict) else {}), **hints}
        return out

    return walk(schema)


class SchemaRegistry:
    """Named JSON Schemas (draft 2020-12), bundled and/or read from etcd; $ref within and between.

    Thread-safe: validation runs on worker threads while the GUI thread builds forms.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._schemas: dict[str, dict[str, Any]] = {}
        self._origin: dict[str, str] = {}  # name -> "bundled" | key it was read from
        self._referencing: Registry[Any] = Registry()
        self._validators: OrderedDict[int, tuple[Any, Validator]] = OrderedDict()

    @classmethod
    def bundled(cls) -> SchemaRegistry:
        """The schemas shipped in ``resources/schemas/``."""
        registry = cls()
        for entry in sorted(resource("schemas").iterdir(), key=lambda e: e.name):
            if entry.name.endswith(SCHEMA_SUFFIXES):
                registry._add(entry.name, _parse_schema(entry.name, entry.read_text("utf-8")))
        registry._rebuild()
        return registry

    # -- contents ------------------------------------------------------------------------------

    def add_text(self, name: str, text: str) -> None:
        """Add or replace schema ``name`` from YAML or JSON text; SchemaError if invalid."""
        self._add(name, _parse_schema(name, text))
        self._rebuild()

    def _add(self, name: str, schema: dict[str, Any], origin: str = "bundled") -> None:
        schema = localize(schema, language())
        with self._lock:
            self._schemas[name] = schema
            self._origin[name] = origin

    def _rebuild(self) -> None:
        """A fresh immutable referencing registry: every schema under its name and its $id."""
        with self._lock:
            pairs: list[tuple[str, Resource[Any]]] = []
            for name, schema in self._schemas.items():
                res = resource_for(schema)
                pairs.append((name, res))
                if isinstance(schema.get("$id"), str):
                    pairs.append((urldefrag(schema["$id"])[0], res))
            by_name = {name.rsplit("/", 1)[-1]: res for name, res in pairs}

            def retrieve(uri: str) -> Resource[Any]:
                # "https://example.com/x/quota.schema.yaml" -> the schema named quota.schema.yaml
                found = by_name.get(urldefrag(uri)[0].rsplit("/", 1)[-1])
                if found is None:
                    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]
                return found

            self._referencing = Registry(retrieve=retrieve).with_resources(pairs)  # type: ignore[call-arg]
            self._validators.clear()

    def load_from_store(self, store: EtcdReader, prefix: bytes) -> list[str]:
        """Read every schema under ``prefix`` in etcd; they override bundled ones of that name.

        The name is the key after the prefix (``ratelimit.schema.yaml``). A broken schema is
        skipped (the bundled one, if any, stays) and reported in the returned messages, so one
        bad key does not take every form down.
        """
        errors: list[str] = []
        result = store.get_range(prefix, prefix_range_end(prefix))
        for kv in result.kvs:
            name = display(kv.key[len(prefix) :])
            try:
                schema = _parse_schema(name, kv.value.decode("utf-8"))
            except UnicodeDecodeError:
                message = translate("Schemas", "schema {name} in etcd: not UTF-8 text; skipped")
                errors.append(message.format(name=name))
                continue
            except SchemaError as exc:
                message = translate("Schemas", "{error} (in etcd at {key}); skipped")
                errors.append(message.format(error=exc, key=display(kv.key)))
                continue
            with self._lock:
                previous = self._schemas.get(name), self._origin.get(name)
            self._add(name, schema, display(kv.key))
            self._rebuild()
            problem = self._unresolved_ref(name)
            if problem:
                message = translate("Schemas", "schema {name} in etcd: {problem}; skipped")
                errors.append(message.format(name=name, problem=problem))
                with self._lock:
                    if previous[0] is None:
                        del self._schemas[name], self._origin[name]
                    else:
                        self._schemas[name], self._origin[name] = previous  # type: ignore[assignment]
                self._rebuild()
        return errors

    def _unresolved_ref(self, name: str) -> str | None:
        schema = self.get(name)
        try:
            base = self._base_uri(schema)
            self._flattener(schema, base).effective(schema, ABSENT, base)
        except SchemaError as exc:
            return str(exc)
        return None

    def names(self) -> list[str]:
        with self._lock:
            return sorted(self._schemas)

    def get(self, name: str) -> dict[str, Any] | None:
        with self._lock:
            return self._schemas.get(name)

    def origin(self, name: str) -> str | None:
        """Where schema ``name`` came from: "bundled" or the etcd key it was read from."""
        with self._lock:
            return self._origin.get(name)

    def for_config(self, layout: Layout, leaf: str) -> tuple[str, dict[str, Any]] | None:
        """The schema the layout assigns to config path ``leaf``; None if none or unknown."""
        name = layout.schema_for(leaf)
        schema = self.get(name) if name is not None else None
        return (name, schema) if name is not None and schema is not None else None

    # -- validation ----------------------------------------------------------------------------

    def _validator(self, schema: Any) -> Validator:
        key = id(schema)
        with self._lock:
            hit = self._validators.get(key)
            if hit is not None and hit[0] is schema:
                self._validators.move_to_end(key)
                return hit[1]
            registry = self._referencing
        cls = _check_schema(self._label(schema), schema)
        validator = cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)
        with self._lock:
            self._validators[key] = (schema, validator)  # holding `schema` pins its id
            while len(self._validators) > _CACHE_SIZE:
                self._validators.popitem(last=False)
        return validator

    def _label(self, schema: Any) -> str:
        with self._lock:
            for name, known in self._schemas.items():
                if known is schema:
                    return name
        if isinstance(schema, dict):
            return str(
                schema.get("$id") or schema.get("title") or translate("Schemas", "(unnamed)")
            )
        return translate("Schemas", "(unnamed)")

    def validate(self, schema: dict[str, Any], data: Any) -> list[ValidationIssue]:
        """Every problem of ``data`` against ``schema``, sorted by path; [] when valid.

        Never raises for bad data; raises SchemaError when the schema itself is broken or refers
        to a schema that is not known.
        """
        validator = self._validator(schema)
        issues: dict[ValidationIssue, None] = {}
        try:
            for error in validator.iter_errors(data):
                for issue in self._issues(error):
                    issues[issue] = None
        except Unresolvable as exc:
            message = translate("Schemas", "schema {name}: {error}")
            raise SchemaError(message.format(name=self._label(schema), error=exc)) from exc
        return sorted(issues, key=lambda i: (path_sort_key(i.path), i.message))

    def _issues(self, error: js_exceptions.ValidationError) -> list[ValidationIssue]:
        """For a failed oneOf/anyOf, the problems of the option the data was meant to be.

        Picked from the errors jsonschema already collected per option (a ``const``
        discriminator, else a fitting type, else the fewest problems): no second validation,
        and no reference to resolve out of context.
        """
        if error.validator in ("oneOf", "anyOf") and error.context:
            options = error.validator_value
            per_option: dict[int, list[js_exceptions.ValidationError]] = {}
            for sub in error.context:
                per_option.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
            chosen = next(
                (i for i, o in enumerate(options) if _discriminated(o, error.instance)), None
            )
            if chosen is None:
                if all(_misfit(errs)[0] for errs in per_option.values()):
                    return [ValidationIssue(tuple(error.absolute_path), _any_type(per_option))]
                chosen = min(per_option, key=lambda i: _misfit(per_option[i]))
            return [issue for sub in per_option.get(chosen, []) for issue in self._issues(sub)]
        return list(issues_for(error))

    def _is_valid(self, schema: Any, data: Any) -> bool:
        cls: type[Validator] = validator_for(schema, default=Draft202012Validator)
        with self._lock:
            registry = self._referencing
        try:
            return bool(
                cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER).is_valid(data)
            )
        except Unresolvable as exc:
            message = translate("Schemas", "schema {name}: {error}")
            raise SchemaError(message.format(name=self._label(schema), error=exc)) from exc

    def _error_count(self, schema: Any, data: Any) -> int:
        cls: type[Validator] = validator_for(schema, default=Draft202012Validator)
        with self._lock:
            registry = self._referencing
        validator = cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)
        return sum(1 for _ in validator.iter_errors(data))

    # -- the form's view -----------------------------------------------------------------------

    def _flattener(self, schema: Any, base: str) -> Flattener:
        with self._lock:
            registry = self._referencing
        if base == "" and isinstance(schema, dict):
            # Local "#/$defs/..." references of a schema nobody registered.
            registry = registry.with_resource("", resource_for(schema))
        return Flattener(registry, self._is_valid)

    def _base_uri(self, schema: Any) -> str:
        """The URI relative ``$ref``s in ``schema`` resolve against: its $id, else its name."""
        if isinstance(schema, dict) and isinstance(schema.get("$id"), str):
            return urldefrag(schema["$id"])[0]
        with self._lock:
            for name, known in self._schemas.items():
                if known is schema:
                    return name
        return ""

    def resolve(self, schema: dict[str, Any], data: Any = ABSENT) -> dict[str, Any]:
        """The effective schema of ``schema`` for ``data``, as the form renders it.

        ``$ref`` is replaced (recursion is left as an absolute ``$ref`` for the next level),
        ``allOf`` merged, ``if``/``then``/``else`` applied against ``data`` (kept as they are
        where there is no data, e.g. for list items: resolve each item's schema with the item).
        ``oneOf``/``anyOf`` stay: the form shows a variant selector (see ``choose_variant``).
        """
        base = self._base_uri(schema)
        return self._flattener(schema, base).effective(schema, data, base)

    def choose_variant(self, options: list[dict[str, Any]], data: Any) -> int:
        """The index of the oneOf/anyOf option ``data`` matches best.

        A ``const`` discriminator property decides first ({"kind": {"const": "s3"}}), then the
        first option ``data`` is valid against, then the option with the fewest errors (0 when
        nothing tells them apart). Pass options of a resolved schema.
        """
        if not options:
            return 0
        for index, option in enumerate(options):
            if _discriminated(option, data):
                return index
        for index, option in enumerate(options):
            if self._is_valid(option, data):
                return index
        ranks = [(not _type_fits(o, data), self._error_count(o, data)) for o in options]
        return ranks.index(min(ranks))

    def default_for(self, schema: dict[str, Any]) -> Any:
        """An instance for a new config: defaults, required properties filled recursively."""
        base = self._base_uri(schema)
        flattener = self._flattener(schema, base)
        return flattener.default_for(flattener.effective(schema, ABSENT, base))


_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "number": (int, float),
    "integer": (int,),
    "boolean": (bool,),
    "null": (type(None),),
}


def _type_fits(option: Any, data: Any) -> bool:
    """Whether ``data`` has one of the option's JSON types (booleans are not numbers)."""
    kinds = option.get("type") if isinstance(option, dict) else None
    if kinds is None:
        return True
    for kind in kinds if isinstance(kinds, list) else [kinds]:
        types = _JSON_TYPES.get(str(kind), ())
        if isinstance(data, types) and not (isinstance(data, bool) and kind != "boolean"):
            return True
        if kind == "integer" and isinstance(data, float) and data.is_integer():
            return True
    return False


def _misfit(errors: list[js_exceptions.ValidationError]) -> tuple[bool, int]:
    """How badly data fails one option: a wrong type at its root first, then the error count."""
    wrong_type = any(e.validator == "type" and not e.relative_path for e in errors)
    return wrong_type, len(errors)


def _any_type(per_option: dict[int, list[js_exceptions.ValidationError]]) -> str:
    """ "must be a whole number or text" when the data fits no option's type."""
    kinds: list[str] = []
    for errors in per_option.values():
        for e in errors:
            if e.validator == "type" and not e.relative_path:
                value = e.validator_value
                kinds += [str(k) for k in (value if isinstance(value, list) else [value])]
    names = dict.fromkeys(translate("Validation", TYPE_NAMES.get(k, k)) for k in kinds)
    joined = translate("Validation", " or ").join(names)
    return translate("Validation", "must be {types}").format(types=joined)


def _discriminated(option: Any, data: Any) -> bool:
    if not isinstance(option, dict):
        return False
    if "const" in option:
        return bool(option["const"] == data)
    consts = {
        name: sub["const"] if "const" in sub else sub["enum"][0]
        for name, sub in (option.get("properties") or {}).items()
        if isinstance(sub, dict)
        and ("const" in sub or (isinstance(sub.get("enum"), list) and len(sub["enum"]) == 1))
    }
    return (
        bool(consts)
        and isinstance(data, dict)
        and all(name in data and data[name] == value for name, value in consts.items())
    )


def _marked_paths(schema: Any, keyword: str, prefix: JsonPath = ()) -> list[JsonPath]:
    found: list[JsonPath] = []
    if not isinstance(schema, dict):
        return found
    if schema.get(keyword) is True:
        found.append(prefix)
    for name, sub in (schema.get("properties") or {}).items():
        found.extend(_marked_paths(sub, keyword, (*prefix, name)))
    for piece in schema.get("allOf") or []:
        found.extend(p for p in _marked_paths(piece, keyword, prefix) if p not in found)
    return found


def unique_paths(schema: dict[str, Any]) -> list[JsonPath]:
    """Object properties marked ``x-unique: true`` (unique across tenants for this config).

    Follows nested ``properties`` and ``allOf``, not ``$ref``: pass a resolved schema.
    """
    return _marked_paths(schema, "x-unique")


def secret_paths(schema: dict[str, Any]) -> list[JsonPath]:
    """Object properties marked ``x-secret: true`` (masked, never logged)."""
    return _marked_paths(schema, "x-secret")


def all_secret_paths(
    registry: SchemaRegistry | None, schema: dict[str, Any] | None, data: Any = ABSENT
) -> tuple[JsonPath, ...]:
    """Every path a secret may sit at under ``schema``, for masking: more rather than fewer.

    ``secret_paths`` follows ``properties`` and ``allOf`` of the schema as written; a secret
    reached through ``$ref``, ``oneOf``/``anyOf`` or ``if``/``then``/``else`` would be missed.
    This resolves references (for ``data`` and without it) and takes every branch.
    """
    if not isinstance(schema, dict):
        return ()
    found: dict[JsonPath, None] = dict.fromkeys(secret_paths(schema))

    def walk(node: Any, path: JsonPath, depth: int) -> None:
        if not isinstance(node, dict) or depth > 32:
            return
        if "$ref" in node and registry is not None:
            try:
                node = registry.resolve(node)
            except (SchemaError, RecursionError):
                return
        if node.get("x-secret") is True and path:
            found[path] = None
        for name, sub in (node.get("properties") or {}).items():
            walk(sub, (*path, name), depth + 1)
        for keyword in ("allOf", "oneOf", "anyOf"):
            for branch in node.get(keyword) or []:
                walk(branch, path, depth + 1)
        for keyword in ("then", "else"):
            walk(node.get(keyword), path, depth + 1)

    candidates: list[Any] = [schema]
    if registry is not None:
        for value in (ABSENT, data) if data is not ABSENT else (ABSENT,):
            try:
                candidates.append(registry.resolve(schema, value))
            except (SchemaError, RecursionError):
                continue
    for candidate in candidates:
        walk(candidate, (), 0)
    return tuple(found)


def get_path(data: Any, path: JsonPath) -> Any:
    """The value at ``path``; KeyError (missing key) or IndexError (missing item) if absent."""
    node = data
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            if not isinstance(node, list):
                raise KeyError(part)
            if not 0 <= part < len(node):
                raise IndexError(part)
            node = node[part]
        else:
            if not isinstance(node, dict) or part not in node:
                raise KeyError(part)
            node = node[part]
    return node
