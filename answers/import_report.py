"""What an import did, or would do: each change by kind, counted the same way for the command and the admin.

Imports no models: the importer fills an ImportReport; `manage.py import_documents` prints it, the admin's
preview shows it, and the admin's confirm step compares a new one with the previewed one (`outline()`).
"""

from collections import Counter
from dataclasses import dataclass, field

QUESTION, AUTHOR, ANSWER, CLAIM, PROPOSAL = "question", "author", "answer", "claim", "proposal"
CREATED, CHANGED, MOVED, REWORDED, ORPHANED = "created", "changed", "re-anchored", "reworded", "orphaned"
PROPOSED, PUBLICATION, KEPT = "proposed", "publication requested", "kept"

PLURALS = {QUESTION: "questions", AUTHOR: "authors", ANSWER: "answers", CLAIM: "claims", PROPOSAL: "proposals"}
# (kinds counted, action, what it did, what it would do), in the order the summary says them.
SUMMARY = [
    ((QUESTION, AUTHOR, ANSWER, CLAIM), CREATED, "created", "would create"),
    ((QUESTION, ANSWER), CHANGED, "changed", "would change"),
    ((CLAIM,), MOVED, "re-anchored", "would re-anchor"),
    ((CLAIM,), REWORDED, "followed the changed words of", "would follow the changed words of"),
    ((CLAIM,), ORPHANED, "orphaned", "would orphan"),
]


def counted(number, kind):
    return f"{number} {kind if number == 1 else PLURALS.get(kind, kind + 's')}"


@dataclass(frozen=True)
class Change:
    """One thing an import does to one object. `subject` names the object as an editor would recognise it."""

    kind: str
    action: str
    document: str
    subject: str
    detail: str = ""
    events: tuple = ()  # a new claim's timeline check: the events it names

    def as_list(self):
        return [self.kind, self.action, self.document, self.subject, self.detail, list(self.events)]


@dataclass
class ImportReport:
    documents: int = 0
    changes: list = field(default_factory=list)
    messages: list = field(default_factory=list)
    unchecked: list = field(default_factory=list)  # (index in changes, claim key) of new claims not yet checked

    def add(self, path, message):
        self.messages.append(f"{path}: {message}")

    def record(self, kind, action, document, subject, detail="", events=()):
        self.changes.append(Change(kind, action, str(document), subject, detail, tuple(events)))

    def counts(self):
        """Return how many changes of each (kind, action) the import made."""
        return Counter((change.kind, change.action) for change in self.changes)

    def of(self, kind, *actions):
        """Return the changes of `kind` (and one of `actions`, if given), in the order they were made."""
        return [c for c in self.changes if c.kind == kind and (not actions or c.action in actions)]

    @property
    def changed(self):
        """Return the number of records written (created or changed), proposals and requests not counted."""
        counts = self.counts()
        return sum(n for (kind, action), n in counts.items() if action in (CREATED, CHANGED, MOVED, REWORDED, ORPHANED))

    @property
    def proposed(self):
        return self.counts()[PROPOSAL, PROPOSED]

    @property
    def publication_requests(self):
        return self.counts()[QUESTION, PUBLICATION]

    def outline(self):
        """Return everything the report says, as JSON types: two imports that did the same have equal outlines."""
        return {
            "documents": self.documents,
            "changes": [change.as_list() for change in self.changes],
            "messages": list(self.messages),
        }

    def summary(self, dry_run=False):
        """Say what the import did (or, with `dry_run`, would do), counted by kind, in one sentence."""
        counts, parts = self.counts(), []
        for kinds, action, done, would in SUMMARY:
            numbers = [counted(counts[kind, action], kind) for kind in kinds if counts[kind, action]]
            if numbers:
                parts.append(f"{would if dry_run else done} {', '.join(numbers)}")
        if self.proposed:
            verb = "would propose" if dry_run else "proposed"
            parts.append(f"{verb} {counted(self.proposed, 'change')} to published content, for a reviewer to approve")
        waiting = [counted(counts[kind, PUBLICATION], kind) for kind in (QUESTION, ANSWER) if counts[kind, PUBLICATION]]
        if waiting:
            verb = "would ask" if dry_run else "asked"
            parts.append(f"{verb} a reviewer to publish {' and '.join(waiting)}")
        read = counted(self.documents, "document")
        if not parts:
            return f"Nothing to change: {read} read, all as stored already."
        sentence = "; ".join(parts)
        return f"{sentence[0].upper()}{sentence[1:]} (from {read})."
