#!/usr/bin/env python3
"""Checks the platform's contract files, or a file of events against them.

    check_schemas.py                 every schemas/events/*.json is a valid JSON Schema
                                     2020-12 with at least one example, each passing it; every
                                     schemas/openapi/*.json parses, says openapi 3.1.x and
                                     has only $refs that resolve, an example for every
                                     application/json request body, and request body and
                                     response examples that pass their schemas
                                     (2020-12, $refs within the document); schemas/asyncapi.yaml
                                     references files that exist and every event schema
    check_schemas.py --responses DOC FILE
                                     FILE holds JSON lines {"schema": "<name>", "body": {...}}
                                     (answers an integration test received); each body must
                                     pass components.schemas.<name> of schemas/openapi/DOC.json
    check_schemas.py --events FILE   FILE holds JSON lines {"type": "<ce_type>", "data": {...}};
                                     each data must pass schemas/events/<type>.json
                                     (an unknown type fails)

Prints one line per failure and ends with "N passed, N failed"; exits 1 on any
failure. Needs only the standard library and python3-jsonschema (4.10 or later).
"""
import argparse
import json
import re
import sys
import uuid
from pathlib import Path
from urllib.parse import unquote

from jsonschema import Draft202012Validator, FormatChecker

ROOT = Path(__file__).resolve().parents[2]
META_2020_12 = "https://json-schema.org/draft/2020-12/schema"
TYPE_NAME = re.compile(r"^[a-z0-9]+(?:[._-][a-z0-9]+)*$")
RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$")


class Tally:
    def __init__(self, verbose):
        self.passed = 0
        self.failed = 0
        self.verbose = verbose

    def ok(self, what):
        self.passed += 1
        if self.verbose:
            print(f"ok   {what}")

    def fail(self, what, why):
        self.failed += 1
        print(f"FAIL {what}: {why}")

    def check(self, what, problems):
        """Passes when problems is empty, else fails with the first few."""
        if problems:
            more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
            self.fail(what, "; ".join(problems[:3]) + more)
        else:
            self.ok(what)


# ---- formats: checked the same way whatever optional packages are installed ----

def format_checker():
    checker = FormatChecker(formats=())

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value):
        if not isinstance(value, str):
            return True
        m = RFC3339.match(value)
        if m is None:
            return False
        year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
        days = [31, 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
                31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        offset_ok = m.group(9) is None or (int(m.group(9)) <= 23 and int(m.group(10)) <= 59)
        return (1 <= month <= 12 and 1 <= day <= days[month - 1] and hour <= 23 and minute <= 59
                and second <= 60 and offset_ok)

    @checker.checks("uuid", raises=ValueError)
    def is_uuid(value):
        if not isinstance(value, str):
            return True
        uuid.UUID(value)
        return len(value) == 36 and all(value[i] == "-" for i in (8, 13, 18, 23))

    return checker


def pattern_problems(node, here=""):
    """Lists the "pattern" keywords in a schema that are not valid regular expressions."""
    problems = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                try:
                    re.compile(value)
                except re.error as e:
                    problems.append(f"{here}/pattern is not a valid regular expression: {e}")
            elif key not in ("examples", "const", "enum", "default"):
                problems += pattern_problems(value, f"{here}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            problems += pattern_problems(value, f"{here}/{i}")
    return problems


def error_text(err):
    where = "/".join(str(p) for p in err.absolute_path)
    return f"{where or '(root)'}: {err.message}"


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


# ---- event schemas ----

def check_event_schemas(tally, events_dir):
    files = sorted(events_dir.glob("*.json"))
    if not files:
        tally.fail(str(events_dir), "no event schema found")
    for path in files:
        name = path.relative_to(ROOT) if ROOT in path.parents else path
        try:
            schema = load_json(path)
        except (OSError, ValueError) as e:
            tally.fail(f"{name}", f"not readable JSON: {e}")
            continue
        problems = []
        if not isinstance(schema, dict):
            tally.fail(f"{name}", "not a JSON object")
            continue
        if schema.get("$schema") != META_2020_12:
            problems.append(f"$schema must be {META_2020_12}")
        expected_id = f"urn:ocop:event:{path.stem}"
        if schema.get("$id") != expected_id:
            problems.append(f"$id must be {expected_id}")
        if not TYPE_NAME.match(path.stem) or not re.search(r"\.v[0-9]+$", path.stem):
            problems.append("the file name must be the event type ending in .v<N>")
        if schema.get("type") != "object":
            problems.append('the data must be "type": "object"')
        if schema.get("additionalProperties") is not True:
            problems.append('"additionalProperties" must be true (consumers tolerate new members)')
        try:
            Draft202012Validator.check_schema(schema)
        except Exception as e:  # SchemaError, or a bad regex
            problems.append(f"not a valid 2020-12 schema: {getattr(e, 'message', e)}")
        problems += pattern_problems(schema)
        tally.check(f"{name} is a valid event schema", problems)
        if problems:
            continue
        validator = Draft202012Validator(schema, format_checker=format_checker())
        if not schema.get("examples"):
            tally.fail(f"{name}", "no example (each event message needs one, validated here)")
        for i, example in enumerate(schema.get("examples", [])):
            errs = sorted(validator.iter_errors(example), key=lambda e: list(e.absolute_path))
            tally.check(f"{name} examples[{i}] passes its schema", [error_text(e) for e in errs])


# ---- OpenAPI documents ----

def resolve_pointer(doc, pointer):
    """Follows a JSON pointer ("" or "/a/b") in doc; raises KeyError/IndexError when absent."""
    if pointer == "":
        return doc
    if not pointer.startswith("/"):
        raise KeyError(f"not a JSON pointer: {pointer!r}")
    node = doc
    for token in pointer[1:].split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            node = node[int(token)]
        elif isinstance(node, dict):
            node = node[token]
        else:
            raise KeyError(token)
    return node


def find_refs(node, here=""):
    """Yields (location, $ref value) for every $ref in node."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield here or "/", value
            else:
                token = str(key).replace("~", "~0").replace("/", "~1")
                yield from find_refs(value, f"{here}/{token}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from find_refs(value, f"{here}/{i}")


def ref_problem(doc, doc_path, ref, cache):
    """Returns why ref (found in doc, the file doc_path) does not resolve, or None."""
    target, _, fragment = ref.partition("#")
    fragment = unquote(fragment)
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target):
        return "only local and relative file references are allowed"
    if target:
        path = (doc_path.parent / unquote(target)).resolve()
        if path not in cache:
            try:
                cache[path] = load_json(path)
            except (OSError, ValueError) as e:
                cache[path] = e
        if isinstance(cache[path], Exception):
            return f"cannot read {target}: {cache[path]}"
        doc = cache[path]
    try:
        resolve_pointer(doc, fragment)
    except (KeyError, IndexError, ValueError, TypeError):
        return "does not resolve"
    return None


def media_examples(node):
    """Yields (media object, example) for every example of the content objects below node."""
    if isinstance(node, dict):
        for media in (node.get("content") or {}).values():
            if isinstance(media, dict) and "schema" in media:
                if "example" in media:
                    yield media, media["example"]
                for named in (media.get("examples") or {}).values():
                    if isinstance(named, dict) and "value" in named:
                        yield media, named["value"]
        for key, value in node.items():
            if key != "content":
                yield from media_examples(value)
    elif isinstance(node, list):
        for value in node:
            yield from media_examples(value)


def check_identity_examples(tally, doc, name):
    """The examples of GET /v1/audit and of the 401 and 403 responses pass their schemas."""
    places = [("GET /v1/audit", doc.get("paths", {}).get("/v1/audit"))]
    for response in ("Unauthorized", "Forbidden"):
        places.append((response, doc.get("components", {}).get("responses", {}).get(response)))
    for where, node in places:
        found = list(media_examples(node))
        problems = [] if found else ["no example"]
        for media, example in found:
            root = {"$ref": "#/$media", "$media": media["schema"], "components": doc["components"]}
            validator = Draft202012Validator(root, format_checker=format_checker())
            problems += [error_text(e) for e in validator.iter_errors(example)]
        tally.check(f"{name}: the examples of {where} pass their schemas", problems)


METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def schema_validator(doc, schema):
    """A 2020-12 validator of schema whose $refs resolve within doc."""
    root = {"$ref": "#/$media", "$media": schema, "components": doc.get("components", {})}
    return Draft202012Validator(root, format_checker=format_checker())


def check_operation_examples(tally, doc, name):
    """Every request body with application/json has an example; every example of a request
    body or a response (inline or a components.responses one) passes its schema."""
    for path, item in sorted((doc.get("paths") or {}).items()):
        for method in METHODS:
            op = item.get(method) if isinstance(item, dict) else None
            if not isinstance(op, dict):
                continue
            where = f"{method.upper()} {path}"
            body = op.get("requestBody")
            if isinstance(body, dict) and "$ref" in body:
                body = resolve_pointer(doc, body["$ref"][1:])
            if isinstance(body, dict):
                problems = []
                for ctype, media in (body.get("content") or {}).items():
                    if not isinstance(media, dict) or "schema" not in media:
                        continue
                    found = list(media_examples({"content": {ctype: media}}))
                    if not found and ctype == "application/json":
                        problems.append(f"{ctype}: no example")
                    validator = schema_validator(doc, media["schema"])
                    for _, example in found:
                        problems += [f"{ctype}: {error_text(e)}"
                                     for e in validator.iter_errors(example)]
                tally.check(f"{name}: the request body examples of {where} pass their schemas",
                            problems)
            problems = []
            count = 0
            for status, response in sorted((op.get("responses") or {}).items()):
                if isinstance(response, dict) and "$ref" in response:
                    continue  # components.responses: checked once below
                for media, example in media_examples(response):
                    count += 1
                    problems += [f"{status}: {error_text(e)}"
                                 for e in schema_validator(doc, media["schema"]).iter_errors(example)]
            if count:
                tally.check(f"{name}: the {count} response examples of {where} pass their schemas",
                            problems)
    for key, response in sorted(((doc.get("components") or {}).get("responses") or {}).items()):
        problems = []
        for media, example in media_examples(response):
            problems += [error_text(e)
                         for e in schema_validator(doc, media["schema"]).iter_errors(example)]
        tally.check(f"{name}: the examples of components.responses.{key} pass their schemas",
                    problems)


def check_openapi(tally, openapi_dir):
    files = sorted(openapi_dir.glob("*.json"))
    if not files:
        tally.fail(str(openapi_dir), "no OpenAPI document found")
    for path in files:
        name = path.relative_to(ROOT) if ROOT in path.parents else path
        try:
            doc = load_json(path)
        except (OSError, ValueError) as e:
            tally.fail(f"{name} parses", str(e))
            continue
        tally.ok(f"{name} parses")
        if isinstance(doc, dict):
            check_identity_examples(tally, doc, name)
            check_operation_examples(tally, doc, name)
        version = doc.get("openapi") if isinstance(doc, dict) else None
        problems = []
        if not isinstance(version, str) or not re.match(r"^3\.1\.[0-9]+$", version):
            problems.append(f'"openapi" is {version!r}, not "3.1.x"')
        if not isinstance(doc, dict) or not isinstance(doc.get("info"), dict) \
                or not doc["info"].get("title") or not doc["info"].get("version"):
            problems.append("info.title and info.version are required")
        if not isinstance(doc, dict) or not isinstance(doc.get("paths"), dict):
            problems.append("paths is missing")
        tally.check(f"{name} is OpenAPI 3.1.x", problems)
        cache = {}
        bad = []
        count = 0
        for where, ref in find_refs(doc):
            count += 1
            why = ref_problem(doc, path, ref, cache)
            if why:
                bad.append(f"{where}: {ref} {why}")
        tally.check(f"{name}: all {count} $refs resolve", bad)


# ---- AsyncAPI document (file references, coverage, and its structure through PyYAML) ----

def asyncapi_structure(text):
    """Parses the document (PyYAML, which tests/run installs) and returns its problems: every
    channel message is a $ref to a message of components.messages, every operation's message
    one of its channel's, and every message of components.messages has a name."""
    import yaml
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as e:
        return [f"not YAML: {e}".replace("\n", " ")]
    problems = []
    messages = ((doc.get("components") or {}).get("messages") or {})
    for key, message in messages.items():
        if not isinstance(message, dict) or not isinstance(message.get("name"), str):
            problems.append(f"components.messages.{key} has no name")
    for cname, channel in (doc.get("channels") or {}).items():
        for mname, ref in ((channel or {}).get("messages") or {}).items():
            target = (ref or {}).get("$ref", "") if isinstance(ref, dict) else ""
            if not target.startswith("#/components/messages/") or \
                    target.rsplit("/", 1)[1] not in messages:
                problems.append(f"channels.{cname}.messages.{mname} is no $ref to a message")
    for oname, op in (doc.get("operations") or {}).items():
        cref = ((op or {}).get("channel") or {}).get("$ref", "")
        channel = (doc.get("channels") or {}).get(cref.rsplit("/", 1)[-1]) or {}
        for ref in (op or {}).get("messages") or []:
            target = (ref or {}).get("$ref", "")
            parts = target.split("/")
            if len(parts) != 5 or parts[3] != "messages" or parts[4] not in (channel.get("messages") or {}):
                problems.append(f"operations.{oname}: {target} is not a message of its channel")
    return problems


def check_asyncapi(tally, schemas_dir):
    path = schemas_dir / "asyncapi.yaml"
    name = path.relative_to(ROOT) if ROOT in path.parents else path
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        tally.fail(f"{name}", str(e))
        return
    problems = asyncapi_structure(text)
    if not re.search(r"^asyncapi:\s*['\"]?3\.0\.[0-9]+", text, re.M):
        problems.append("asyncapi: 3.0.x is missing")
    refs = re.findall(r"\$ref:\s*['\"]?([^'\"\s#]+)(?:#[^'\"\s]*)?['\"]?", text)
    for ref in refs:
        if not (path.parent / ref).is_file():
            problems.append(f"{ref} does not exist")
    referenced = {(path.parent / r).resolve() for r in refs}
    for schema in sorted((schemas_dir / "events").glob("*.json")):
        if schema.resolve() not in referenced:
            problems.append(f"events/{schema.name} is not referenced by a message")
        elif f"name: {schema.stem}" not in text:
            problems.append(f"no message is named {schema.stem}")
    tally.check(f"{name} references existing files and every event schema", problems)


# ---- events ----

def check_events(tally, events_dir, events_file):
    validators = {}
    try:
        lines = Path(events_file).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        tally.fail(str(events_file), f"cannot read: {e}")
        return
    for number, line in enumerate(lines, 1):
        what = f"{events_file}:{number}"
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except ValueError as e:
            tally.fail(what, f"not JSON: {e}")
            continue
        if not isinstance(event, dict) or not isinstance(event.get("type"), str) or "data" not in event:
            tally.fail(what, 'expected an object {"type": "<ce_type>", "data": {...}}')
            continue
        etype = event["type"]
        what = f"{what} {etype}"
        if etype not in validators:
            schema_path = events_dir / f"{etype}.json"
            if not TYPE_NAME.match(etype) or not schema_path.is_file():
                validators[etype] = "unknown event type (no schemas/events/<type>.json)"
            else:
                try:
                    schema = load_json(schema_path)
                    Draft202012Validator.check_schema(schema)
                    validators[etype] = Draft202012Validator(schema, format_checker=format_checker())
                except Exception as e:
                    validators[etype] = f"its schema is unusable: {getattr(e, 'message', e)}"
        validator = validators[etype]
        if isinstance(validator, str):
            tally.fail(what, validator)
            continue
        errs = sorted(validator.iter_errors(event["data"]), key=lambda e: list(e.absolute_path))
        tally.check(what, [error_text(e) for e in errs])


def check_responses(tally, openapi_dir, document, responses_file):
    try:
        doc = load_json(openapi_dir / f"{document}.json")
        lines = Path(responses_file).read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError) as e:
        tally.fail(str(responses_file), f"cannot read: {e}")
        return
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        what = f"{responses_file}:{number}"
        try:
            item = json.loads(line)
            name = item["schema"]
            schema = doc["components"]["schemas"][name]
        except (ValueError, KeyError, TypeError) as e:
            tally.fail(what, f"expected {{\"schema\": <a schema of {document}.json>, \"body\"}}: {e}")
            continue
        errs = sorted(schema_validator(doc, {"$ref": f"#/components/schemas/{name}"})
                      .iter_errors(item.get("body")), key=lambda e: list(e.absolute_path))
        tally.check(f"{what} {name}", [error_text(e) for e in errs])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", metavar="FILE", help="JSON lines of {\"type\", \"data\"} to validate")
    ap.add_argument("--responses", nargs=2, metavar=("DOC", "FILE"),
                    help="JSON lines of {\"schema\", \"body\"} to validate against DOC.json")
    ap.add_argument("--schemas", metavar="DIR", default=str(ROOT / "schemas"),
                    help="the schemas folder (default: the repository's)")
    ap.add_argument("-v", "--verbose", action="store_true", help="also print the checks that pass")
    args = ap.parse_args()
    schemas_dir = Path(args.schemas).resolve()
    tally = Tally(args.verbose)
    if args.events:
        check_events(tally, schemas_dir / "events", args.events)
    elif args.responses:
        check_responses(tally, schemas_dir / "openapi", *args.responses)
    else:
        check_event_schemas(tally, schemas_dir / "events")
        check_openapi(tally, schemas_dir / "openapi")
        check_asyncapi(tally, schemas_dir)
    print(f"{tally.passed} passed, {tally.failed} failed")
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
