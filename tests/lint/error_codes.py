#!/usr/bin/env python3
"""The field-error codes of each OpenAPI document equal the codes its service emits.

    error_codes.py [ROOT]

Extracts from services/<svc>/*.c and services/common/*.c every string literal passed as
the code of a field error (common's count for every service, those of COMMON_BY_CALL modules
only for the services that call them):

  - the third argument of oc_v_error(v, field, CODE, ...);
  - the value after "code" in a json_pack(...) that also packs "field" (a field error);
  - the same positions when they hold a name: a parameter of the enclosing function (the
    literals its callers pass at that position are followed, across the service and
    common) or a local variable (the literals assigned to it in that function).

A code argument that is none of these (an expression) fails the test unless RELAYED
lists it: a new way of emitting codes must be taught here, never silently missed.

Then compares, both ways, with the enum of components.schemas.FieldError.properties.code
of schemas/openapi/<svc>.json: a code emitted but not documented fails; a documented
code never emitted fails unless ALLOWED lists it with its reason.
Prints one line per failure, ends with "N passed, N failed", exits 1 on any failure.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parents[2]
SERVICES = ("registration", "evaluation", "promotion", "notification")

# Code arguments that are expressions, not names or literals: (file, text of the argument).
RELAYED = {
    # copies the code of a finding's own error (built by oc_v_error in the same file)
    ("evaluation/inspection.c", 'json_string_value(json_object_get(e, "code"))'),
    # copies the code of a certificate list line's error (certificate_import_error literals)
    ("evaluation/certificate_import_http.c", 'json_string_value(json_object_get(e, "code"))'),
    ("evaluation/certificate_import.c", 'json_string_value(json_object_get(e, "code"))'),
}

# Codes that are no answer's: emitted where no HTTP answer carries them. (file, code): reason.
NOT_ANSWERED = {
    ("notification/read_model.c", "invalid"):
        "a consumed certificate event's member is bad: logged and dead-lettered, never answered",
}

# Common modules whose codes count only for the services that call them: a code there counts
# for a service when the service calls a public function of the module that reaches the code
# (common/fields.c: a service that only creates records never answers "immutable").
COMMON_BY_CALL = {"common/fields.c"}

# Documented codes no service emits today, kept: (service, code): reason.
ALLOWED = {
}

# ---- a small C reader: comments out, string literals kept whole ----

TOKEN = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|[A-Za-z_][A-Za-z0-9_]*|\S')


def strip_comments(text):
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            out.append(" ")
            i = n if j < 0 else j + 2
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif c == "#" and (i == 0 or text[i - 1] == "\n"):  # preprocessor line
            j = i
            while True:
                j = text.find("\n", j)
                if j < 0 or text[j - 1] != "\\":
                    break
                j += 1
            i = n if j < 0 else j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def tokens(text):
    return TOKEN.findall(strip_comments(text))


def split_args(toks, open_index):
    """The arguments (lists of tokens) of the call whose "(" is toks[open_index]; and the end."""
    depth = 0
    args = [[]]
    i = open_index
    while i < len(toks):
        t = toks[i]
        if t in "([{":
            depth += 1
            if depth > 1:
                args[-1].append(t)
        elif t in ")]}":
            depth -= 1
            if depth == 0:
                return args, i
            args[-1].append(t)
        elif t == "," and depth == 1:
            args.append([])
        else:
            args[-1].append(t)
        i += 1
    return args, i


def literal(tok):
    return tok[1:-1] if tok.startswith('"') else None


def functions(toks):
    """Yields (name, parameter names, first token, last token) of each function definition."""
    i = 0
    depth = 0
    while i < len(toks):
        t = toks[i]
        if t == "{":
            depth += 1
        elif t == "}":
            depth -= 1
        elif depth == 0 and t == "(" and i > 0 and re.match(r"[A-Za-z_]", toks[i - 1]):
            args, close = split_args(toks, i)
            if close + 1 < len(toks) and toks[close + 1] == "{":
                params = [a[-1] if a else "" for a in args]
                body_depth = 0
                j = close + 1
                while j < len(toks):
                    if toks[j] == "{":
                        body_depth += 1
                    elif toks[j] == "}":
                        body_depth -= 1
                        if body_depth == 0:
                            break
                    j += 1
                yield toks[i - 1], params, close + 1, j
                i = j + 1
                continue
            i = close
        i += 1


def is_static(toks, start):
    """Whether the definition whose body opens at toks[start] is static (file-local)."""
    j = start
    while j > 0 and toks[j - 1] not in (";", "}"):
        j -= 1
        if toks[j] == "static":
            return True
    return False


class Source:
    def __init__(self, path):
        self.path = path
        self.rel = str(path.relative_to(ROOT / "services"))
        self.service = path.parent.name
        self.toks = tokens(path.read_text(encoding="utf-8"))
        self.funcs = list(functions(self.toks))

    def enclosing(self, index):
        for name, params, start, end in self.funcs:
            if start <= index <= end:
                return name, params, start, end
        return None


def code_sites(src):
    """Yields (token index, argument tokens) of every field-error code argument in src."""
    toks = src.toks
    for i, t in enumerate(toks):
        if i + 1 >= len(toks) or toks[i + 1] != "(":
            continue
        if t == "oc_v_error":
            args, close = split_args(toks, i + 1)
            if close + 1 < len(toks) and toks[close + 1] == "{":
                continue  # its definition
            if len(args) >= 3:
                yield i, args[2]
        elif t == "json_pack":
            args, _ = split_args(toks, i + 1)
            keys = [a[0] for a in args if len(a) == 1]
            if '"field"' in keys and '"code"' in keys:
                for k, a in enumerate(args[:-1]):
                    if a == ['"code"']:
                        yield i, args[k + 1]


def calls_of(sources, name):
    """Yields (source, argument lists) of every call of the function name."""
    for src in sources:
        toks = src.toks
        for i, t in enumerate(toks):
            if t == name and i + 1 < len(toks) and toks[i + 1] == "(" and \
                    (i == 0 or toks[i - 1] not in ("void", "int", "static", "*")):
                args, close = split_args(toks, i + 1)
                if close + 1 < len(toks) and toks[close + 1] == "{":
                    continue  # the definition
                yield src, i, args


def top_literals(expr):
    """The string literals of an expression outside any call or parenthesis: the values it
    can take ("x", c ? "a" : "b"), not the arguments of a test (strcmp(s, "plain") ? ...)."""
    depth = 0
    out = []
    for t in expr:
        depth += t in "([{"
        depth -= t in ")]}"
        if depth == 0 and literal(t) is not None:
            out.append(literal(t))
    return out


def resolve(src, index, arg, sources, problems, seen, own):
    """Yields (source, code) for the literals an argument can carry (own: the service's)."""
    lits = top_literals(arg)
    if lits:  # literals, maybe chosen by a condition (x ? "range" : "type")
        for c in lits:
            yield src, c
        return
    if len(arg) == 1 and re.match(r"[A-Za-z_]\w*$", arg[0]):
        name = arg[0]
        fn = src.enclosing(index)
        if fn is None:
            problems.append(f"{src.rel}: code {name} outside a function")
            return
        fname, params, start, end = fn
        if name in params:
            key = (src.rel, fname, params.index(name))
            if key in seen:
                return
            seen.add(key)
            pos = params.index(name)
            found = False
            callers = [src] if is_static(src.toks, start) else sources
            for caller, ci, args in calls_of(callers, fname):
                if pos < len(args) and not unreached(caller, ci, own):
                    found = True
                    yield from resolve(caller, ci, args[pos], sources, problems, seen, own)
            if not found and src.service != "common":  # a common helper a service may not use
                problems.append(f"{src.rel}: {fname}() passes its parameter {name} as a code "
                                "and nobody calls it")
            return
        # a local variable: the literals assigned to it in this function
        toks = src.toks
        got = False
        for j in range(start, end):
            if toks[j] == name and j + 1 < end and toks[j + 1] == "=" and toks[j + 2] != "=":
                k = j + 2
                expr = []
                depth = 0
                while k < end and not (depth == 0 and toks[k] in (";", ",")):
                    depth += toks[k] in "([{"
                    depth -= toks[k] in ")]}"
                    expr.append(toks[k])
                    k += 1
                for c in top_literals(expr):
                    got = True
                    yield src, c
            if toks[j] == "&" and j + 1 < end and toks[j + 1] == name:
                got = True  # an out-parameter of the function called: follow it
                yield from out_parameter(src, j, sources, problems)
        if not got:
            problems.append(f"{src.rel}: code variable {name} in {fname}() holds no literal")
        return
    text = " ".join(arg).replace("( ", "(").replace(" )", ")").replace(" (", "(")
    text = re.sub(r"\s*,\s*", ", ", text)
    if (src.rel, text) not in RELAYED:
        problems.append(f"{src.rel}: cannot follow the code argument {text}")


def out_parameter(src, amp, sources, problems):
    """Yields the literals a called function stores through its parameter given &name at amp."""
    toks = src.toks
    depth = 0
    k = amp
    position = 0
    while k > 0:  # back to the "(" of the call, counting the arguments before amp
        k -= 1
        if toks[k] in ")]}":
            depth += 1
        elif toks[k] in "([{":
            if depth == 0:
                break
            depth -= 1
        elif toks[k] == "," and depth == 0:
            position += 1
    callee = toks[k - 1]
    for other in sources:
        for name, params, start, end in other.funcs:
            if name != callee or position >= len(params):
                continue
            param = params[position]
            found = False
            for j in range(start, end):
                if other.toks[j] == "*" and other.toks[j + 1] == param and other.toks[j + 2] == "=":
                    m = j + 3
                    while m < end and other.toks[m] != ";":
                        m += 1
                    for c in top_literals(other.toks[j + 3:m]):
                        found = True
                        yield other, c
            if not found:
                problems.append(f"{other.rel}: {callee}() stores no literal code through {param}")
            return
    problems.append(f"{src.rel}: the code's out-parameter function {callee}() is not found")


def entries(src, fname, seen=None):
    """The public functions of src whose calls reach its function fname (itself if public)."""
    seen = set() if seen is None else seen
    if fname in seen:
        return set()
    seen.add(fname)
    start = next(f[2] for f in src.funcs if f[0] == fname)
    if not is_static(src.toks, start):
        return {fname}
    out = set()
    for name, _, s, e in src.funcs:
        if any(src.toks[j] == fname and src.toks[j + 1] == "(" for j in range(s, e)):
            out |= entries(src, name, seen)
    return out


def unreached(src, index, own):
    """Whether toks[index] of src lies in a COMMON_BY_CALL module where no call of own reaches."""
    if src.rel not in COMMON_BY_CALL or src.enclosing(index) is None:
        return False
    names = entries(src, src.enclosing(index)[0])
    return not any(t in names and i + 1 < len(o.toks) and o.toks[i + 1] == "("
                   for o in own for i, t in enumerate(o.toks))


def emitted(problems):
    """{service: {code: [file, ...]}} of every code emitted in an answer."""
    common = [Source(p) for p in sorted((ROOT / "services/common").glob("*.c"))]
    result = {}
    for svc in SERVICES:
        own = [Source(p) for p in sorted((ROOT / "services" / svc).glob("*.c"))]
        sources = own + common
        codes = {}
        seen = set()
        for src in sources:
            for index, arg in code_sites(src):
                if unreached(src, index, own):
                    continue
                for where, code in resolve(src, index, arg, sources, problems, seen, own):
                    if (where.rel, code) in NOT_ANSWERED:
                        continue
                    codes.setdefault(code, set()).add(where.rel)
        result[svc] = codes
    return result


def documented(svc):
    doc = json.loads((ROOT / "schemas/openapi" / f"{svc}.json").read_text(encoding="utf-8"))
    code = doc["components"]["schemas"]["FieldError"]["properties"]["code"]
    return code.get("enum")


def main():
    passed = failed = 0
    problems = []
    codes = emitted(problems)
    for p in sorted(set(problems)):
        print(f"FAIL {p}")
        failed += 1
    for svc in SERVICES:
        enum = documented(svc)
        if enum is None:
            print(f"FAIL {svc}.json: FieldError.code has no enum")
            failed += 1
            continue
        for code in sorted(set(codes[svc]) - set(enum)):
            print(f"FAIL {svc}: {code!r} is emitted ({', '.join(sorted(codes[svc][code]))}) "
                  "but not in FieldError.code's enum")
            failed += 1
        for code in sorted(set(enum) - set(codes[svc])):
            if (svc, code) in ALLOWED:
                continue
            print(f"FAIL {svc}: {code!r} is in FieldError.code's enum but never emitted")
            failed += 1
        if len(enum) != len(set(enum)):
            print(f"FAIL {svc}: FieldError.code's enum repeats a code")
            failed += 1
        if set(codes[svc]) <= set(enum) and all(c in codes[svc] or (svc, c) in ALLOWED
                                                 for c in enum):
            passed += 1
    stale = [k for k in ALLOWED if k[1] in codes.get(k[0], {})]
    for svc, code in stale:
        print(f"FAIL {svc}: {code!r} is emitted now: remove it from ALLOWED")
        failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
