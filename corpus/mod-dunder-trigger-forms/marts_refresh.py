"""Rebuild the orders marts."""

from dlt.hub.run import trigger

from pipelines import ingest_orders

__trigger__ = [trigger.schedule("0 3 * * *"), ingest_orders.success]

if __name__ == "__main__":
    print("refreshing marts")
