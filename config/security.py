"""Login throttling with django-axes: the client's address, and the page a locked-out login gets."""

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _


def client_ip_address(request):
    """Return the address a login comes from: the trusted proxy's header behind a proxy, else the peer.

    Each proxy appends the address it received the request from, so with N proxies the client is the
    Nth entry from the right; entries further left were written by the client and are not believed.
    """
    if settings.BEHIND_PROXY:
        entries = [entry.strip() for entry in request.META.get(settings.CLIENT_IP_HEADER, "").split(",")]
        entries = [entry for entry in entries if entry]
        if entries:
            return entries[-min(settings.CLIENT_IP_PROXY_COUNT, len(entries))]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """Return the admin's login page saying that logins are paused, and until when (status 429)."""
    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "title": _("Logging in is paused"),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "retry_at": timezone.now() + cool_off,
        "cool_off_minutes": round(cool_off.total_seconds() / 60),
    }
    return TemplateResponse(request, "admin/locked_out.html", context, status=429).render()
