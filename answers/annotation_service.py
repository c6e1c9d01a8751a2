"""The W3C Web Annotation Protocol, read-only: containers of published verdicts, and each annotation.

Readers GET, HEAD and OPTIONS them; the writing methods are answered 405 with the methods allowed. A
container answers with its first page embedded (PreferContainedDescriptions), with the IRIs of its
annotations instead (PreferContainedIRIs, or `?iris=1`), or with links to its first and last pages only
(PreferMinimalContainer). Every public page points to a container with the protocol's discovery link.
"""

import hashlib
import json
import re

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.http import quote_etag
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from answers.models import Question
from answers.webannotations import Container, annotation, public_revisions, reviewed_anchors
from config.cache import is_admin
from config.views import absolute_url

ANNOTATION_PROFILE = "http://www.w3.org/ns/anno.jsonld"
JSON_LD = f'application/ld+json; profile="{ANNOTATION_PROFILE}"'
LDP = "http://www.w3.org/ns/ldp#"
OA = "http://www.w3.org/ns/oa#"
PROTOCOL = "http://www.w3.org/TR/annotation-protocol/"
SERVICE = OA + "annotationService"
MINIMAL, IRIS, DESCRIPTIONS = LDP + "PreferMinimalContainer", "PreferContainedIRIs", "PreferContainedDescriptions"
ALLOWED = "GET, HEAD, OPTIONS"
# Protocol clients running in a browser on another site may read everything here: it is all public.
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "Allow, Content-Location, ETag, Link, Preference-Applied, Vary",
}


def link(target, rel):
    return f'<{target}>; rel="{rel}"'


def media_type(request):
    """Return the media type to answer `request` in, by its Accept header, or None if it accepts neither."""
    chosen = request.get_preferred_type([JSON_LD, "application/ld+json", "application/json"])
    if chosen == "application/json":
        return chosen
    # JSON-LD under another profile is still JSON-LD: a profile adds meaning, it takes none away.
    if chosen or any(accepted.sub_type == "ld+json" for accepted in request.accepted_types):
        return JSON_LD
    return None


def preferences(header):
    """Return (minimal, iris): what the Prefer header's return=representation asks of a container.

    `include="…"` and `omit="…"` hold space-separated IRIs; IRIs wins only if descriptions are not asked
    for too, the container's default being its descriptions.
    """
    if not re.search(r"\breturn\s*=\s*\"?representation\b", header):
        return False, False
    given = {name: set(value.split()) for name, value in re.findall(r"\b(include|omit)\s*=\s*\"([^\"]*)\"", header)}
    include, omit = given.get("include", set()), given.get("omit", set())
    named = {iri.rpartition("#")[2] for iri in include if iri.startswith((OA, LDP))}
    iris = (IRIS in named or any(iri.endswith("#" + DESCRIPTIONS) for iri in omit)) and DESCRIPTIONS not in named
    return MINIMAL in include, iris


@method_decorator(csrf_exempt, name="dispatch")  # nothing is written: POST and the rest are answered 405
class ProtocolView(View):
    """A read-only resource of the protocol: JSON-LD by content negotiation, with its ETag and headers."""

    http_method_names = ["get", "head", "options"]
    links = [link(LDP + "Resource", "type")]
    vary = ["Accept"]

    def headers(self):
        return {"Allow": ALLOWED, "Link": ", ".join(self.links), **CORS}

    def options(self, request, *args, **kwargs):
        response = HttpResponse(content_type="text/plain; charset=utf-8", headers=self.headers())
        response["Access-Control-Allow-Methods"] = ALLOWED
        response["Access-Control-Allow-Headers"] = "Accept, Prefer, If-None-Match, If-Match"
        patch_vary_headers(response, self.vary)
        return response

    def http_method_not_allowed(self, request, *args, **kwargs):
        response = super().http_method_not_allowed(request, *args, **kwargs)
        for name, value in {**self.headers(), "Content-Type": "text/plain; charset=utf-8"}.items():
            response[name] = value
        return response

    def render(self, request, document, location=None, applied=False):
        """Return `document` in the negotiated media type, answering a conditional request with 304 or 412."""
        content_type = media_type(request)
        if content_type is None:
            response = HttpResponse(
                f"Annotations are served as {JSON_LD} or application/json.\n",
                status=406,
                content_type="text/plain; charset=utf-8",
            )
            patch_vary_headers(response, self.vary)
            return response
        body = json.dumps(document, ensure_ascii=False, indent=2).encode()
        response = HttpResponse(body, content_type=content_type, headers=self.headers())
        response["ETag"] = quote_etag(hashlib.sha256(content_type.encode() + b"\n" + body).hexdigest()[:32])
        if location:
            response["Content-Location"] = location
        if applied:
            response["Preference-Applied"] = "return=representation"
        patch_vary_headers(response, self.vary)
        if request.method == "HEAD":
            response.content = b""
            response["Content-Length"] = str(len(body))
        return get_conditional_response(request, etag=response["ETag"], response=response)


class AnnotationView(ProtocolView):
    """One public revision's Annotation, at its IRI; a superseded one says which revision replaced it."""

    def get(self, request, pk):
        revision = get_object_or_404(public_revisions(with_successor=True), pk=pk)
        document = annotation(revision, reviewed_anchors([revision]))
        return self.render(request, document, location=document["id"])


class ContainerView(ProtocolView):
    """The container of every published verdict on the public lists; its pages are `?iris=0|1&page=N`."""

    links = [
        link(LDP + "BasicContainer", "type"),
        link(LDP + "Resource", "type"),
        link(PROTOCOL, LDP + "constrainedBy"),
    ]
    vary = ["Accept", "Prefer"]

    def get_container(self):
        return Container.site()

    def get(self, request, **kwargs):
        container = self.get_container()
        iris = request.GET.get("iris")
        if iris not in (None, "0", "1"):
            return HttpResponseBadRequest("iris is 0 (annotations) or 1 (their IRIs).", content_type="text/plain")
        if "page" in request.GET:
            number = request.GET["page"]
            if not (number.isascii() and number.isdigit() and len(number) < 10):
                return HttpResponseBadRequest("page is a page number, from 0.", content_type="text/plain")
            if int(number) > container.last_page:
                raise Http404("This container has no such page.")
            document = container.page(iris == "1", int(number))
            return self.render(request, document, location=document["id"])
        minimal, preferred_iris = preferences(request.headers.get("Prefer", ""))
        document = container.collection(iris == "1" if iris else preferred_iris, minimal)
        applied = minimal or (preferred_iris and iris is None)
        return self.render(request, document, location=document["id"], applied=applied)


class QuestionContainerView(ContainerView):
    """The container of the published verdicts on one question's answers, in the order of its answers."""

    def get_container(self):
        return Container.of_question(get_object_or_404(Question.objects.on_record(), slug=self.kwargs["slug"]))


def service_for(view_name, kwargs):
    """Return the IRI of the container a page advertises: its question's on a question page, else the site's."""
    if view_name == "answers:question-detail":
        return absolute_url(reverse("answers:question-annotations", args=[kwargs["slug"]]))
    return absolute_url(reverse("answers:annotation-container"))


class AnnotationServiceMiddleware:
    """Advertise the annotation container of every public page, by a Link header and (base.html) a <link>.

    The page's template reads `request.annotation_service`; it stands inside the page cache, so a cached
    page keeps its header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.annotation_service = None if is_admin(request) else service_for(None, {})
        response = self.get_response(request)
        if request.annotation_service and response.get("Content-Type", "").startswith("text/html"):
            service = link(request.annotation_service, SERVICE)
            response["Link"] = f"{response['Link']}, {service}" if response.has_header("Link") else service
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.annotation_service:
            request.annotation_service = service_for(request.resolver_match.view_name, view_kwargs)

    def process_exception(self, request, exception):
        # A page not found (an unknown question's, say) advertises the site's container, which exists.
        if request.annotation_service:
            request.annotation_service = service_for(None, {})
