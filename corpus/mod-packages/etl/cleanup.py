"""Drop temporary tables left behind by failed loads."""

if __name__ == "__main__":
    print("cleanup")
