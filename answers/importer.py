"""Import documents into questions, authors, answers and claims, all in one transaction."""

import dataclasses
import datetime
import re
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils.text import slugify

from answers import import_report as kinds
from answers import upkeep
from answers.documents import DocumentError, configured_limits, parse_document, posted_date
from answers.import_report import ImportReport
from answers.models import Answer, Author, ClaimCheck, Question, Reanchoring, save_with_history
from answers.models.checks import BATCH, batches
from config.bulk import among, insert_with_history
from config.proposals.models import Proposal
from config.proposals.workflow import propose_change, request_publications
from config.text import find_refused, name_key

DOCUMENT_SUFFIX = ".txt"
MAX_DOCUMENT_NAME = 255
TRANSLITERATION = str.maketrans({"ı": "i", "İ": "I", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE"})
TRANSLITERATION.update(str.maketrans({"œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th"}))


class ImportFailed(Exception):
    """What stopped an import, with where and why: one document, or (`errors`) every document that failed."""

    def __init__(self, path, reason, line=None):
        location = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{location}: {reason}")
        self.path, self.line, self.reason = path, line, reason
        self.errors = [self]

    @classmethod
    def every(cls, errors):
        """Return the first of `errors`, carrying all of them."""
        first = errors[0]
        first.errors = list(errors)
        return first

    def lines(self):
        """Return one "path:line: reason" for each document that failed."""
        return [error.args[0] for error in self.errors]

    def __str__(self):
        return "\n".join(self.lines())


class ImportStale(Exception):
    """The import would no longer do what its preview said: the stored content changed since."""


def import_documents(paths, captured_on=None, user=None, dry_run=False):
    """Import the documents at `paths` (files or folders) and return an ImportReport.

    Every document is read and parsed before anything is written; bad ones raise ImportFailed (with every
    document that failed) and nothing is written. With `dry_run`, the changes are made and rolled back.
    """
    return import_parsed(read_documents(collect_paths(paths)), captured_on=captured_on, user=user, dry_run=dry_run)


def import_parsed(documents, captured_on=None, user=None, dry_run=False, expected=None):
    """Import parsed documents ((path, ParsedDocument) pairs) in one transaction; return the ImportReport.

    With `expected` (the outline() of a preview), raise ImportStale and write nothing unless the import
    does exactly what the preview said.
    """
    report = ImportReport(documents=len(documents))
    path = documents[0][0] if documents else ""
    try:
        with transaction.atomic():
            # The new claims are checked and listed together once every document is in, not one answer at a time.
            with upkeep.gathered():
                run = Run(report, user, captured_on, documents=[Path(path).name for path, _ in documents])
                for path, parsed in documents:
                    import_document(path, parsed, run)
                # Asked once every document is in: the versions they record are those of the whole import.
                request_publications(run.publications, user)
            describe_checks(report)
            if expected is not None and report.outline() != expected:
                raise ImportStale(report)
            if dry_run:
                transaction.set_rollback(True)
    except DatabaseError as error:
        # A read-only database, a full disk, a lost connection: the transaction is rolled back whole.
        raise ImportFailed(path, f"the database refused the import, so nothing was written ({error})") from error
    return report


def read_documents(paths):
    """Read and parse every document at `paths`; raise ImportFailed with every one that cannot be imported."""
    named_data = []
    for path in paths:
        try:
            named_data.append((path, read_bytes(path)))
        except ImportFailed as error:
            named_data.append((path, error))
    return parse_documents(named_data)


def parse_documents(named_data):
    """Parse documents given as (path or name, bytes) pairs; raise ImportFailed with every bad one."""
    documents, errors = [], []
    for path, data in named_data:
        try:
            documents.append((path, parse(path, data)))
        except ImportFailed as error:
            errors.append(error)
    if errors:
        raise ImportFailed.every(errors)
    return documents


def collect_paths(paths):
    """Return the document files named by `paths`, folders expanded, each once, in order."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(
                child
                for child in path.rglob(f"*{DOCUMENT_SUFFIX}")
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts)
            )
            if not found:
                raise ImportFailed(path, f"no {DOCUMENT_SUFFIX} documents in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise ImportFailed(path, "no such file or folder")
    unique, seen = [], set()
    for path in files:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            unique.append(path)
    check_names(unique)
    return unique


def check_names(paths):
    """Refuse documents whose file names cannot be stored or that two documents share; report every one."""
    names, errors = {}, []
    for path in map(Path, paths):
        try:
            path.name.encode("utf-8")
        except UnicodeEncodeError:
            shown = str(path).encode("utf-8", "replace").decode()
            errors.append(ImportFailed(shown, "the file name is not valid UTF-8; rename the file"))
            continue
        refused = find_refused(path.name)
        if refused is not None:
            errors.append(ImportFailed(path, f"the file name holds {refused.name} ({refused.kind}); rename the file"))
        elif path.name in names:
            errors.append(ImportFailed(path, f"another document in this import has the same name: {names[path.name]}"))
        elif len(path.name) > MAX_DOCUMENT_NAME:
            errors.append(ImportFailed(path, f"the file name is longer than {MAX_DOCUMENT_NAME} characters"))
        else:
            names[path.name] = path
    if errors:
        raise ImportFailed.every(errors)


def read_bytes(path):
    """Read a document file, or raise ImportFailed.

    Only one byte more than a document may hold is read: a larger file is refused without loading it.
    """
    try:
        with open(path, "rb") as document:
            return document.read(configured_limits().document_bytes + 1)
    except OSError as error:
        raise ImportFailed(path, f"cannot be read ({error.strerror})") from error


def parse(path, data):
    """Parse one document's bytes (`data` may be an ImportFailed, raised), or raise ImportFailed."""
    if isinstance(data, ImportFailed):
        raise data
    try:
        return parse_document(data, configured_limits())
    except DocumentError as error:
        raise ImportFailed(path, error.reason, line=error.line) from error


class Run:
    """What the documents of one import share: its report, who runs it, the date it captures, the slugs it
    gave out, the authors and questions it found and the publications it will request ((object, note) pairs).
    """

    def __init__(self, report, user=None, captured_on=None, documents=()):
        self.report, self.user, self.captured_on = report, user, captured_on
        self.slugs, self.authors, self.publications = Slugs(), {}, []
        # The questions of the documents (file names), found in a few queries rather than one a document; the
        # import adds those it creates.
        self.questions = {}
        for names in batches(sorted(set(documents)), BATCH):
            self.questions.update(
                (question.document, question) for question in Question.objects.filter(document__in=names)
            )


def import_document(path, parsed, run):
    """Create or update the question, authors, answers and claims of one parsed document, as part of `run`.

    A new question is a draft, and a reviewer is asked to publish it. A question readers already see is
    never changed here: each difference becomes a proposal for a reviewer.
    """
    name, report, user = Path(path).name, run.report, run.user
    reason = f"Imported from {name}"
    question = run.questions.get(name)
    if question is None:
        question = Question(
            document=name,
            slug=run.slugs.unique(Question, parsed.question, max_length=80),
            captured_on=run.captured_on or datetime.date.today(),
        )
        report.add(path, f"new question “{parsed.question}”")
    elif question.text != parsed.question:
        report.add(path, f"question changed to “{parsed.question}”")
    captured_on = run.captured_on or question.captured_on
    is_new = question.pk is None
    outcome = update(question, {"text": parsed.question, "captured_on": captured_on}, user, reason)
    run.questions[name] = question
    record(report, name, kinds.QUESTION, f"“{parsed.question}”", outcome, is_new, f"captured on {captured_on}")
    touched = outcome is not None

    answers = {} if is_new else {answer.position: answer for answer in question.answers.select_related("author")}
    for position, parsed_answer in enumerate(parsed.answers, start=1):
        answer = answers.get(position) or Answer(question=question, position=position)
        is_new = answer.pk is None
        values = {
            "author": author_named(parsed_answer.author, user, reason, path, parsed_answer.line + 1, run),
            "body": parsed_answer.body,
            "posted_label": parsed_answer.posted_label,
            "posted_on": posted_date(parsed_answer.posted_label, captured_on),
        }
        outcome = update(answer, values, user, reason)
        if outcome is None:
            continue
        touched = True
        who = f"answer {position} by {values['author']}"
        if is_new:
            added = answer.propose_claims(user, reason, first_number=1)  # a new answer has no claims yet
            report.add(path, f"{who}: new, {len(added)} claims")
            record(report, name, kinds.ANSWER, who, outcome, is_new, kinds.counted(len(added), kinds.CLAIM))
            record_new_claims(report, name, added)
        elif isinstance(outcome, Proposal):
            report.add(path, f"{who}: changes proposed for review ({', '.join(outcome.changes)})")
            record(report, name, kinds.ANSWER, who, outcome)
        elif isinstance(outcome, Reanchoring):
            report.add(path, f"{who}: text changed; {outcome}")
            record(report, name, kinds.ANSWER, who, outcome, detail="text changed")
            record_reanchoring(report, name, outcome)
        else:
            report.add(path, f"{who}: details changed")
            record(report, name, kinds.ANSWER, who, outcome, detail="details changed")
        if question.was_published and not answer.was_published:
            # An answer added to a published question is published on its own, once reviewed.
            run.publications.append((answer, f"An answer in {name}"))
            report.add(path, f"{who}: waits for a reviewer to publish it")
            report.record(kinds.ANSWER, kinds.PUBLICATION, name, who)
    for position in sorted(set(answers) - set(range(1, len(parsed.answers) + 1))):
        report.add(path, f"answer {position} is no longer in the document; it was kept, unchanged")
        report.record(kinds.ANSWER, kinds.KEPT, name, f"answer {position}", "no longer in the document; kept unchanged")
    if touched and not question.was_published:
        run.publications.append((question, f"Imported from {name}"))
        report.add(path, "the question waits for a reviewer to publish it")
        report.record(kinds.QUESTION, kinds.PUBLICATION, name, f"“{question.text}”")


def record(report, document, kind, subject, outcome, is_new=False, detail=""):
    """Record in `report` what update() did to one object."""
    if outcome is None:
        return
    if isinstance(outcome, Proposal):
        changed = ", ".join(outcome.changes)
        subject = subject if subject.startswith(kind) else f"{kind} {subject}"
        report.record(kinds.PROPOSAL, kinds.PROPOSED, document, subject, f"changes {changed}")
    else:
        report.record(kind, kinds.CREATED if is_new else kinds.CHANGED, document, subject, detail)


def claim_subject(claim):
    return f"answer {claim.answer.position}, claim {claim.number}: “{claim.exact}”"


def record_new_claims(report, document, claims):
    """Record each new claim; describe_checks() adds its timeline check once the import's claims are checked."""
    for claim in claims:
        report.record(kinds.CLAIM, kinds.CREATED, document, claim_subject(claim))
        report.unchecked.append((len(report.changes) - 1, claim.pk))


def describe_checks(report):
    """Give each new claim's record its timeline check: the result and the events it names, read in bulk."""
    results = {value: str(label) for value, label in ClaimCheck.Result.choices}
    for batch in batches(report.unchecked, BATCH):
        keys = [pk for _, pk in batch]
        checks = dict(ClaimCheck.objects.filter(among("claim", keys)).values_list("claim_id", "result"))
        named = {}
        for claim, event in ClaimCheck.events.through.objects.filter(among("claimcheck__claim", keys)).values_list(
            "claimcheck__claim_id", "event__name"
        ):
            named.setdefault(claim, []).append(event)
        for index, pk in batch:
            result = results[checks[pk]] if pk in checks else "not checked"
            events = tuple(sorted(named.get(pk, ())))
            report.changes[index] = dataclasses.replace(report.changes[index], detail=result, events=events)
    report.unchecked.clear()


def record_reanchoring(report, document, outcome):
    """Record what re-anchoring did to each existing claim, and the claims made for new sentences."""
    for claim in outcome.moved:
        report.record(kinds.CLAIM, kinds.MOVED, document, claim_subject(claim))
    for claim in outcome.reworded:
        report.record(kinds.CLAIM, kinds.REWORDED, document, claim_subject(claim), "its words changed")
    for claim in outcome.orphaned:
        report.record(kinds.CLAIM, kinds.ORPHANED, document, claim_subject(claim), "its quote is no longer in the text")
    record_new_claims(report, document, outcome.added)


def update(instance, values, user, reason):
    """Bring `instance` to `values`: save a new or draft object, propose a change to a published one.

    Return None when nothing differs, the Proposal for a published object, the Reanchoring when an
    answer's text changed, or True.
    """
    changes = {name: value for name, value in values.items() if instance.pk is None or getattr(instance, name) != value}
    if not changes:
        return None
    if instance.pk is not None and instance.was_published:
        return propose_change(instance, user, {name: getattr(value, "pk", value) for name, value in changes.items()})
    for name, value in changes.items():
        setattr(instance, name, value)
    if instance.pk is None:
        # A new question or answer is a draft, with nothing yet that lists or shows it: it is written with its
        # history row, without the save() signals that keep those up to date.
        insert_with_history(type(instance), [instance], user, reason)
    elif isinstance(instance, Answer):
        return instance.save_text(user, reason) or True
    else:
        save_with_history(instance, user, reason)
    return True


def author_named(name, user, reason, path=None, line=None, run=None):
    """Return the author called `name`, creating it (as a draft, published with its first answer) if needed.

    A name that only looks like an existing author's ("ALGO RHYTHMIA" for "Algo Rhythmia") is refused: it
    is either a typing slip, which the document should fix, or someone passing for that author. Within a
    `run`, each author is looked up once.
    """
    run = run or Run(ImportReport())
    key = name_key(name)
    author = run.authors[key] if key in run.authors else Author.objects.filter(name_key=key).first()
    if author is not None and author.name != name:
        raise ImportFailed(path, f"the author “{name}” looks the same as the existing author “{author.name}”", line)
    if author is None:
        author = Author(name=name, slug=run.slugs.unique(Author, name))
        save_with_history(author, user, reason)
        run.report.record(kinds.AUTHOR, kinds.CREATED, Path(path).name, name)
    run.authors[key] = author
    return author


def unique_slug(model, text, max_length=100):
    """Return a slug for `text` that no `model` row uses yet, transliterating what it can."""
    return Slugs().unique(model, text, max_length)


class Slugs:
    """Free slugs for the objects one import creates.

    The slugs a base could collide with ("base", "base-2", ...) are read once per base, in one query, and the
    slugs given out since are remembered: a thousand questions whose slugs share a base cost a query each,
    not a read of every slug given out before.
    """

    def __init__(self):
        self.stored, self.given = {}, set()  # {(model, base): slugs stored}; (model, slug) given out

    def unique(self, model, text, max_length=100):
        """Return a slug for `text` that no `model` row uses and this import has not given out yet."""
        base = slugify(text.translate(TRANSLITERATION))
        if len(base) > max_length:
            base = base[:max_length]
            base = base.rsplit("-", 1)[0] if "-" in base else base
        base = base or model._meta.model_name
        taken = self.taken(model, base)
        if base in taken:
            if len(base) > max_length - 11:
                # Room for "-" and a number: a long base gives way (one more query, for the shorter base).
                base = base[: max_length - 11].rstrip("-")
                taken = self.taken(model, base)
            pattern = re.compile(rf"{re.escape(base)}-[0-9]{{1,9}}")
            numbers = {int(slug[len(base) + 1 :]) for slug in taken if pattern.fullmatch(slug)}
            slug = f"{base}-{min(set(range(2, len(numbers) + 3)) - numbers)}"
        else:
            slug = base
        self.given.add((model, slug))
        return slug

    def taken(self, model, base):
        """Return the slugs starting with `base` that `model` rows use or this import gave out."""
        if (model, base) not in self.stored:
            self.stored[model, base] = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        given = {slug for kind, slug in self.given if kind is model and slug.startswith(base)}
        return self.stored[model, base] | given
