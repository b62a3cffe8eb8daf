"""Retrain the demand model every Monday morning, Berlin time."""

from dlt.hub.run import trigger

__trigger__ = trigger.schedule("0 6 * * 1")
__require__ = {
    "profile": "prod",
    "machine": "gpu-a100",
    "provider": "modal",
    "region": "eu-central-1",
    "timezone": "Europe/Berlin",
}

if __name__ == "__main__":
    print("retraining")
