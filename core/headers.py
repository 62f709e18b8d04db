"""Response headers every page of the portal carries."""

# The portal uses none of these browser features; saying so stops an injected script or a
# framed page from asking for them. (Passkeys, publickey-credentials-*, are left alone for
# sign-in.)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
)


class ResponseHeadersMiddleware:
    """Keeps every response the portal makes (pages, exports, PDFs, documents and error pages)
    out of browser and proxy caches, and sends the Permissions-Policy.

    It sits just inside WhiteNoise, so the static files WhiteNoise serves stay cacheable while
    everything a view or an error handler returns passes through here. Pages seen signed out
    are no-store too: the sign-in page carries a CSRF token, and nothing else is public."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Published open data, seen signed out, is the one thing a cache may keep: the view
        # says so with `public`. Anything else is replaced, not merged, so that a view's
        # max-age never survives alongside no-store.
        signed_in = getattr(getattr(request, "user", None), "is_authenticated", False)
        if signed_in or "public" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "no-store, private"
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
