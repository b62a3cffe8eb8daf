"""Export customers to the CRM, nightly or on demand."""

from dlt.hub.run import trigger

__trigger__ = [trigger.schedule("0 23 * * *"), "manual:jobs.customer_export"]

if __name__ == "__main__":
    print("export")
