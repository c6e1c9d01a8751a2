"""Build synthetic, valid, seeded content for the page benchmark: questions, answers, claims and their reviews.

``python -m bench.data --size 25000 [--seed 1921]`` fills the database that DATABASE_URL names (migrated, with
the seed fixtures loaded first) with `size` claims: about 10 a answer, 3 answers a question, 200 authors, a few
of them far more prolific than the rest. Most claims carry a published revision approved by a reviewer other
than its editor; some have a superseded one before it, a newer one under review or a rejected one after it,
some only one under review; a few are orphaned or withdrawn, and a few were reviewed for other words. Revisions
cite timeline events and web sources, and some claims and rationales name Atatürk.

Rows are written in bulk and every revision moves through the workflow the database enforces (created as a
draft, evidence and sources added while it is one, submitted, then published, rejected or superseded), so the
triggers and constraints see what the review workflow would write. Not written, because no public page reads
them: history rows (django-simple-history) and the timeline cross-checks of the new claims (ClaimCheck,
ClaimWord), which only editors see.
"""

import argparse
import datetime
import os
import random
import sys
import time
from dataclasses import dataclass, field

SEED = 1921
VERSION = 2  # changes whenever the same seed and size build other rows, so that no stale database is reused
AUTHORS = 200
ANSWERS_PER_QUESTION = 3
CLAIMS_PER_ANSWER = (8, 12)  # inclusive: about 10
CHUNK = 25_000  # claims written per batch of questions
VERDICT_WEIGHTS = {
    "accurate": 30,
    "mostly-accurate": 20,
    "misleading": 12,
    "inaccurate": 15,
    "fabricated": 5,
    "unverifiable": 10,
    "opinion": 8,
}
FIRST_NAMES = ("Algo", "Byte", "Cora", "Dara", "Echo", "Flux", "Gale", "Hexa", "Iris", "Juno")
FIRST_NAMES += ("Kilo", "Lumen", "Mira", "Nova", "Orbit", "Pixel", "Quill", "Rhea", "Sola", "Tera")
LAST_NAMES = ("Rhythmia", "Talkstone", "Wordsmith", "Quillfeather", "Parsewell", "Tokenby", "Vectorly", "Promptwood")
LAST_NAMES += ("Loomis", "Glyphson")
ACTORS = (
    "the Ottoman Empire",
    "Soviet Russia",
    "the Grand National Assembly",
    "the Republic of Turkey",
    "the Soviet Union",
    "the Russian Federation",
    "Britain",
    "France",
    "Greece",
    "the Allied powers",
    "the Ankara government",
    "Moscow",
)
VERBS = ("signed", "negotiated", "welcomed", "opposed", "ended", "shaped", "followed", "prepared")
QUALIFIERS = ("", "", "", "reportedly ", "quickly ", "openly ", "reluctantly ", "formally ")
RELATIONS = ("grew closer", "drifted apart", "traded envoys", "settled their border", "argued over the Straits")
ATATURK = (
    "Mustafa Kemal Atatürk led the national movement against the occupation",
    "Atatürk proclaimed the republic in Ankara",
    "Atatürk wrote to Lenin asking for arms and gold",
    "Atatürk's government signed its first treaty with Moscow",
)
GROUPS = ("superseded", "published", "rejected", "submitted")  # how each revision's review ends
SOURCES = ("https://en.wikipedia.org/wiki/", "https://www.britannica.com/event/")


@dataclass
class Plan:
    """The revisions planned for one claim, oldest first: (group, verdict, rationale, reviewed words)."""

    claim: object
    revisions: list = field(default_factory=list)


class Vocabulary:
    """The words synthetic content is made of: the seed timeline's events, and people and states around them."""

    def __init__(self, rng, events, verdicts):
        self.rng, self.events = rng, events
        self.verdicts = [verdict for verdict in verdicts if verdict.slug in VERDICT_WEIGHTS] or verdicts
        self.weights = [VERDICT_WEIGHTS.get(verdict.slug, 5) for verdict in self.verdicts]

    def year(self, event):
        """Return the event's year, or now and then a wrong one."""
        return event.start_date.year + (0 if self.rng.random() < 0.7 else self.rng.randint(-3, 3))

    def sentence(self):
        rng, event = self.rng, self.rng.choice(self.events)
        roll = rng.random()
        if roll < 0.06:
            return f"{rng.choice(ATATURK)} in {self.year(event)}."
        actor, other = rng.sample(ACTORS, 2)
        if roll < 0.4:
            did = f"{rng.choice(QUALIFIERS)}{rng.choice(VERBS)}"
            return f"{actor[0].upper()}{actor[1:]} {did} the {event.name} in {self.year(event)}."
        if roll < 0.7:
            return f"In {self.year(event)}, {actor} and {other} {rng.choice(RELATIONS)} after the {event.name}."
        return f"The {event.name} {rng.choice(('began', 'took place', 'was agreed', 'ended'))} in {self.year(event)}."

    def question(self):
        rng, event = self.rng, self.rng.choice(self.events)
        first, second = rng.sample(ACTORS, 2)
        return rng.choice(
            (
                f"How did the {event.name} affect relations between {first} and {second}?",
                f"What role did {first} play in the {event.name}?",
                f"Why did {first} and {second} disagree about the {event.name}?",
                f"What happened between {first} and {second} around {event.start_date.year}?",
            )
        )

    def rationale(self, exact):
        rng, event = self.rng, self.rng.choice(self.events)
        text = f"The timeline dates the {event.name} to {event.date_display}; the claim {rng.choice(VERBS)} it."
        if "Atatürk" in exact or rng.random() < 0.05:
            text += " Atatürk's government in Ankara is the party the sources name."
        return text

    def verdict(self):
        return self.rng.choices(self.verdicts, self.weights)[0]


def author_names(rng, taken):
    """Return AUTHORS author names, none alike to each other or to a name in `taken` (compared name keys)."""
    from config.text import name_key

    names, keys = [], set(taken)
    pairs = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(pairs)
    for number, (first, last) in enumerate(pairs * (AUTHORS // len(pairs) + 2)):
        name = f"{first} {last}" if number < len(pairs) else f"{first} {last} {number // len(pairs) + 1}"
        if name_key(name) not in keys:
            names.append(name)
            keys.add(name_key(name))
        if len(names) == AUTHORS:
            return names
    raise ValueError("Not enough distinct author names.")


class Builder:
    """Write `size` claims with their questions, answers, authors, editors, reviewers and revisions."""

    def __init__(self, size, seed=SEED, now=None, log=print):
        self.size, self.rng, self.log = size, random.Random(f"{seed}:{size}"), log
        # Dates are counted from a fixed day, so that a seed builds the same rows whenever it runs.
        self.now = now or datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)

    def build(self):
        from answers.models import Verdict
        from events.models import Event

        self.vocabulary = Vocabulary(
            self.rng, list(Event.objects.live().order_by("pk")), list(Verdict.objects.live().order_by("pk"))
        )
        self.editors, self.reviewers = self.people()
        self.authors = self.make_authors()
        # Some authors write far more than others: weights 1, 1/√2, 1/√3 ... give the most prolific one about 4 %
        # of the answers, 16 times the least prolific one's share.
        self.author_weights = [rank**-0.5 for rank in range(1, len(self.authors) + 1)]
        written, number = 0, 0
        while written < self.size:
            written, number = self.chunk(written, number)
            self.log(f"  {written:,} of {self.size:,} claims")

    def people(self):
        """Create the editors who write revisions and the reviewers who approve them (never the same person)."""
        from django.contrib.auth.hashers import make_password
        from django.contrib.auth.models import Group, User

        users = [User(username=f"bench-editor-{n:02}", is_staff=True) for n in range(1, 21)]
        users += [User(username=f"bench-reviewer-{n:02}", is_staff=True) for n in range(1, 9)]
        for user in users:
            user.password = make_password(None)
        User.objects.bulk_create(users)
        users = list(User.objects.filter(username__startswith="bench-").order_by("username"))
        editors = [user for user in users if "editor" in user.username]
        reviewers = [user for user in users if "reviewer" in user.username]
        memberships = User.groups.through
        for group_name, members in (("Editors", editors), ("Reviewers", reviewers)):
            group = Group.objects.filter(name=group_name).first()
            if group is not None:
                memberships.objects.bulk_create(memberships(user_id=user.pk, group_id=group.pk) for user in members)
        return editors, reviewers

    def make_authors(self):
        from django.utils.text import slugify

        from answers.models import Author
        from config.proposals.models import State
        from config.text import name_key

        names = author_names(self.rng, Author.objects.values_list("name_key", flat=True))
        authors = [
            Author(
                name=name,
                name_key=name_key(name),
                slug=slugify(name),
                state=State.PUBLISHED,
                published_at=self.now - datetime.timedelta(days=900),
            )
            for name in names
        ]
        return Author.objects.bulk_create(authors)

    def chunk(self, written, number):
        """Write the questions for up to CHUNK more claims; return the claims and questions written so far."""
        questions, answers, claims = self.content(written, number)
        self.reviews(claims)
        return written + len(claims), number + len(questions)

    def content(self, written, number):
        """Write published questions, answers and claims; return them."""
        from django.utils.text import slugify

        from answers.models import Answer, Claim, Question
        from config.proposals.models import State

        rng, vocabulary, published = self.rng, self.vocabulary, State.PUBLISHED
        questions, answers, bodies, target = [], [], [], min(self.size, written + CHUNK)
        planned = written
        while planned < target:
            number += 1
            text = vocabulary.question()
            when = self.now - datetime.timedelta(days=rng.randint(400, 800))
            question = Question(
                text=text,
                slug=f"{slugify(text)[:80].rstrip('-')}-{number}",
                document=f"bench/question-{number:06}.txt",
                captured_on=when.date() + datetime.timedelta(days=rng.randint(1, 30)),
                state=published,
                published_at=when,
            )
            questions.append(question)
            for position in range(1, ANSWERS_PER_QUESTION + 1):
                count = min(rng.randint(*CLAIMS_PER_ANSWER), target - planned)
                if count == 0:
                    break
                planned += count
                sentences = [vocabulary.sentence() for _ in range(count)]
                body, spans = "", []
                for index, sentence in enumerate(sentences):
                    body += ("\n\n" if index and index % 4 == 0 else " " if index else "") + sentence
                    spans.append((len(body) - len(sentence), len(body)))
                answer = Answer(
                    question=question,
                    author=rng.choices(self.authors, self.author_weights)[0],
                    position=position,
                    body=body,
                    posted_label="a year ago",
                    posted_on=question.captured_on - datetime.timedelta(days=365),
                    state=published,
                    published_at=when,
                )
                answers.append(answer)
                bodies.append((answer, spans))
        Question.objects.bulk_create(questions)
        for answer in answers:
            answer.question_id = answer.question.pk
        Answer.objects.bulk_create(answers)
        claims = []
        for answer, spans in bodies:
            for claim_number, (start, end) in enumerate(spans, start=1):
                claim = Claim(answer=answer, number=claim_number, state=published, published_at=answer.published_at)
                claim.place(answer.body, start, end)
                roll = rng.random()
                if roll < 0.01:
                    # Lost from the text by an edit: the quote now reads differently from the sentence there.
                    claim.exact = claim.exact.replace(" in ", " around ", 1).replace(".", " or so.", 1)
                    claim.orphaned, claim.orphaned_at = True, answer.published_at + datetime.timedelta(days=100)
                elif roll < 0.015:
                    claim.state, claim.withdrawn_at = State.WITHDRAWN, answer.published_at + datetime.timedelta(days=50)
                    claim.withdrawal_reason = "Not a checkable statement."
                claims.append(claim)
        return questions, answers, Claim.objects.bulk_create(claims)

    def reviews(self, claims):
        """Plan each claim's revisions, write them as drafts with their evidence, and move them through review."""
        from answers.models import Annotation, AnnotationSource

        plans = [self.plan(claim) for claim in claims]
        # One bulk insert per revision depth and group: older revisions first, since a newer one is based on
        # the one before it, and each insert's primary keys are a range the review can select by.
        batches = []
        for depth in range(max((len(plan.revisions) for plan in plans), default=0)):
            for group in GROUPS:
                revisions = []
                for plan in plans:
                    if depth < len(plan.revisions) and plan.revisions[depth][0] == group:
                        revision = plan.revisions[depth][1]
                        revision.based_on = plan.revisions[depth - 1][1] if depth else None
                        revisions.append(revision)
                if revisions:
                    batches.append((group, Annotation.objects.bulk_create(revisions)))
        created = [revision for _, revisions in batches for revision in revisions]
        Evidence = Annotation.evidence.through
        events = self.vocabulary.events
        Evidence.objects.bulk_create(
            Evidence(annotation_id=revision.pk, event_id=event.pk)
            for revision in created
            for event in self.rng.sample(events, self.rng.choice((0, 1, 1, 2)))
        )
        AnnotationSource.objects.bulk_create(
            AnnotationSource(
                annotation=revision,
                title=f"{event.name} (encyclopaedia entry)",
                url=f"{self.rng.choice(SOURCES)}{event.slug}",
            )
            for revision in created
            if self.rng.random() < 0.2
            for event in [self.rng.choice(events)]
        )
        self.review(batches)

    def plan(self, claim):
        """Return the revisions of `claim`: how many, and which way each review went."""
        from answers.models import Annotation

        rng, plan = self.rng, Plan(claim)
        roll = rng.random()
        if roll < 0.15:
            return plan
        if roll < 0.2:
            groups = ["submitted"]
        else:
            groups = ["published"]
            extra = rng.random()
            if extra < 0.1:
                groups = ["superseded", "published"]
            elif extra < 0.15:
                groups.append("submitted")
            elif extra < 0.17:
                groups.append("rejected")
        created = self.now - datetime.timedelta(days=rng.randint(200, 390), minutes=rng.randint(0, 1440))
        for number, group in enumerate(groups, start=1):
            words = claim.exact
            if number == len(groups) and group == "published" and rng.random() < 0.01:
                words = words.replace(".", ", it is said.", 1)  # reviewed for words the claim no longer has
            revision = Annotation(
                claim=claim,
                revision=number,
                verdict=self.vocabulary.verdict(),
                rationale=self.vocabulary.rationale(claim.exact),
                claim_text=words,
                created_by=rng.choice(self.editors),
                created_at=created,
            )
            plan.revisions.append((group, revision))
            created += datetime.timedelta(days=rng.randint(2, 60))
        return plan

    def review(self, batches):
        """Submit every new draft, then decide each batch as a reviewer other than its editor would."""
        from django.db.models import Case, F, Value, When

        from answers.models import Annotation, Verdict

        if not batches:
            return
        Status = Annotation.Status
        lowest = min(revision.pk for _, revisions in batches for revision in revisions)
        Annotation.objects.filter(pk__gte=lowest, status=Status.DRAFT).update(
            status=Status.SUBMITTED, submitted_at=F("created_at") + datetime.timedelta(hours=2)
        )
        reviewer = Case(
            *[
                When(created_by_id=editor.pk, then=Value(self.reviewers[index % len(self.reviewers)].pk))
                for index, editor in enumerate(self.editors)
            ]
        )
        label = Case(*[When(verdict_id=verdict.pk, then=Value(verdict.label)) for verdict in Verdict.objects.all()])
        decided = {"reviewed_by_id": reviewer, "reviewed_at": F("submitted_at") + datetime.timedelta(hours=20)}
        published = {"status": Status.PUBLISHED, "verdict_label": label, **decided}
        rejected = {"status": Status.REJECTED, "review_comment": "The sources do not bear this out.", **decided}
        # Superseded revisions are published, then superseded, before their successors are published: a claim
        # has one published revision at a time.
        for group, changes in (
            ("superseded", published),
            ("superseded", {"status": Status.SUPERSEDED}),
            ("published", published),
            ("rejected", rejected),
        ):
            for _, revisions in (batch for batch in batches if batch[0] == group):
                keys = [revision.pk for revision in revisions]
                rows = Annotation.objects.filter(pk__range=(min(keys), max(keys)))
                if rows.count() != len(keys):
                    raise RuntimeError(f"The {group} revisions written together are not one range of keys.")
                rows.update(**changes)


# Synthetic timeline events: names made of invented places, so that none is a real event's.
SYLLABLES = ("var", "nes", "or", "li", "mo", "tan", "del", "rik", "sa", "vo", "ken", "bra", "ul", "zen", "ti")
SYLLABLES += ("mar", "est", "go", "lun", "ber", "cas", "dra", "fe", "hol", "is", "jor", "ka", "pel", "qui", "ros")
EVENT_NAMES = {
    "war": ("{place} War", "War of {place}", "{place}–{other} War"),
    "treaty": ("Treaty of {place}", "Peace of {place}", "{place} Accord"),
    "diplomacy": ("Congress of {place}", "{place} Conference"),
    "crisis": ("{place} Crisis", "{place} Affair"),
    "military-incident": ("Battle of {place}", "Siege of {place}", "{place} Incident"),
    "political-change": ("{place} Revolution", "{place} Uprising"),
}


def place_names(rng):
    """Yield invented place names ("Varnesk", "Tanmoli"), never the same twice."""
    seen = set()
    while True:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3, 3, 4)))).capitalize()
        if name not in seen:
            seen.add(name)
            yield name


def synthetic_events(count, seed=SEED, now=None):
    """Return `count` valid, published events with invented names, aliases and dates (not yet saved).

    Each has a name and one or two aliases in the forms real event names take, dates between 1000 and 2020
    to the day, month or year, and a range for wars, so the timeline check has as many names to look for
    as a large real timeline.
    """
    from django.utils.text import slugify

    from config.proposals.models import State
    from events import dates
    from events.models import Event

    rng, now = random.Random(f"{seed}:events:{count}"), now or datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)
    places, events = place_names(rng), []
    for number in range(count):
        category = rng.choice(sorted(EVENT_NAMES))
        place, other = next(places), next(places)
        forms = [form.format(place=place, other=other) for form in EVENT_NAMES[category]]
        name, *aliases = forms
        precision = rng.choice((dates.DAY, dates.DAY, dates.MONTH, dates.YEAR))
        start = dates.truncate(
            datetime.date(rng.randint(1000, 2020), rng.randint(1, 12), rng.randint(1, 28)), precision
        )
        end = end_precision = None
        if category == "war":
            end_precision = rng.choice((dates.DAY, dates.YEAR))
            end = dates.period_end(start + datetime.timedelta(days=rng.randint(30, 3000)), end_precision)
        events.append(
            Event(
                name=name,
                slug=f"{slugify(name)}-{number}",
                aliases="\n".join(aliases[: rng.choice((1, 2))]),
                category=category,
                summary=f"An invented event for the benchmark: {name}, in {start.year}.",
                start_date=start,
                start_precision=precision,
                end_date=end,
                end_precision=end_precision or "",
                state=State.PUBLISHED,
                published_at=now,
            )
        )
    return events


def sample_is_valid(count=50, seed=SEED):
    """Run full_clean on `count` of each synthetic kind of object (not orphaned claims: their quote is gone)."""
    from answers.models import Annotation, Answer, Author, Claim, Question

    rng = random.Random(seed)
    querysets = (
        Question.objects.filter(document__startswith="bench/"),
        Answer.objects.filter(question__document__startswith="bench/"),
        Author.objects.filter(answers__question__document__startswith="bench/").distinct(),
        Claim.objects.filter(answer__question__document__startswith="bench/", orphaned=False),
        Annotation.objects.filter(claim__answer__question__document__startswith="bench/"),
    )
    checked = 0
    for queryset in querysets:
        keys = list(queryset.values_list("pk", flat=True))
        for instance in queryset.model.objects.filter(pk__in=rng.sample(keys, min(count, len(keys)))):
            instance.full_clean()
            checked += 1
    return checked


def refresh_read_models(log=print):
    """Run the commands that rebuild what the public pages read from the source tables, where they exist."""
    from django.core.management import call_command, get_commands

    for command in ("refresh_listings", "rebuild_search"):
        if command in get_commands():
            began = time.perf_counter()
            call_command(command, verbosity=0)  # stdout is read for the build time
            log(f"  {command}: {time.perf_counter() - began:.1f} s")


def prepare(size, seed=SEED, log=print):
    """Migrate the configured database; fill it unless it was already built; return the seconds building took.

    A database that was built already is only migrated; if a migration ran, the read models are rebuilt.
    """
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    built = "answers_question" in connection.introspection.table_names() and _built(connection)
    began = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    if built:
        if pending:
            refresh_read_models(log)
        return None
    # One transaction: a build that fails leaves no half-built database to be taken for a whole one.
    with transaction.atomic():
        call_command("load_fixtures", verbosity=0)
        Builder(size, seed, log=log).build()
    refresh_read_models(log)
    gather_statistics()
    return time.perf_counter() - began


def gather_statistics():
    """Gather PostgreSQL's planner statistics after a bulk load, as autovacuum would soon after it.

    Without them the planner may take the tables for as small as when it last looked (empty, in a test
    database), and join them with nested scans that read every row, dead ones included, for each row. SQLite
    is left as a site leaves it: Django never runs ANALYZE there.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _built(connection):
    from answers.models import Question

    return Question.objects.filter(document__startswith="bench/").exists()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, required=True, help="How many claims to write.")
    parser.add_argument("--seed", type=int, default=SEED, help="The random seed; the same seed builds the same rows.")
    arguments = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    seconds = prepare(arguments.size, arguments.seed, log=lambda line: print(line, file=sys.stderr, flush=True))
    print("reused" if seconds is None else f"{seconds:.1f}")


if __name__ == "__main__":
    main()
