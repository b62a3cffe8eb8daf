"""A plain module run as a batch job."""

if __name__ == "__main__":
    print("hi")
