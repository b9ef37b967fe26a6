"""Reading catalogue documents: from the fixtures folder, or from texts in memory (uploads).

Both give the loader the same shapes: vocabularies as ``{kind: {slug: (entry, path)}}`` and
careers as ``[(path, document)]``, where ``path`` names the file in problem messages.
"""

from pathlib import PurePath

import yaml

from .schema import EXAM_LISTS, VOCABULARIES, vocabulary_entry

# libyaml's parser and emitter when PyYAML was built with it (the wheels are): about ten and five
# times faster. The emitter writes exactly what PyYAML's own does with these options (checked on
# every career, vocabulary and translation file of the catalogue).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_yaml(stream):
    """Safe YAML loading (no arbitrary objects), with the C parser where available."""
    return yaml.load(stream, Loader=_LOADER)  # a safe loader: plain data only


def dump_yaml(data, *, width):
    """The YAML text of the catalogue's files (keys in the given order, Devanagari and ₹ as written),
    with the C emitter where available."""
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=width, default_flow_style=False)


LISTS = {"exam": EXAM_LISTS}


def _read_yaml(path, problems):
    try:
        with open(path, encoding="utf-8") as fh:
            return load_yaml(fh)
    except (OSError, yaml.YAMLError) as exc:
        problems.append(f"{path}: cannot be read as YAML: {exc}")
        return None


def _vocabulary_files(root, location):
    path = root / "vocabulary" / location
    if path.suffix == ".yaml":
        return [path] if path.exists() else []
    return sorted(path.glob("*.yaml")) if path.is_dir() else []


def read_vocabularies(root, problems):
    """{kind: {slug: (entry, file)}} from every vocabulary file, with duplicate slugs flagged."""
    found = {}
    for kind, (_model, location, extra) in VOCABULARIES.items():
        entries = {}
        for path in _vocabulary_files(root, location):
            data = _read_yaml(path, problems)
            if data is None:
                continue
            if not isinstance(data, list):
                problems.append(f"{path}: must be a list of entries")
                continue
            for i, entry in enumerate(data):
                where = f"{path}: [{i}]"
                if not isinstance(entry, dict) or not entry.get("slug") or not entry.get("name"):
                    problems.append(f"{where}: each entry needs a slug and a name")
                    continue
                unknown = set(entry) - {"slug", "name", "description"} - set(extra) - LISTS.get(kind, set())
                if unknown:
                    problems.append(f"{where}: unknown keys {', '.join(sorted(unknown))}")
                slug = str(entry["slug"])
                if slug in entries:
                    problems.append(f"{where}: {kind} slug {slug!r} is already defined in {entries[slug][1]}")
                    continue
                entries[slug] = (entry, path)
        found[kind] = entries
    return found


def read_careers(root, problems, only=None):
    """[(path, document)] for every career file (or just the slugs in ``only``)."""
    out = []
    for path in sorted((root / "careers").glob("*.yaml")):
        if only and path.stem not in only:
            continue
        doc = _read_yaml(path, problems)
        if doc is None or _career_document(path, doc, problems) is None:
            continue
        out.append((path, doc))
    if only:
        missing = set(only) - {p.stem for p, _ in out}
        for slug in sorted(missing):
            problems.append(f"{root / 'careers' / slug}.yaml: no such career document")
    return out


def _career_document(path, doc, problems):
    if not isinstance(doc, dict):
        problems.append(f"{path}: must be a mapping of sections")
        return None
    return doc


def parse_careers(texts, problems):
    """[(path, document)] from uploaded texts ({file name: YAML text}), in name order."""
    out = []
    for name, text in sorted(texts.items()):
        path = PurePath(PurePath(name).name)
        if path.suffix not in (".yaml", ".yml"):
            problems.append(f"{path}: only .yaml career documents can be imported")
            continue
        try:
            doc = load_yaml(text)
        except yaml.YAMLError as exc:
            problems.append(f"{path}: cannot be read as YAML: {exc}")
            continue
        doc = _career_document(path.with_suffix(".yaml"), doc, problems)
        if doc is not None:
            out.append((path.with_suffix(".yaml"), doc))
    return out


def database_vocabularies():
    """The vocabularies as the database has them, in the reader's shape (for imports)."""
    return {
        kind: {obj.slug: (vocabulary_entry(obj, kind), PurePath("(database)")) for obj in model.objects.all()}
        for kind, (model, _location, _extra) in VOCABULARIES.items()
    }
