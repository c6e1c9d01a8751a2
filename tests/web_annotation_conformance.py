"""The W3C Web Annotation test suite's JSON Schema assertions (tests/conformance/web-annotation), run offline.

The schemas are draft-04 with relative ids: the shared definitions are registered under their ids, and
each assertion listed in a manifest (`*.test`) is checked with format checks for URIs and date-times.
"""

import json
from functools import cache

from jsonschema import Draft4Validator
from referencing import Registry
from referencing.jsonschema import DRAFT4

from tests.conftest import ROOT

FOLDER = ROOT / "tests" / "conformance" / "web-annotation"
ANNOTATION_MUSTS = "annotations/annotationMusts.test"
COLLECTION_MUSTS = "collections/collectionMusts.test"
PAGE_MUSTS = "collections/pages/pageMusts.test"


@cache
def registry():
    schemas = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(FOLDER.glob("definitions/*.json"))]
    return Registry().with_resources((schema["id"], DRAFT4.create_resource(schema)) for schema in schemas)


@cache
def validators(manifest):
    """Return [(path, validator)] for the assertions `manifest` lists, every one expecting "valid"."""
    listed = json.loads((FOLDER / manifest).read_text(encoding="utf-8"))["assertions"]
    found = []
    for path in listed:
        schema = json.loads((FOLDER / path).read_text(encoding="utf-8"))
        assert schema["expectedResult"] == "valid", path
        found.append(
            (path, Draft4Validator(schema, registry=registry(), format_checker=Draft4Validator.FORMAT_CHECKER))
        )
    return found


def failures(document, manifest):
    """Return [(assertion, first error)] for each assertion of `manifest` that `document` fails."""
    found = []
    for path, validator in validators(manifest):
        error = next(validator.iter_errors(document), None)
        if error is not None:
            found.append((path, error.message))
    return found


def assertion_count(manifest):
    return len(validators(manifest))
