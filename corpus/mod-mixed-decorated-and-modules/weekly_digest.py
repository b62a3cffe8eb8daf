"""Send the weekly community digest."""

from dlt.hub.run import trigger

__trigger__ = [trigger.schedule("0 9 * * 1")]
__require__ = {"timezone": "America/New_York"}

if __name__ == "__main__":
    print("digest")
