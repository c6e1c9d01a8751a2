from answers.models.annotations import Annotation, AnnotationQuerySet, AnnotationSource, FrozenRevisionError
from answers.models.checks import ClaimCheck
from answers.models.claims import Claim
from answers.models.content import Answer, Author, Question, Reanchoring, Verdict, save_with_history

__all__ = [
    "Annotation",
    "AnnotationQuerySet",
    "AnnotationSource",
    "Answer",
    "Author",
    "Claim",
    "ClaimCheck",
    "FrozenRevisionError",
    "Question",
    "Reanchoring",
    "Verdict",
    "save_with_history",
]
