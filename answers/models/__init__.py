from answers.models.annotations import Annotation, AnnotationQuerySet, AnnotationSource, FrozenRevisionError
from answers.models.checks import ClaimCheck
from answers.models.claims import Claim
from answers.models.content import Answer, Author, Question, Reanchoring, Verdict, save_with_history
from answers.models.imports import StagedImport
from answers.models.listings import ClaimListing, Listing, Tally, refresh_listings

__all__ = [
    "Annotation",
    "AnnotationQuerySet",
    "AnnotationSource",
    "Answer",
    "Author",
    "Claim",
    "ClaimCheck",
    "ClaimListing",
    "Listing",
    "FrozenRevisionError",
    "Question",
    "Reanchoring",
    "StagedImport",
    "Tally",
    "Verdict",
    "refresh_listings",
    "save_with_history",
]
