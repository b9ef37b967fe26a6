"""Translation documents of the catalogue (fixtures/translations/<language>/).

manage.py translations skeleton nurse doctor-mbbs [--core]   # English text to translate
manage.py translations skeleton-vocabulary exam               # a vocabulary's text
manage.py translations check [nurse …]                        # missing, English, stale
"""

import re

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from careers.catalogue import translations as t
from careers.catalogue.read import read_careers, read_vocabularies


class Command(BaseCommand):
    help = "Write translation skeletons and check translations against the English catalogue."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["skeleton", "skeleton-vocabulary", "check", "stamp"])
        parser.add_argument("names", nargs="*", help="career slugs, or a vocabulary kind")
        parser.add_argument("--language", default="hi", choices=t.LANGUAGES)
        parser.add_argument("--core", action="store_true", help="only the core text (skeleton)")
        parser.add_argument("--force", action="store_true", help="replace an existing translation (skeleton)")

    def handle(self, action, names, language, core, force, **options):
        fixtures = settings.CATALOGUE_DIR
        problems = []
        careers = {path.stem: doc for path, doc in read_careers(fixtures, problems)}
        vocabularies = read_vocabularies(fixtures, problems)
        if problems:
            raise CommandError("the English catalogue has problems:\n" + "\n".join(problems))
        if action == "skeleton":
            for slug in names:
                if slug not in careers:
                    raise CommandError(f"no career document {slug}")
                path = t.career_path(fixtures, language, slug)
                if path.exists() and not force:
                    raise CommandError(f"{path} exists (use --force to replace it)")
                path.parent.mkdir(parents=True, exist_ok=True)
                doc = t.skeleton(slug, careers[slug], language, "core" if core else "full")
                path.write_text(t.dump(doc), encoding="utf-8")
                self.stdout.write(f"wrote {path}")
        elif action == "skeleton-vocabulary":
            for kind in names:
                if kind not in t.VOCABULARY_TEXT:
                    raise CommandError(f"no vocabulary {kind}: one of {', '.join(t.VOCABULARY_TEXT)}")
                path = t.vocabulary_path(fixtures, language, kind)
                if path.exists() and not force:
                    raise CommandError(f"{path} exists (use --force to replace it)")
                path.parent.mkdir(parents=True, exist_ok=True)
                entries = [entry for entry, _file in vocabularies[kind].values()]
                path.write_text(t.dump(t.vocabulary_skeleton(kind, entries, language)), encoding="utf-8")
                self.stdout.write(f"wrote {path}")
        elif action == "stamp":
            for slug in names:
                path = t.career_path(fixtures, language, slug)
                if slug not in careers or not path.exists():
                    raise CommandError(f"no career {slug} with a translation")
                doc = t.read(path)
                digest = t.digest(t.english_text(careers[slug], doc.get("coverage", "full")))
                text = path.read_text(encoding="utf-8")
                path.write_text(re.sub(r"(?m)^source_digest: .*$", f"source_digest: {digest}", text), encoding="utf-8")
                self.stdout.write(f"{path}: marked as translating the current English")
        else:
            self._check(fixtures, language, careers, vocabularies, names)

    def _check(self, fixtures, language, careers, vocabularies, names):
        problems, stale, counts = [], [], {"full": 0, "core": 0}
        for slug in names or sorted(careers):
            path = t.career_path(fixtures, language, slug)
            if not path.exists():
                continue
            found, is_stale = t.check(slug, careers[slug], t.read(path), language)
            problems += [f"{path.name}: {p}" for p in found]
            stale += [slug] if is_stale else []
            coverage = t.read(path).get("coverage")
            counts[coverage] = counts.get(coverage, 0) + 1
        if not names:
            for kind in t.VOCABULARY_TEXT:
                path = t.vocabulary_path(fixtures, language, kind)
                if path.exists():
                    english = {slug: entry for slug, (entry, _file) in vocabularies[kind].items()}
                    found, old = t.check_vocabulary(kind, english, t.read(path))
                    problems += [f"{path.name}: {p}" for p in found]
                    stale += [f"{kind} {slug}" for slug in old]
        self.stdout.write(f"{counts.get('full', 0)} full and {counts.get('core', 0)} core career translations")
        for line in stale:
            self.stdout.write(f"stale (the English changed since): {line}")
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write("no problems")
