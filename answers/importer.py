"""Import documents into questions, authors, answers and claims, all in one transaction."""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, transaction
from django.utils.text import slugify

from answers.documents import DocumentError, configured_limits, parse_document, posted_date
from answers.models import Answer, Author, Question, Reanchoring, save_with_history
from config.proposals.models import Proposal
from config.proposals.workflow import propose_change, request_publication
from config.text import find_refused, name_key

DOCUMENT_SUFFIX = ".txt"
MAX_DOCUMENT_NAME = 255
TRANSLITERATION = str.maketrans({"ı": "i", "İ": "I", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE"})
TRANSLITERATION.update(str.maketrans({"œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th"}))


class ImportFailed(Exception):
    """A document that stopped an import, with where and why."""

    def __init__(self, path, reason, line=None):
        location = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{location}: {reason}")
        self.path, self.line, self.reason = path, line, reason


@dataclass
class ImportReport:
    messages: list = field(default_factory=list)
    documents: int = 0
    changed: int = 0
    proposed: int = 0
    publication_requests: int = 0

    def add(self, path, message):
        self.messages.append(f"{path}: {message}")


def import_documents(paths, captured_on=None, user=None, dry_run=False):
    """Import the documents at `paths` (files or folders) and return an ImportReport.

    Every document is read and parsed before anything is written; the first bad one raises
    ImportFailed and nothing is written. With `dry_run`, the changes are made and rolled back.
    """
    documents = [(path, read_document(path)) for path in collect_paths(paths)]
    report = ImportReport(documents=len(documents))
    path = documents[0][0] if documents else ""
    try:
        with transaction.atomic():
            for path, parsed in documents:
                import_document(path, parsed, report, captured_on=captured_on, user=user)
            if dry_run:
                transaction.set_rollback(True)
    except DatabaseError as error:
        # A read-only database, a full disk, a lost connection: the transaction is rolled back whole.
        raise ImportFailed(path, f"the database refused the import, so nothing was written ({error})") from error
    return report


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
    unique, names, seen = [], {}, set()
    for path in files:
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        try:
            path.name.encode("utf-8")
        except UnicodeEncodeError:
            raise ImportFailed(
                str(path).encode("utf-8", "replace").decode(), "the file name is not valid UTF-8; rename the file"
            ) from None
        refused = find_refused(path.name)
        if refused is not None:
            raise ImportFailed(path, f"the file name holds {refused.name} ({refused.kind}); rename the file")
        if path.name in names:
            raise ImportFailed(path, f"another document in this import has the same name: {names[path.name]}")
        if len(path.name) > MAX_DOCUMENT_NAME:
            raise ImportFailed(path, f"the file name is longer than {MAX_DOCUMENT_NAME} characters")
        names[path.name] = path
        unique.append(path)
    return unique


def read_document(path):
    """Read and parse one document, or raise ImportFailed.

    Only one byte more than a document may hold is read: a larger file is refused without loading it.
    """
    allowed = configured_limits()
    try:
        with open(path, "rb") as document:
            data = document.read(allowed.document_bytes + 1)
    except OSError as error:
        raise ImportFailed(path, f"cannot be read ({error.strerror})") from error
    try:
        return parse_document(data, allowed)
    except DocumentError as error:
        raise ImportFailed(path, error.reason, line=error.line) from error


def import_document(path, parsed, report, captured_on=None, user=None):
    """Create or update the question, authors, answers and claims of one parsed document.

    A new question is a draft, and a reviewer is asked to publish it. A question readers already see is
    never changed here: each difference becomes a proposal for a reviewer.
    """
    name = Path(path).name
    reason = f"Imported from {name}"
    question = Question.objects.filter(document=name).first()
    if question is None:
        question = Question(
            document=name,
            slug=unique_slug(Question, parsed.question, max_length=80),
            captured_on=captured_on or datetime.date.today(),
        )
        report.add(path, f"new question “{parsed.question}”")
    elif question.text != parsed.question:
        report.add(path, f"question changed to “{parsed.question}”")
    captured_on = captured_on or question.captured_on
    touched = update(question, {"text": parsed.question, "captured_on": captured_on}, user, reason, report) is not None

    answers = {answer.position: answer for answer in question.answers.select_related("author")}
    for position, parsed_answer in enumerate(parsed.answers, start=1):
        answer = answers.get(position) or Answer(question=question, position=position)
        is_new = answer.pk is None
        values = {
            "author": author_named(parsed_answer.author, user, reason, path, parsed_answer.line + 1),
            "body": parsed_answer.body,
            "posted_label": parsed_answer.posted_label,
            "posted_on": posted_date(parsed_answer.posted_label, captured_on),
        }
        outcome = update(answer, values, user, reason, report)
        if outcome is None:
            continue
        touched = True
        who = f"answer {position} by {values['author']}"
        if is_new:
            added = answer.propose_claims(user, reason)
            report.add(path, f"{who}: new, {len(added)} claims")
        elif isinstance(outcome, Proposal):
            report.add(path, f"{who}: changes proposed for review ({', '.join(outcome.changes)})")
        elif isinstance(outcome, Reanchoring):
            report.add(path, f"{who}: text changed; {outcome}")
        else:
            report.add(path, f"{who}: details changed")
        if question.was_published and not answer.was_published:
            # An answer added to a published question is published on its own, once reviewed.
            request_publication(answer, user, f"An answer in {name}")
            report.add(path, f"{who}: waits for a reviewer to publish it")
    for position in sorted(set(answers) - set(range(1, len(parsed.answers) + 1))):
        report.add(path, f"answer {position} is no longer in the document; it was kept, unchanged")
    if touched and not question.was_published:
        request_publication(question, user, f"Imported from {name}")
        report.publication_requests += 1
        report.add(path, "the question waits for a reviewer to publish it")


def update(instance, values, user, reason, report):
    """Bring `instance` to `values`: save a new or draft object, propose a change to a published one.

    Return None when nothing differs, the Proposal for a published object, the Reanchoring when an
    answer's text changed, or True.
    """
    changes = {name: value for name, value in values.items() if instance.pk is None or getattr(instance, name) != value}
    if not changes:
        return None
    if instance.pk is not None and instance.was_published:
        report.proposed += 1
        return propose_change(instance, user, {name: getattr(value, "pk", value) for name, value in changes.items()})
    for name, value in changes.items():
        setattr(instance, name, value)
    report.changed += 1
    if isinstance(instance, Answer):
        return instance.save_text(user, reason) or True
    save_with_history(instance, user, reason)
    return True


def author_named(name, user, reason, path=None, line=None):
    """Return the author called `name`, creating it (as a draft, published with its first answer) if needed.

    A name that only looks like an existing author's ("ALGO RHYTHMIA" for "Algo Rhythmia") is refused: it
    is either a typing slip, which the document should fix, or someone passing for that author.
    """
    author = Author.objects.filter(name_key=name_key(name)).first()
    if author is not None and author.name != name:
        raise ImportFailed(path, f"the author “{name}” looks the same as the existing author “{author.name}”", line)
    if author is None:
        author = Author(name=name, slug=unique_slug(Author, name))
        save_with_history(author, user, reason)
    return author


def unique_slug(model, text, max_length=100):
    """Return a slug for `text` that no `model` row uses yet, transliterating what it can."""
    base = slugify(text.translate(TRANSLITERATION))
    if len(base) > max_length:
        base = base[:max_length]
        base = base.rsplit("-", 1)[0] if "-" in base else base
    base = base or model._meta.model_name
    # One query for every slug the base could collide with ("base", "base-2", ...), then the first free one.
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    if len(base) > max_length - 11:
        # Room for "-" and a number: a long base gives way (one more query, for the shorter base).
        base = base[: max_length - 11].rstrip("-")
        taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    numbers = {int(slug[len(base) + 1 :]) for slug in taken if re.fullmatch(rf"{re.escape(base)}-[0-9]{{1,9}}", slug)}
    return f"{base}-{min(set(range(2, len(numbers) + 3)) - numbers)}"
