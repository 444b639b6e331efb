"""The platforms' length rules and the text mechanics behind `crisiscomms.measure`.

This is a documented public namespace. `crisiscomms.measure` and
`crisiscomms.Measurement` are also at the top level; here are the rule table
and the building blocks for callers who need them one by one.

>>> from crisiscomms import platforms
>>> platforms.RULES["x"].limit, platforms.RULES["mastodon"].url_length
(280, 23)
>>> platforms.measure("Bonjour", platforms.RULES["cap_headline"]).remaining
153
>>> platforms.weighted_length("🚨 Outage")
9
"""

from __future__ import annotations

from crisiscomms.text._graphemes import count_graphemes
from crisiscomms.text._measure import ChannelLike, Measurement, mastodon_length, measure
from crisiscomms.text._platforms import RULES, Platform, PlatformRule, Unit
from crisiscomms.text._safety import check_links, check_unicode, link_domains
from crisiscomms.text._sms import SmsEncoding, non_gsm_characters, split_sms
from crisiscomms.text._twitter import extract_urls, weighted_length

__all__ = [
    "RULES",
    "ChannelLike",
    "Measurement",
    "Platform",
    "PlatformRule",
    "SmsEncoding",
    "Unit",
    "check_links",
    "check_unicode",
    "count_graphemes",
    "extract_urls",
    "link_domains",
    "mastodon_length",
    "measure",
    "non_gsm_characters",
    "split_sms",
    "weighted_length",
]

# Show `crisiscomms.platforms.PlatformRule`, not the private module, in reprs and docs.
for _name in __all__:
    _obj = globals()[_name]
    if getattr(_obj, "__module__", "").startswith("crisiscomms.text."):
        _obj.__module__ = __name__
del _name, _obj
