"""Send the weekly digest e-mail."""


def main() -> None:
    print("sending digest")


if __name__ == "__main__":
    main()
