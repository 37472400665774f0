"""Request types for views behind the login (LoginRequiredMiddleware guarantees the user)."""

from django.http import HttpRequest

from polku.accounts.models import User


class AuthedRequest(HttpRequest):
    user: User
