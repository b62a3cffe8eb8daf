"""


    Growth team workspace   
    Signups, activation and referral jobs.

    Owner: growth-data@example.com
"""

from signups import load_signups, score_activation

__tags__ = ("growth", "team:product-data")

REFERRAL_BONUS = 25
_SLACK_CHANNEL = "#growth-data"

# disabled until the referral API is migrated
legacy_export = None

__all__ = [
    "load_signups",
    "score_activation",
    "load_referrals",
    "REFERRAL_BONUS",
    "_SLACK_CHANNEL",
    "legacy_export",
]
