from .api import api

urlpatterns, _app_name, _namespace = api.urls
app_name = "api"

# The API answers 401 itself, with a body the OpenAPI document describes, rather than the
# portal's redirect to its sign-in page: a token-holding system has no browser to sign in.
for pattern in urlpatterns:
    pattern.callback.login_required = False
