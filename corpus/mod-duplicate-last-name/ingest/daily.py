"""Daily ingest of partner files."""

if __name__ == "__main__":
    print("ingest")
