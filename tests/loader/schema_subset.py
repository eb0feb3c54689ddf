"""A JSON Schema validator for the keywords our schemas use, so tests can hold the published
schemas to real story files without another dependency. Any keyword it does not know fails
loudly: a schema edit that needs more is caught here rather than silently passed."""

from __future__ import annotations

import re
from typing import Any

ANNOTATIONS = {"$schema", "$id", "title", "description"}
TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "boolean": (bool,),
    "integer": (int,),
}


def _is_type(value: Any, name: str) -> bool:
    if name == "integer" and isinstance(value, bool):
        return False
    return isinstance(value, TYPES[name])


def valid(schema: dict[str, Any] | bool, value: Any, root: dict[str, Any]) -> bool:
    """Whether ``value`` satisfies ``schema`` (``root`` resolves ``#/$defs/...`` references)."""
    if isinstance(schema, bool):
        return schema
    checks = []
    for key, rule in schema.items():
        if key in ANNOTATIONS or key in ("then", "else", "$defs"):
            continue
        if key == "$ref":
            target: Any = root
            for part in rule.removeprefix("#/").split("/"):
                target = target[part]
            checks.append(valid(target, value, root))
        elif key == "type":
            names = rule if isinstance(rule, list) else [rule]
            checks.append(any(_is_type(value, n) for n in names))
        elif key == "enum":
            checks.append(value in rule)
        elif key == "const":
            checks.append(value == rule and type(value) is type(rule))
        elif key == "pattern":
            checks.append(not isinstance(value, str) or re.search(rule, value) is not None)
        elif key == "minimum":
            checks.append(not _is_type(value, "integer") or value >= rule)
        elif key in ("minItems",):
            checks.append(not isinstance(value, list) or len(value) >= rule)
        elif key in ("minProperties", "maxProperties"):
            ok = len(value) >= rule if key == "minProperties" else len(value) <= rule
            checks.append(not isinstance(value, dict) or ok)
        elif key == "required":
            checks.append(not isinstance(value, dict) or all(k in value for k in rule))
        elif key == "properties":
            checks.append(
                not isinstance(value, dict) or all(valid(rule[k], v, root) for k, v in value.items() if k in rule)
            )
        elif key == "additionalProperties":
            known = schema.get("properties", {})
            checks.append(
                not isinstance(value, dict) or all(valid(rule, v, root) for k, v in value.items() if k not in known)
            )
        elif key == "propertyNames":
            checks.append(not isinstance(value, dict) or all(valid(rule, k, root) for k in value))
        elif key == "items":
            checks.append(not isinstance(value, list) or all(valid(rule, v, root) for v in value))
        elif key == "oneOf":
            checks.append(sum(valid(s, value, root) for s in rule) == 1)
        elif key == "anyOf":
            checks.append(any(valid(s, value, root) for s in rule))
        elif key == "allOf":
            checks.append(all(valid(s, value, root) for s in rule))
        elif key == "not":
            checks.append(not valid(rule, value, root))
        elif key == "if":
            branch = schema.get("then", True) if valid(rule, value, root) else schema.get("else", True)
            checks.append(valid(branch, value, root))
        else:
            raise ValueError(f"the test validator does not know the keyword {key!r}")
    return all(checks)
