import pytest
from rest_framework.test import APIClient


@pytest.fixture
def api(world):
    """``api(user)``: a client authenticated with that user's token."""
    from rest_framework.authtoken.models import Token

    def client_for(user=None, language="en"):
        client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return client_for
