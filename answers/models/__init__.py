from answers.models.annotations import Annotation, AnnotationQuerySet, AnnotationSource, FrozenRevisionError
from answers.models.content import Answer, Author, Claim, Question, Reanchoring, Verdict, save_with_history

__all__ = [
    "Annotation",
    "AnnotationQuerySet",
    "AnnotationSource",
    "Answer",
    "Author",
    "Claim",
    "FrozenRevisionError",
    "Question",
    "Reanchoring",
    "Verdict",
    "save_with_history",
]
