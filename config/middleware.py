"""Project middleware."""

from django.http import HttpResponseBadRequest


class RejectNullCharactersMiddleware:
    """Answer 400 to a request whose query string or form data holds a NUL character.

    No text Factline stores or searches can contain one, and PostgreSQL refuses it outright, so such a
    request can only fail later, as a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or "\x00" in value
            for data in (request.GET, request.POST)
            for key, values in data.lists()
            for value in values
        ):
            return HttpResponseBadRequest("Requests may not contain NUL characters.", content_type="text/plain")
        return self.get_response(request)
