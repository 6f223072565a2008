"""Who a request comes from, read one way wherever a client is counted: the login throttle
(``AXES_CLIENT_IP_CALLABLE``) and the verification page's limit on comparisons."""

from django.conf import settings


def client_address(request) -> str:
    """The client's address: the socket's, or the one ``NUM_PROXIES`` trusted proxies name.

    The same rule as the API's throttles (``REST_FRAMEWORK["NUM_PROXIES"]``), so a client
    cannot choose the address it is counted under by sending its own X-Forwarded-For.
    """
    proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR", "")
