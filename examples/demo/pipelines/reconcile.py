"""Reconciles payments with orders (run as a plain module)."""

from dlt.hub.run import trigger

__trigger__ = [trigger.schedule("30 2 * * *")]
__require__ = {"profile": "prod"}

if __name__ == "__main__":
    print("reconciling")
