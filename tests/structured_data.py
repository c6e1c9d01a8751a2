"""What structured-data consumers read from our pages, read with extruct, the extractor they use."""

from functools import cache

import extruct
import rdflib
from rdflib.namespace import RDF, RDFS

from tests.conftest import ROOT

SCHEMA = rdflib.Namespace("https://schema.org/")


def json_ld(page):
    """Every JSON-LD item on a rendered page (a response or its text), as extruct finds it."""
    html = page if isinstance(page, str) else page.content.decode()
    return extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]


def claim_reviews(page):
    return [item for item in json_ld(page) if item.get("@type") == "ClaimReview"]


def claim_review(client, claim):
    """The ClaimReview on a claim's page, or None; a page never carries more than one."""
    reviews = claim_reviews(client.get(claim.get_absolute_url()))
    assert len(reviews) <= 1, reviews
    return reviews[0] if reviews else None


@cache
def vocabulary():
    """The schema.org vocabulary, vendored whole (tests/conformance/schemaorg)."""
    graph = rdflib.Graph()
    graph.parse(ROOT / "tests" / "conformance" / "schemaorg" / "schema.ttl")
    return graph


def schema_types(name):
    """The schema.org type `name` and every type it is a kind of; empty if schema.org has no such type."""
    graph = vocabulary()
    term = SCHEMA[name]
    if (term, RDF.type, RDFS.Class) not in graph:
        return set()
    return set(graph.transitive_objects(term, RDFS.subClassOf))


def schema_property(name):
    """The types a schema.org property applies to and the types its values are expected to have, or None."""
    graph = vocabulary()
    term = SCHEMA[name]
    if (term, RDF.type, RDF.Property) not in graph:
        return None
    return set(graph.objects(term, SCHEMA.domainIncludes)), set(graph.objects(term, SCHEMA.rangeIncludes))
