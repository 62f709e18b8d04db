"""PDFs from HTML templates, for every app (A8): a proposal, a completed form, a committee
paper. Templates extend templates/pdf/base.html, which carries the council's name, the
running header and the page numbers.

The renderer reads the portal's own static files and nothing else. Templates escape what
people type, but a renderer that may fetch URLs turns any slip (a `|safe` too many, a
stylesheet built from user text) into a request made from the server, to the network or to
its files: the class of issue behind CVE-2025-68616. So every other URL is refused,
http(s), file: and data: alike; nothing the portal prints needs them.
"""

import logging
import mimetypes
import os
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from weasyprint.pdf.metadata import NS, DocumentMetadata
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Relative URLs in a PDF template resolve against this origin. The .invalid domain never
# resolves, and the fetcher serves it from disk, so "/static/..." can only mean a static file.
BASE_URL = "https://portal.invalid/"


RDF = NS["rdf"]
DC = NS["dc"]


class RefusedURL(ValueError):
    """The renderer was asked for something other than one of the portal's static files."""


def static_file(url):
    """The file on disk that a static URL names, or None for any other URL."""
    prefix = urlsplit(urljoin(BASE_URL, settings.STATIC_URL))
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (prefix.scheme, prefix.netloc):
        return None
    if not parts.path.startswith(prefix.path):
        return None
    name = unquote(parts.path.removeprefix(prefix.path))
    if not name or "\\" in name or "\0" in name or {".", ".."} & set(name.split("/")):
        return None
    try:
        path = finders.find(name)
        # In production the collected copy may be the only one.
        if not path and staticfiles_storage.exists(name):
            path = staticfiles_storage.path(name)
    except SuspiciousFileOperation:
        return None
    return path if path and os.path.isfile(path) else None


class StaticFilesOnly(URLFetcher):
    """WeasyPrint's fetcher, serving the portal's static files from disk and refusing the
    rest. A refusal leaves the resource out of the PDF; it never stops the rendering."""

    def fetch(self, url, headers=None):
        path = static_file(url)
        if path is None:
            logger.warning("The PDF renderer refused to fetch %r", url[:200])
            raise RefusedURL(f"Not one of the portal's static files: {url[:200]}")
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        with open(path, "rb") as file:
            body = file.read()
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


class Metadata(DocumentMetadata):
    """WeasyPrint's XMP metadata (title, and the author: the council) with the document's
    language added, which WeasyPrint puts only in the catalogue."""

    def generate_rdf_metadata(self, variant, version, conformance):
        rdf = ElementTree.fromstring(super().generate_rdf_metadata(variant, version, conformance))  # noqa: S314 (WeasyPrint's own output)
        if self.lang:
            description = ElementTree.SubElement(
                rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""}
            )
            language = ElementTree.SubElement(description, f"{{{DC}}}language")
            bag = ElementTree.SubElement(language, f"{{{RDF}}}Bag")
            ElementTree.SubElement(bag, f"{{{RDF}}}li").text = self.lang
        return ElementTree.tostring(rdf, encoding="utf-8")


def html_to_pdf(html):
    document = weasyprint.HTML(
        string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnly()
    ).render()
    document.metadata = Metadata(**vars(document.metadata))
    # PDF/UA-1: tagged, so that a screen reader can follow headings, tables and each
    # question's answer, with XMP metadata and the title shown (public sector accessibility
    # rules apply to documents too).
    return document.write_pdf(pdf_variant="pdf/ua-1")


def render_pdf(template_name, context):
    """The template rendered as a PDF, as bytes. It runs without a request (so it can run in
    a background task too): the context must carry everything the template shows, the
    council's policy included (templates/pdf/base.html prints its name on every page)."""
    if "policy" not in context:
        raise ValueError("A PDF's context must carry the policy in force")
    return html_to_pdf(render_to_string(template_name, context))


def pdf_filename(*parts):
    """A file name anyone can save: e.g. "south-derbyshire-district-council-...-p0001.pdf"."""
    name = "-".join(filter(None, (slugify(str(part)) for part in parts)))
    return f"{name[:150].rstrip('-') or 'document'}.pdf"


def pdf_response(pdf, filename):
    """The PDF as a download. What the portal prints is internal, so no cache keeps a copy."""
    response = HttpResponse(
        pdf,
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
