"""Renders a Kustomize directory with the subset of Kustomize that deploy/k8s uses.

Kustomize itself is not packaged by Debian 12, so tests/lint/k8s.sh renders
the base and the overlays with this module (PyYAML, from Debian). It knows:

  resources          files (one or more YAML documents) and directories
                     holding a kustomization.yaml
  namespace          set on every object
  configMapGenerator envs / files / literals; behavior create, merge, replace
  secretGenerator    the same; data base64-encoded, type Opaque
  patches            path: a strategic-merge patch file (one or more
                     documents), each applied to the object of its kind
                     and name
  images             name -> newName / newTag in containers' images

Any other key in a kustomization.yaml is an error, so a manifest cannot use a
feature this renderer would silently skip. Generated names carry no content
hash here (Kustomize appends one and rewrites the references); the test
compares with `kubectl kustomize` modulo those suffixes when kubectl is there.
"""

import base64
import copy
import os

import yaml

KNOWN_KEYS = {
    "apiVersion",
    "kind",
    "resources",
    "namespace",
    "configMapGenerator",
    "secretGenerator",
    "patches",
    "images",
}
GENERATOR_KEYS = {"name", "behavior", "envs", "files", "literals", "type"}

# Strategic-merge keys of the lists these manifests patch (Kubernetes'
# patchMergeKey); any other list is replaced, as Kubernetes does for lists
# without one.
MERGE_KEYS = {
    "containers": "name",
    "initContainers": "name",
    "volumes": "name",
    "volumeMounts": "mountPath",
    "env": "name",
    "imagePullSecrets": "name",
}


class RenderError(Exception):
    pass


def _read_env_file(path):
    data = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if "=" not in line:
                raise RenderError(f"{path}:{n}: not KEY=VALUE")
            key, value = line.split("=", 1)
            if key in data:
                raise RenderError(f"{path}:{n}: {key} given twice")
            data[key] = value
    return data


def _generator_data(root, gen, where):
    data = {}
    for env in gen.get("envs", []):
        for k, v in _read_env_file(os.path.join(root, env)).items():
            if k in data:
                raise RenderError(f"{where}: {k} given twice")
            data[k] = v
    for item in gen.get("files", []):
        key, _, path = item.partition("=") if "=" in item else (os.path.basename(item), "", item)
        full = os.path.join(root, path)
        if not os.path.isfile(full):
            raise RenderError(f"{where}: file {path} is missing")
        with open(full, encoding="utf-8") as f:
            data[key] = f.read()
    for item in gen.get("literals", []):
        key, sep, value = item.partition("=")
        if not sep:
            raise RenderError(f"{where}: literal {item!r} is not KEY=VALUE")
        data[key] = value
    return data


def _generate(root, kind, gen, objects):
    where = f"{root}: {kind} generator {gen.get('name')!r}"
    unknown = set(gen) - GENERATOR_KEYS
    if unknown:
        raise RenderError(f"{where}: unsupported keys {sorted(unknown)}")
    if not gen.get("name"):
        raise RenderError(f"{where}: no name")
    data = _generator_data(root, gen, where)
    if kind == "Secret":
        data = {k: base64.b64encode(v.encode()).decode() for k, v in data.items()}
    behavior = gen.get("behavior", "create")
    existing = [o for o in objects if o["kind"] == kind and o["metadata"]["name"] == gen["name"]]
    if behavior == "create":
        if existing:
            raise RenderError(f"{where}: already exists (use behavior merge or replace)")
        obj = {"apiVersion": "v1", "kind": kind, "metadata": {"name": gen["name"]}}
        if kind == "Secret":
            obj["type"] = gen.get("type", "Opaque")
        obj["data"] = data
        objects.append(obj)
    elif behavior in ("merge", "replace"):
        if not existing:
            raise RenderError(f"{where}: behavior {behavior} but no such {kind} to {behavior}")
        obj = existing[0]
        if behavior == "replace":
            obj["data"] = {}
        obj.setdefault("data", {}).update(data)
    else:
        raise RenderError(f"{where}: unknown behavior {behavior!r}")


def strategic_merge(base, patch, key=None):
    """Kubernetes' strategic merge for maps and the named lists of MERGE_KEYS."""
    if isinstance(base, dict) and isinstance(patch, dict):
        out = copy.deepcopy(base)
        for k, v in patch.items():
            if v is None:
                out.pop(k, None)
            elif k in out:
                out[k] = strategic_merge(out[k], v, k)
            else:
                out[k] = copy.deepcopy(v)
        return out
    if isinstance(base, list) and isinstance(patch, list) and key in MERGE_KEYS:
        mk = MERGE_KEYS[key]
        out = copy.deepcopy(base)
        for item in patch:
            if not isinstance(item, dict) or mk not in item:
                raise RenderError(f"a {key} patch item without its merge key {mk}")
            for i, old in enumerate(out):
                if old.get(mk) == item[mk]:
                    out[i] = strategic_merge(old, item, None)
                    break
            else:
                out.append(copy.deepcopy(item))
        return out
    return copy.deepcopy(patch)


def _pod_containers(obj):
    spec = obj.get("spec", {})
    pod = spec.get("template", {}).get("spec") or spec.get("jobTemplate", {}).get("spec", {}).get(
        "template", {}
    ).get("spec")
    if not pod:
        return []
    return pod.get("containers", []) + pod.get("initContainers", [])


def _set_image(containers, entry):
    for c in containers:
        image = c.get("image", "")
        name, tag = image, None
        if "@" in image:
            name = image.split("@", 1)[0]
        elif ":" in image.rsplit("/", 1)[-1]:
            name, tag = image.rsplit(":", 1)
        if name != entry["name"]:
            continue
        name = entry.get("newName", name)
        tag = entry.get("newTag", tag)
        c["image"] = f"{name}:{tag}" if tag else name


def _load_docs(path):
    with open(path, encoding="utf-8") as f:
        docs = [d for d in yaml.safe_load_all(f) if d is not None]
    for d in docs:
        if not isinstance(d, dict) or "kind" not in d or "metadata" not in d:
            raise RenderError(f"{path}: a document without kind or metadata")
    return docs


def render(root):
    """Returns the list of objects the kustomization in root renders to."""
    kpath = os.path.join(root, "kustomization.yaml")
    if not os.path.isfile(kpath):
        raise RenderError(f"{root}: no kustomization.yaml")
    with open(kpath, encoding="utf-8") as f:
        k = yaml.safe_load(f) or {}
    unknown = set(k) - KNOWN_KEYS
    if unknown:
        raise RenderError(f"{kpath}: unsupported keys {sorted(unknown)} (tests/lint/k8s/kustomize_lite.py)")
    objects = []
    for res in k.get("resources", []):
        path = os.path.normpath(os.path.join(root, res))
        objects.extend(render(path) if os.path.isdir(path) else _load_docs(path))
    for gen in k.get("configMapGenerator", []):
        _generate(root, "ConfigMap", gen, objects)
    for gen in k.get("secretGenerator", []):
        _generate(root, "Secret", gen, objects)
    for p in k.get("patches", []):
        if set(p) != {"path"}:
            raise RenderError(f"{kpath}: only 'path' patches (strategic merge) are supported")
        for doc in _load_docs(os.path.join(root, p["path"])):
            name = doc["metadata"].get("name")
            hits = [o for o in objects if o["kind"] == doc["kind"] and o["metadata"]["name"] == name]
            if len(hits) != 1:
                raise RenderError(f"{p['path']}: {doc['kind']}/{name} matches {len(hits)} objects")
            i = objects.index(hits[0])
            objects[i] = strategic_merge(hits[0], doc)
    if "namespace" in k:
        for o in objects:
            o["metadata"]["namespace"] = k["namespace"]
    for entry in k.get("images", []):
        for o in objects:
            _set_image(_pod_containers(o), entry)
    return objects
