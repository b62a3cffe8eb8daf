"""Webhook-driven refresh"""

import refresh_on_push
import status_board

__all__ = ["refresh_on_push", "status_board"]
