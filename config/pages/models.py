from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from config.history import History
from config.pages import markup
from config.proposals.models import Publishable, PublishableQuerySet

# The pages the site links to from every page, by slug; the verdict definitions page lists the vocabulary too.
ABOUT, METHODOLOGY, VERDICTS, CORRECTIONS = "about", "methodology", "verdicts", "corrections"


class PageQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Page(Publishable):
    """A page that explains the site to readers: who publishes it, how verdicts are reached, how corrections work."""

    slug = models.SlugField(
        _("slug"),
        unique=True,
        help_text=_("The page's address: /about/ for “about”, /about/ and the slug for the others. Links point at it."),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Plain text. Separate paragraphs with an empty line. A paragraph starting with “## ” is a heading; "
            "lines starting with “- ” make a list; [words](/address/) or [words](https://…) make a link. "
            "Once the page is published, your change is kept as a proposal: readers see the published text "
            "until another person approves it."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Order among the pages."))

    objects = PageQuerySet.as_manager()
    history = History()

    class Meta:
        verbose_name = _("explanatory page")
        verbose_name_plural = _("explanatory pages")
        ordering = ["position", "slug"]
        constraints = [*Publishable.Meta.constraints]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        if self.slug == ABOUT:
            return reverse("pages:about")
        return reverse("pages:page-detail", args=[self.slug])

    def blocks(self):
        """Return the body as headings, paragraphs and lists of safe HTML pieces (see config.pages.markup)."""
        return markup.blocks(self.body)
