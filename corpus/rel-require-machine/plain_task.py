"""Plain module with a deprecated machine requirement."""
__require__ = {"machine": "big", "profile": "prod"}

if __name__ == "__main__":
    pass
