"""Daily report."""


def render() -> str:
    return "daily"
