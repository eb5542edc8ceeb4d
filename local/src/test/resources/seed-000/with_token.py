"""Runs a client example (argv[1]) with a bearer token (ATHANOR_TOKEN) on each request to ATHANOR_BASE_URL."""
import os
import runpy
import sys

import requests

_TOKEN = os.environ["ATHANOR_TOKEN"]
_BASE_URL = os.environ["ATHANOR_BASE_URL"]
_request = requests.Session.request


def _request_with_token(self, method, url, *args, **kwargs):
    if str(url).startswith(_BASE_URL):
        headers = dict(kwargs.pop("headers", None) or {})
        headers.setdefault("Authorization", "Bearer " + _TOKEN)
        kwargs["headers"] = headers
    return _request(self, method, url, *args, **kwargs)


requests.Session.request = _request_with_token
runpy.run_path(sys.argv[1], run_name="__main__")
