"""Refresh the marts when the source system pings us."""

from dlt.hub.run import trigger

__trigger__ = trigger.http(8080, "/refresh")


def refresh() -> None:
    print("refresh")


if __name__ == "__main__":
    refresh()
